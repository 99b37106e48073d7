/**
 * A training run's history as the page keeps it: every series bounded (DecimatingSeries keeps
 * between half and all of its capacity, evenly spread over the whole run), however long the run.
 * The worker sends only what happened since its previous snapshot; this folds it in.
 */
import { NORM_FIELDS, type TrainSnapshot } from '../../engine/contract/trainLayout.ts';
import { DecimatingSeries, type SeriesChunk } from '../../engine/contract/series.ts';

/** Per normalized layer, one row per snapshot: the spread of gamma and beta, and how far the running estimates lag. */
export const NORM_HISTORY_FIELDS = ['gammaMean', 'gammaSd', 'betaMean', 'betaSd', 'meanLag', 'varLag'] as const;

export const STEP_CAPACITY = 2048;
export const EVAL_CAPACITY = 1024;
export const NORM_CAPACITY = 1024;

export interface RunHistory {
  /** STEP_FIELDS + LAYER_STEP_FIELDS per layer (engine/train/trainer.ts); null until the first step. */
  steps: DecimatingSeries | null;
  /** EVAL_FIELDS (engine/train/evaluate.ts). */
  evals: DecimatingSeries | null;
  /** The internal-covariate-shift measures, when the engine sends them. */
  ics: DecimatingSeries | null;
  /** 'step', then NORM_HISTORY_FIELDS per normalized layer. */
  norms: DecimatingSeries | null;
  /** The step of the last norm row (one row per step at most). */
  lastNormStep: number;
}

export function createRunHistory(): RunHistory {
  return { steps: null, evals: null, ics: null, norms: null, lastNormStep: -1 };
}

function fold(series: DecimatingSeries | null, chunk: SeriesChunk | null | undefined, capacity: number): DecimatingSeries | null {
  if (!chunk || chunk.rows === 0) return series;
  const s = series && series.columns === chunk.columns ? series : new DecimatingSeries(chunk.columns, capacity);
  const row = new Float64Array(chunk.columns);
  for (let r = 0; r < chunk.rows; r++) {
    row.set(chunk.data.subarray(r * chunk.columns, (r + 1) * chunk.columns));
    s.offer(row);
  }
  return s;
}

/** Fold a snapshot into the history. `normLayers`: how many layers the norm array covers. */
export function recordSnapshot(history: RunHistory, snapshot: TrainSnapshot, normLayers: number): void {
  history.steps = fold(history.steps, snapshot.steps, STEP_CAPACITY);
  history.evals = fold(history.evals, snapshot.evals, EVAL_CAPACITY);
  history.ics = fold(history.ics, (snapshot as { ics?: SeriesChunk | null }).ics, EVAL_CAPACITY);
  const norm = snapshot.norm, step = snapshot.metrics.step;
  if (norm && normLayers > 0 && step !== history.lastNormStep) {
    const row = normRow(norm, normLayers, step);
    if (!history.norms || history.norms.columns !== row.length) history.norms = new DecimatingSeries(row.length, NORM_CAPACITY);
    history.norms.offer(row);
    history.lastNormStep = step;
  }
}

/** One norm-history row from a snapshot's NORM_FIELDS x width blocks. */
export function normRow(norm: Float32Array, layers: number, step: number): Float64Array {
  const f = NORM_FIELDS.length, width = norm.length / (layers * f), k = NORM_HISTORY_FIELDS.length;
  const row = new Float64Array(1 + layers * k);
  row[0] = step;
  for (let l = 0; l < layers; l++) {
    const at = l * f * width;
    const block = (i: number) => norm.subarray(at + i * width, at + (i + 1) * width);
    const [batchMean, batchVar, runningMean, runningVar, gamma, beta] = NORM_FIELDS.map((_, i) => block(i));
    const g = meanSd(gamma), b = meanSd(beta);
    const o = 1 + l * k;
    row[o] = g.mean;
    row[o + 1] = g.sd;
    row[o + 2] = b.mean;
    row[o + 3] = b.sd;
    row[o + 4] = rmsDiff(batchMean, runningMean);
    row[o + 5] = rmsDiff(batchVar, runningVar);
  }
  return row;
}

function meanSd(a: Float32Array): { mean: number; sd: number } {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  const mean = s / a.length;
  let q = 0;
  for (let i = 0; i < a.length; i++) q += (a[i] - mean) * (a[i] - mean);
  return { mean, sd: Math.sqrt(q / a.length) };
}

function rmsDiff(a: Float32Array, b: Float32Array): number {
  let q = 0;
  for (let i = 0; i < a.length; i++) q += (a[i] - b[i]) * (a[i] - b[i]);
  return Math.sqrt(q / a.length);
}
