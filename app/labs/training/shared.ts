/** Small pieces the training panels share. */
import { spreadRows } from '../../charts/stepSeries.ts';
import type { TrainUiStatus } from '../../store/trainSlice.ts';
import type { ShownRun } from './runs.ts';

const NONE: readonly number[] = [];

/** Steps at which a shown run stopped on divergence (marked on every chart over steps); one shared empty array when none did, so memoized charts skip. */
export function divergedSteps(runs: readonly ShownRun[]): readonly number[] {
  const steps = runs.filter((r) => r.run.status === 'diverged').map((r) => r.run.metrics.step);
  return steps.length === 0 ? NONE : steps;
}

/** What a chart over steps says before its first numbers. */
export function trainingPlaceholder(status: TrainUiStatus): string {
  switch (status) {
    case 'error': return 'No chart: training failed (see above).';
    case 'off': return '';
    case 'loading': return 'Building the network and loading the data…';
    default: return 'Waiting for the first evaluation…';
  }
}

/**
 * The series without its leading non-finite values: the training mean at step 0 averages no
 * batches yet (NaN), which is not a divergence and should not be marked as one.
 */
export function skipLeading<T extends { steps: Float64Array; values: Float64Array }>(s: T): T {
  let i = 0;
  while (i < s.values.length && !Number.isFinite(s.values[i])) i++;
  return i === 0 ? s : { ...s, steps: s.steps.subarray(i), values: s.values.subarray(i) };
}

/** Charts two to a row: shorter than a full-width line chart, still readable on a 720-px projector. */
export function smallChartHeight(width: number): number {
  return Math.round(Math.min(320, Math.max(230, width * 0.62)));
}

/** Up to `max` layer indices (0-based) spread evenly over `count`, always the first and the last. */
export function pickLayers(count: number, max = 5): number[] {
  return spreadRows(count, max);
}
