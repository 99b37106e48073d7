/**
 * The numbers behind the residual panels' charts over training steps: every run's training loss
 * (the degradation experiment) and, for runs with auxiliary heads, the main loss beside each
 * auxiliary loss. Pure: run histories in, StepLines and table series out.
 */
import type { Config } from '../../../engine/contract/config.ts';
import { STEP_FIELDS } from '../../../engine/contract/trainLayout.ts';
import { seriesColor } from '../../charts/chartColors.ts';
import { column, formatStep, nearestIndex, type StepLine } from '../../charts/stepSeries.ts';
import { plainNumber, type TableSeries } from '../../charts/stepTable.ts';
import type { RunHistory } from '../../store/runHistory.ts';
import type { RunView } from '../../store/trainSlice.ts';
import { runColumns } from '../training/runColumns.ts';
import { skipLeading } from '../training/shared.ts';
import { hasAuxHeads } from './runs.ts';

/** One training run as these charts take it. */
export interface StepRun {
  readonly name: string;
  readonly color: string;
  readonly config: Config;
  readonly run: RunView;
}

const named = (quantity: string, run: StepRun) => (run.name ? `${quantity} (${run.name})` : quantity);

// ---------------------------------------------------------------------------------------------
// (d) The degradation experiment: every run's training loss.

/** Each run's training loss (mean over the mini-batches since the previous evaluation), then each mini-batch's, faint. */
export function degradationLines(runs: readonly StepRun[]): StepLine[] {
  const main: StepLine[] = [], faint: StepLine[] = [];
  runs.forEach((r, i) => {
    const { evals, steps } = runColumns(r.run);
    if (evals) main.push(skipLeading({ id: `run-${i}-train`, label: named('training loss', r), color: r.color, steps: evals.steps, values: evals.trainLoss }));
    if (steps) faint.push({ id: `run-${i}-batch`, label: named('mini-batch', r), color: r.color, steps: steps.steps, values: steps.batchLoss, style: 'faint' });
  });
  return [...main, ...faint];
}

export function degradationTableSeries(runs: readonly StepRun[]): TableSeries[] {
  return runs.flatMap((r) => {
    const { evals } = runColumns(r.run);
    return evals ? [skipLeading({ header: r.name || 'training loss', steps: evals.steps, values: evals.trainLoss })] : [];
  });
}

/**
 * "At step 2,000: plain, 6 layers 0.05 · plain, 30 layers 0.69 · residual, 30 layers 0.03", the
 * training loss of each run at its latest evaluation; null before the first one after step 0.
 */
export function degradationSummary(runs: readonly StepRun[]): string | null {
  const latest = runs.map((r) => {
    const { evals } = runColumns(r.run);
    const n = evals?.steps.length ?? 0;
    return n > 0 && evals!.steps[n - 1] > 0 ? { r, step: evals!.steps[n - 1], loss: evals!.trainLoss[n - 1] } : null;
  });
  if (latest.some((l) => l === null) || latest.length === 0) return null;
  const step = Math.min(...latest.map((l) => l!.step));
  const parts = runs.map((r) => {
    const { evals } = runColumns(r.run);
    const i = evals!.steps.indexOf(step);
    return `${r.name || 'training loss'} ${plainNumber(evals!.trainLoss[i])}`;
  });
  return `Training loss at step ${formatStep(step)}: ${parts.join(' · ')}`;
}

// ---------------------------------------------------------------------------------------------
// (e) Auxiliary classifiers: L = L(y, ŷ) + λ (L(y, ŷ¹) + L(y, ŷ²)), each part on its own.

export const AUX_FIELDS = ['mainLoss', 'auxLoss1', 'auxLoss2'] as const;
type AuxField = (typeof AUX_FIELDS)[number];

export interface AuxColumns {
  readonly steps: Float64Array;
  readonly mainLoss: Float64Array;
  readonly auxLoss1: Float64Array;
  readonly auxLoss2: Float64Array;
}

const auxCache = new WeakMap<RunView, AuxColumns | null>();

/** A run's per-step main and auxiliary losses (once per view: a snapshot makes a new one), or null before the first step or from an engine without them. */
export function auxColumns(run: RunView): AuxColumns | null {
  let c = auxCache.get(run);
  if (c === undefined) {
    c = auxHistoryColumns(run.history);
    auxCache.set(run, c);
  }
  return c;
}

export function auxHistoryColumns(history: RunHistory): AuxColumns | null {
  const s = history.steps;
  const index = (f: string) => (STEP_FIELDS as readonly string[]).indexOf(f);
  if (!s || s.rows === 0 || AUX_FIELDS.some((f) => index(f) < 0)) return null;
  return {
    steps: column(s, index('step')),
    mainLoss: column(s, index('mainLoss')),
    auxLoss1: column(s, index('auxLoss1')),
    auxLoss2: column(s, index('auxLoss2')),
  };
}

/**
 * The mean of the values whose step lies in (step - window, step], at every row: a per-batch loss
 * read as a curve. Non-finite values stay in the mean (a diverged run reads NaN from there on).
 */
export function trailingMean(steps: ArrayLike<number>, values: ArrayLike<number>, window: number): Float64Array {
  const out = new Float64Array(values.length);
  let start = 0, sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    while (steps[start] <= steps[i] - window) sum -= values[start++];
    // Re-add from scratch when a NaN or Infinity entered and left the window (NaN - NaN is NaN).
    if (!Number.isFinite(sum)) {
      sum = 0;
      for (let j = start; j <= i; j++) sum += values[j];
    }
    out[i] = sum / (i - start + 1);
  }
  return out;
}

/** The runs' main losses (solid, run colour) and each auxiliary head's (dashed, one colour per head), smoothed over `window` steps. */
export function auxLines(runs: readonly StepRun[], window: number): StepLine[] {
  const withAux = runs.filter((r) => hasAuxHeads(r.config)).length;
  const main: StepLine[] = [], aux: StepLine[] = [];
  runs.forEach((r, i) => {
    const c = auxColumns(r.run);
    if (!c) return;
    main.push({ id: `run-${i}-main`, label: named('main loss', r), color: r.color, steps: c.steps, values: trailingMean(c.steps, c.mainLoss, window) });
    auxHeads(r.config).forEach(({ field, layer }, j) => {
      const label = `aux loss, head at layer ${layer}`;
      aux.push({
        id: `run-${i}-${field}`, label: withAux > 1 ? named(label, r) : label, color: seriesColor(3 + j + (withAux > 1 ? 2 * i : 0)),
        steps: c.steps, values: trailingMean(c.steps, c[field], window), style: 'dashed',
      });
    });
  });
  return [...main, ...aux];
}

/**
 * The table's columns: each run's smoothed main and auxiliary losses, read at the evaluation steps
 * (as the other training tables are: a few dozen rows a person can read, not one per step).
 */
export function auxTableSeries(runs: readonly StepRun[], window: number): TableSeries[] {
  const grouped = runs.length > 1;
  const anchor = runs.map((r) => runColumns(r.run).evals?.steps).find((s) => s && s.length > 0) ?? null;
  const out = runs.flatMap((r) => {
    const c = auxColumns(r.run);
    if (!c) return [];
    const group = grouped ? r.name : undefined;
    const g = group !== undefined ? { group } : {};
    return [
      { header: 'main loss', ...g, steps: c.steps, values: trailingMean(c.steps, c.mainLoss, window), nearest: true },
      ...auxHeads(r.config).map(({ field, layer }) => ({ header: `aux @ layer ${layer}`, ...g, steps: c.steps, values: trailingMean(c.steps, c[field], window), nearest: true })),
    ];
  });
  if (out.length === 0 || !anchor) return out;
  // The first column decides the rows: put the first run's main loss at the evaluations it has reached.
  const first = out[0];
  const steps = anchor.filter((step) => step >= first.steps[0] && step <= first.steps[first.steps.length - 1]);
  const values = steps.map((step) => first.values[nearestIndex(first.steps, step)]);
  return [{ ...first, steps: Float64Array.from(steps), values: Float64Array.from(values), nearest: false }, ...out.slice(1)];
}

/** A run's auxiliary heads: which loss column and which hidden layer each reads. */
export function auxHeads(config: Config): { field: Exclude<AuxField, 'mainLoss'>; layer: number }[] {
  const out: { field: Exclude<AuxField, 'mainLoss'>; layer: number }[] = [];
  if (config.aux1 > 0) out.push({ field: 'auxLoss1', layer: config.aux1 });
  if (config.aux2 > 0) out.push({ field: 'auxLoss2', layer: config.aux2 });
  return out;
}
