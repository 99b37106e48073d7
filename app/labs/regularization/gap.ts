/**
 * The generalization gap over training: test loss minus training loss at each evaluation (the
 * training loss is the mean of the mini-batches since the previous evaluation, as the loss chart
 * draws it). Pure, so the panel's numbers are tested without a page.
 */
export interface GapSeries {
  readonly steps: Float64Array;
  readonly gap: Float64Array;
}

/** test - train per evaluation, from the first evaluation that has a training mean (step 0 has none). */
export function gapSeries(steps: ArrayLike<number>, trainLoss: ArrayLike<number>, testLoss: ArrayLike<number>): GapSeries {
  let from = 0;
  while (from < steps.length && !Number.isFinite(trainLoss[from])) from++;
  const n = Math.max(0, steps.length - from);
  const s = new Float64Array(n), gap = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s[i] = steps[from + i];
    gap[i] = testLoss[from + i] - trainLoss[from + i];
  }
  return { steps: s, gap };
}

/** The last finite gap, or NaN. */
export function lastGap(series: GapSeries): number {
  for (let i = series.gap.length - 1; i >= 0; i--) if (Number.isFinite(series.gap[i])) return series.gap[i];
  return NaN;
}
