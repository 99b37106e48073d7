/**
 * The data a chart over training steps draws: lines and shaded bands, each a column of numbers
 * against an ascending column of steps. Pure helpers: which points a scale can place, where a line
 * first stops being finite (a run diverged), the value nearest a step, and the y extent.
 */

export type Numbers = ArrayLike<number>;
export type YScaleKind = 'linear' | 'log';

export interface StepLine {
  readonly id: string;
  /** As the readout names it: "test loss (norm:batch)". */
  readonly label: string;
  /** A CSS colour, usually a custom property from chartColors. */
  readonly color: string;
  /** Ascending training steps, one per value. */
  readonly steps: Numbers;
  readonly values: Numbers;
  /** solid: the main quantity; dashed: a second quantity of the same run; faint: thin and light (a noisy per-batch value). */
  readonly style?: 'solid' | 'dashed' | 'faint';
}

/** A shaded region between two series on the same steps (a percentile band, mean ± sd). */
export interface StepBand {
  readonly id: string;
  readonly label: string;
  readonly color: string;
  readonly steps: Numbers;
  readonly lo: Numbers;
  readonly hi: Numbers;
}

/** Whether a y value can go on the axis: finite, and positive on a log axis. */
export function placeable(v: number, scale: YScaleKind): boolean {
  return Number.isFinite(v) && (scale === 'linear' || v > 0);
}

/** Index of the first non-finite value (NaN, ±Infinity), or -1: where a run diverged. */
export function firstNonFinite(values: Numbers): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return i;
  return -1;
}

/** The index in ascending `steps` whose step is nearest `step` (ties go to the earlier); -1 if empty. */
export function nearestIndex(steps: Numbers, step: number): number {
  const n = steps.length;
  if (n === 0) return -1;
  let lo = 0, hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (steps[mid] < step) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && step - steps[lo - 1] <= steps[lo] - step) return lo - 1;
  return lo;
}

/** Least and greatest placeable y over every line and band, or null when there is none. */
export function yExtent(lines: readonly StepLine[], bands: readonly StepBand[], scale: YScaleKind): [number, number] | null {
  let min = Infinity, max = -Infinity;
  const take = (values: Numbers) => {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!placeable(v, scale)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  };
  for (const l of lines) take(l.values);
  for (const b of bands) { take(b.lo); take(b.hi); }
  return min <= max ? [min, max] : null;
}

/** The last step any line or band reaches (0 when empty). */
export function lastStep(lines: readonly StepLine[], bands: readonly StepBand[]): number {
  let last = 0;
  for (const s of [...lines, ...bands]) if (s.steps.length > 0) last = Math.max(last, s.steps[s.steps.length - 1]);
  return last;
}

/**
 * Steps where a line first turned non-finite (deduplicated, ascending), with the colours of the
 * lines that did: the chart marks each once.
 */
export function divergenceSteps(lines: readonly StepLine[]): { step: number; colors: string[] }[] {
  const byStep = new Map<number, string[]>();
  for (const l of lines) {
    const i = firstNonFinite(l.values);
    if (i < 0) continue;
    const step = l.steps[i];
    const colors = byStep.get(step) ?? [];
    if (!colors.includes(l.color)) colors.push(l.color);
    byStep.set(step, colors);
  }
  return [...byStep.entries()].sort((a, b) => a[0] - b[0]).map(([step, colors]) => ({ step, colors }));
}

/**
 * The indices of a line worth drawing at a given pixel spacing: all of them when there are few;
 * otherwise, per bucket of `bucket` px along x, the lowest and the highest value (in their order),
 * so a noisy per-batch line keeps its envelope at a fraction of the points. A value the axis cannot
 * place is always kept: it is where the line breaks.
 */
export function pixelIndices(steps: Numbers, values: Numbers, xOf: (step: number) => number, ok: (v: number) => boolean, bucket: number, width: number): number[] {
  const n = steps.length;
  if (n <= (2 * width) / bucket) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  let current = NaN, lo = -1, hi = -1;
  const flush = () => {
    if (lo < 0) return;
    if (lo === hi) out.push(lo);
    else out.push(Math.min(lo, hi), Math.max(lo, hi));
    lo = hi = -1;
  };
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!ok(v)) {
      flush();
      out.push(i);
      continue;
    }
    const b = Math.floor(xOf(steps[i]) / bucket);
    if (b !== current) {
      flush();
      current = b;
    }
    if (lo < 0 || v < values[lo]) lo = i;
    if (hi < 0 || v > values[hi]) hi = i;
  }
  flush();
  return out;
}

interface Rows { readonly rows: number; at(row: number, column: number): number }

/** A column of a row-major series as its own array (the series itself is mutated in place), from row `from`. */
export function column(series: Rows, index: number, from = 0): Float64Array {
  const out = new Float64Array(Math.max(0, series.rows - from));
  for (let r = from; r < series.rows; r++) out[r - from] = series.at(r, index);
  return out;
}

/**
 * The first row of the latest run in a series whose column `stepColumn` counts steps: the row after
 * the last place the step went back (a Reset of the same run keeps appending to one history), else 0.
 */
export function latestRunStart(series: Rows, stepColumn = 0): number {
  for (let r = series.rows - 1; r > 0; r--) if (series.at(r, stepColumn) < series.at(r - 1, stepColumn)) return r;
  return 0;
}

/**
 * Up to `max` row indices spread evenly over n rows, always with the first and the last: a table
 * of a long run that a person can read.
 */
export function spreadRows(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  for (let k = 0; k < max; k++) {
    const i = Math.round((k * (n - 1)) / (max - 1));
    if (out[out.length - 1] !== i) out.push(i);
  }
  return out;
}

const integer = new Intl.NumberFormat('en-US');

/** Steps as tick labels: "800", "12,000", "120k", "1.2M". */
export function formatStep(step: number): string {
  const a = Math.abs(step);
  if (a >= 1e6) return `${Number((step / 1e6).toPrecision(3))}M`;
  if (a >= 1e5) return `${Number((step / 1e3).toPrecision(3))}k`;
  return integer.format(step);
}
