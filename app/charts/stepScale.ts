/**
 * The steps axis as a scale, shared by the line charts and the layer x step heatmap, so every chart
 * over training steps follows the one choice (linear or log, all steps or the last N).
 */
import { scaleLinear, scaleSymlog } from 'd3-scale';
import { stepDomain, type StepAxis } from './stepAxisContext.ts';
import { nearestIndex, type Numbers } from './stepSeries.ts';

export interface StepScale {
  (step: number): number;
  invert(px: number): number;
  domain(): number[];
  ticks(count?: number): number[];
}

/** Steps 0..end (or the last N of them) onto [from, to] px: linear, or symlog (log that keeps step 0). */
export function stepScale(axis: StepAxis, end: number, range: readonly [number, number]): StepScale {
  const domain = stepDomain(end, axis);
  return axis.scale === 'log' ? scaleSymlog().domain(domain).range(range) : scaleLinear().domain(domain).range(range);
}

/** The ticks of a log steps axis: 0 when in view, then the powers of ten. */
export function logStepTicks([lo, hi]: readonly [number, number]): number[] {
  const ticks = lo <= 0 ? [0] : [];
  for (let t = 1; t <= hi; t *= 10) if (t >= lo) ticks.push(t);
  return ticks;
}

/** Integer ticks of a steps axis `px` wide. */
export function stepTicks(x: StepScale, axis: StepAxis, px: number): number[] {
  const [lo, hi] = x.domain();
  return axis.scale === 'log' ? logStepTicks([lo, hi]) : x.ticks(Math.max(2, Math.floor(px / 95))).filter((t) => Number.isInteger(t));
}

/**
 * Which recorded column each of `pixels` equal pixel columns of a steps axis shows: the column
 * whose step is nearest the pixel's centre, or -1 where the run has no step yet (the axis starts
 * at 0, a run's first recorded step may be later). Recorded steps need not be evenly spaced (the
 * history is thinned as it grows), and on a log axis early steps get most of the width; this puts
 * each column where its step is, as the line charts do.
 */
export function pixelColumns(steps: Numbers, axis: StepAxis, pixels: number): Int32Array {
  const out = new Int32Array(Math.max(0, pixels)).fill(-1);
  const n = steps.length;
  if (n === 0 || pixels <= 0) return out;
  const x = stepScale(axis, steps[n - 1], [0, pixels]);
  // Half the spacing of the two first columns: before that the run has nothing to show.
  const start = steps[0] - (n > 1 ? (steps[1] - steps[0]) / 2 : 0.5);
  for (let p = 0; p < pixels; p++) {
    const step = x.invert(p + 0.5);
    if (step < start) continue;
    out[p] = nearestIndex(steps, step);
  }
  return out;
}

/** The recorded columns a pixel mapping shows, in order, each once. */
export function shownColumns(source: Int32Array): number[] {
  const out: number[] = [];
  for (const c of source) if (c >= 0 && c !== out[out.length - 1]) out.push(c);
  return out;
}

/** The pixel span [first, last + 1) a recorded column occupies; null when it is not shown. */
export function columnSpan(source: Int32Array, column: number): [number, number] | null {
  const first = source.indexOf(column);
  if (first < 0) return null;
  let last = first;
  while (last + 1 < source.length && source[last + 1] === column) last++;
  return [first, last + 1];
}
