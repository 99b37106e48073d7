/**
 * A log axis that survives what a deep network produces: values spanning 100 decades, a single
 * value, or none at all. Zeros and overflow never reach it; the chart draws them in bands.
 */
import { extent } from 'd3-array';
import { scaleLog, type ScaleLogarithmic } from 'd3-scale';

/** Decades between ticks on wide ranges: labels like 10⁰, 10²⁰, 10⁴⁰ rather than 10⁷, 10¹⁴. */
const NICE_STEPS = [1, 2, 3, 5, 10, 20, 25, 50, 100] as const;

export interface LogTick {
  readonly value: number;
  readonly exponent: number;
  /** Plain text for values near 1 ("0.01", "100"); null means "write it as 10ⁿ". */
  readonly plain: string | null;
}

export interface LogAxis {
  readonly scale: ScaleLogarithmic<number, number>;
  readonly ticks: readonly LogTick[];
}

/**
 * A log scale over every positive finite value, from a tick to a tick: whole decades, a tick every
 * 1, 2, 5, 10... decades so there are at most about `count`, and at least two decades in view so a
 * flat line sits inside the plot rather than on its edge.
 */
export function logAxis(values: readonly number[], range: [number, number], count: number): LogAxis {
  const [min, max] = extent(values.filter((v) => v > 0 && Number.isFinite(v)));
  let first = min === undefined ? -1 : Math.floor(Math.log10(min));
  let last = max === undefined ? 1 : Math.ceil(Math.log10(max));
  if (last - first < 2) {
    const mid = (first + last) / 2;
    first = Math.floor(mid - 1);
    last = Math.ceil(mid + 1);
  }
  const wanted = (last - first) / Math.max(1, count);
  const step = NICE_STEPS.find((k) => k >= wanted) ?? Math.ceil(wanted / 100) * 100;
  const lo = Math.floor(first / step) * step;
  const hi = Math.ceil(last / step) * step;
  // Float64 powers of ten can round past the data (10 ** -7 > 1e-7 in the last bit) or leave
  // float64 altogether (10 ** -324 is 0, 10 ** 309 is Infinity): clamp to the data and to float64.
  const domainLo = Math.max(Math.min(10 ** lo, min ?? Infinity), Number.MIN_VALUE);
  const domainHi = Math.min(Math.max(10 ** hi, max ?? 0), Number.MAX_VALUE);
  const ticks: LogTick[] = [];
  for (let e = lo; e <= hi; e += step) {
    const value = 10 ** e;
    if (value >= domainLo && value <= domainHi) ticks.push({ value, exponent: e, plain: e >= -2 && e <= 3 ? String(value) : null });
  }
  return { scale: scaleLog().domain([domainLo, domainHi]).range(range), ticks };
}
