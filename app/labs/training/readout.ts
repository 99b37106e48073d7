/**
 * The training bar's numbers, each with the step it belongs to: the training numbers are the
 * current step's (the mean over the mini-batches since the last evaluation, up to this step), the
 * test numbers the step of the evaluation they came from, marked when that is older than the run.
 */
import type { TrainMetrics } from '../../../engine/contract/trainLayout.ts';

const integer = new Intl.NumberFormat('en-US');

export interface TestReadout {
  /** The step the test numbers were computed at, or null before the first evaluation. */
  readonly at: number | null;
  /** The test numbers are from an earlier step than the run's current one. */
  readonly stale: boolean;
  /** "step 300" for stale numbers, '' for current ones. */
  readonly mark: string;
  /** For screen readers and tooltips: "test set evaluated at step 300 (the run is at step 412)". */
  readonly description: string;
}

export function testReadout(m: Pick<TrainMetrics, 'step' | 'evaluatedAt'> | null | undefined): TestReadout {
  if (!m || m.evaluatedAt < 0) return { at: null, stale: false, mark: '', description: 'not evaluated yet' };
  const stale = m.evaluatedAt < m.step;
  return {
    at: m.evaluatedAt,
    stale,
    mark: stale ? `step ${integer.format(m.evaluatedAt)}` : '',
    description: stale
      ? `test set evaluated at step ${integer.format(m.evaluatedAt)} (the run is at step ${integer.format(m.step)})`
      : `test set evaluated at step ${integer.format(m.evaluatedAt)}, the current step`,
  };
}
