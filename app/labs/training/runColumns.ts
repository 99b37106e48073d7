/**
 * A run's history as columns the charts and tables take: copies out of the DecimatingSeries (which
 * grow in place), made once per snapshot and shared by every panel through a WeakMap on the run.
 * Only the rows since the latest Reset: the store keeps appending a reset run to the same history.
 */
import { EVAL_FIELDS } from '../../../engine/contract/trainLayout.ts';
import { STEP_FIELDS } from '../../../engine/contract/trainLayout.ts';
import { column, latestRunStart } from '../../charts/stepSeries.ts';
import { NORM_HISTORY_FIELDS, type RunHistory } from '../../store/runHistory.ts';
import type { RunView } from '../../store/trainSlice.ts';
import { icsHistoryColumns, type IcsColumns } from './icsColumns.ts';

export interface EvalColumns {
  readonly steps: Float64Array;
  readonly trainLoss: Float64Array;
  readonly trainAccuracy: Float64Array;
  readonly testLoss: Float64Array;
  readonly testAccuracy: Float64Array;
  /** The tracked unit's input (Ioffe & Szegedy's Figure 1): 15th, 50th, 85th percentiles over the test set. */
  readonly p15: Float64Array;
  readonly p50: Float64Array;
  readonly p85: Float64Array;
  /** The prior's term of the objective, wd R(W), at each evaluation (0 without a prior). */
  readonly priorTerm: Float64Array;
}

export interface StepColumns {
  readonly steps: Float64Array;
  readonly batchLoss: Float64Array;
  readonly batchAccuracy: Float64Array;
}

/** One normalized layer's history, NORM_HISTORY_FIELDS as columns. */
export type NormLayerColumns = { readonly [K in (typeof NORM_HISTORY_FIELDS)[number]]: Float64Array };

export interface NormColumns {
  readonly steps: Float64Array;
  readonly layers: readonly NormLayerColumns[];
}

export interface RunColumns {
  readonly evals: EvalColumns | null;
  readonly steps: StepColumns | null;
  readonly norms: NormColumns | null;
  readonly ics: IcsColumns | null;
}

const cache = new WeakMap<RunView, RunColumns>();

/** The columns of a run view (computed once per view; a snapshot makes a new view). */
export function runColumns(run: RunView): RunColumns {
  let c = cache.get(run);
  if (!c) {
    c = historyColumns(run.history);
    cache.set(run, c);
  }
  return c;
}

export function historyColumns(history: RunHistory): RunColumns {
  return { evals: evalColumns(history), steps: stepColumns(history), norms: normColumns(history), ics: icsHistoryColumns(history.ics) };
}

const E = (name: (typeof EVAL_FIELDS)[number]) => EVAL_FIELDS.indexOf(name);

function evalColumns(history: RunHistory): EvalColumns | null {
  const s = history.evals;
  if (!s || s.rows === 0 || s.columns < EVAL_FIELDS.length) return null;
  const from = latestRunStart(s, E('step'));
  const c = (name: (typeof EVAL_FIELDS)[number]) => column(s, E(name), from);
  return {
    steps: c('step'),
    trainLoss: c('trainLoss'),
    trainAccuracy: c('trainAccuracy'),
    testLoss: c('testLoss'),
    testAccuracy: c('testAccuracy'),
    p15: c('trackPreP15'),
    p50: c('trackPreP50'),
    p85: c('trackPreP85'),
    priorTerm: c('priorTerm'),
  };
}

function stepColumns(history: RunHistory): StepColumns | null {
  const s = history.steps;
  if (!s || s.rows === 0) return null;
  const S = (name: (typeof STEP_FIELDS)[number]) => STEP_FIELDS.indexOf(name);
  const from = latestRunStart(s, S('step'));
  return { steps: column(s, S('step'), from), batchLoss: column(s, S('batchLoss'), from), batchAccuracy: column(s, S('batchAccuracy'), from) };
}

function normColumns(history: RunHistory): NormColumns | null {
  const s = history.norms;
  const k = NORM_HISTORY_FIELDS.length;
  if (!s || s.rows === 0 || (s.columns - 1) % k !== 0) return null;
  const from = latestRunStart(s);
  const layers: NormLayerColumns[] = [];
  for (let l = 0; l < (s.columns - 1) / k; l++) {
    const o = 1 + l * k;
    layers.push(Object.fromEntries(NORM_HISTORY_FIELDS.map((f, i) => [f, column(s, o + i, from)])) as NormLayerColumns);
  }
  return { steps: column(s, 0, from), layers };
}
