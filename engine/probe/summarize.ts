import { HIST_BINS } from '../contract/probeLayout.ts';
import { percentilesInPlace } from './select.ts';

export interface Summary {
  finite: number;
  nonFinite: number;
  mean: number;
  variance: number;
  m2: number;
  p15: number;
  p50: number;
  p85: number;
  min: number;
  max: number;
}

const QUANTILES = [0.15, 0.5, 0.85] as const;

export function emptySummary(): Summary {
  return { finite: 0, nonFinite: 0, mean: NaN, variance: NaN, m2: NaN, p15: NaN, p50: NaN, p85: NaN, min: NaN, max: NaN };
}

/**
 * Statistics of the finite values of x, accumulated in float64; non-finite values are counted,
 * never mixed in, so one overflow does not poison the rest. scratch must be as long as x.
 * The histogram (HIST_BINS counts at hist[histOffset..]) spans the finite [min, max].
 */
export function summarize(x: Float32Array, scratch: Float32Array, out: Summary, hist: Float32Array | null, histOffset: number): Summary {
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v - v === 0) { // finite: Infinity - Infinity and NaN - NaN are NaN
      scratch[n++] = v;
      sum += v;
      sumSq += v * v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  out.finite = n;
  out.nonFinite = x.length - n;
  if (n === 0) {
    if (hist) hist.fill(0, histOffset, histOffset + HIST_BINS);
    out.mean = out.variance = out.m2 = out.p15 = out.p50 = out.p85 = out.min = out.max = NaN;
    return out;
  }
  const mean = sum / n;
  out.mean = mean;
  out.m2 = sumSq / n;
  // Two-pass variance: sumSq/n - mean^2 cancels badly when |mean| >> sd.
  let dev = 0;
  for (let i = 0; i < n; i++) {
    const d = scratch[i] - mean;
    dev += d * d;
  }
  out.variance = dev / n;
  out.min = min;
  out.max = max;
  if (hist) fillHistogram(scratch, n, min, max, hist, histOffset);
  const q = [0, 0, 0];
  percentilesInPlace(scratch, n, QUANTILES, q);
  out.p15 = q[0];
  out.p50 = q[1];
  out.p85 = q[2];
  return out;
}

function fillHistogram(values: Float32Array, n: number, min: number, max: number, hist: Float32Array, offset: number): void {
  hist.fill(0, offset, offset + HIST_BINS);
  const span = max - min;
  if (!(span > 0) || !Number.isFinite(span)) {
    hist[offset + (HIST_BINS >> 1)] = n; // one value repeated (or a span too wide for float64)
    return;
  }
  const scale = HIST_BINS / span;
  for (let i = 0; i < n; i++) {
    let b = Math.floor((values[i] - min) * scale);
    if (b >= HIST_BINS) b = HIST_BINS - 1;
    hist[offset + b]++;
  }
}

/** Sum of squares of the finite entries, and how many entries were not finite. */
export function squaredNorm(x: Float32Array): { sumSq: number; nonFinite: number } {
  let sumSq = 0;
  let nonFinite = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v - v === 0) sumSq += v * v;
    else nonFinite++;
  }
  return { sumSq, nonFinite };
}
