/**
 * The y axis of a chart over training steps: linear (nice round ends, a flat line kept inside the
 * plot) or log (whole decades when the data span many, 1-2-5 ticks when they span one or two).
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import { formatNumber } from '../format/number.ts';
import { superscript } from './chartColors.ts';
import type { YScaleKind } from './stepSeries.ts';

export interface YTick {
  readonly value: number;
  readonly label: string;
}

export interface YAxis {
  readonly scale: (v: number) => number;
  readonly ticks: readonly YTick[];
  readonly domain: readonly [number, number];
}

/**
 * An axis over [min, max] (the data's extent, or a caller's fixed range) onto range [bottom, top]
 * with about `count` ticks. `format` writes linear tick labels (percentages, say).
 */
export function stepYAxis(
  extent: readonly [number, number] | null,
  kind: YScaleKind,
  range: [number, number],
  count: number,
  format: (v: number) => string = (v) => formatNumber(v, 3),
): YAxis {
  return kind === 'log' ? logYAxis(extent, range, count) : linearYAxis(extent, range, count, format);
}

function linearYAxis(extent: readonly [number, number] | null, range: [number, number], count: number, format: (v: number) => string): YAxis {
  let [lo, hi] = extent ?? [0, 1];
  if (hi - lo <= Math.abs(hi) * 1e-9) {
    // A flat line: give it room above and below (±10%, or ±1 around 0).
    const pad = hi === 0 ? 1 : Math.abs(hi) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const scale = scaleLinear().domain([lo, hi]).range(range).nice(count);
  const [d0, d1] = scale.domain() as [number, number];
  return { scale, ticks: scale.ticks(count).map((value) => ({ value, label: format(value) })), domain: [d0, d1] };
}

function logYAxis(extent: readonly [number, number] | null, range: [number, number], count: number): YAxis {
  let [lo, hi] = extent ?? [0.1, 10];
  if (hi / lo < 1.5) {
    lo /= 1.25;
    hi *= 1.25;
  }
  const first = Math.floor(Math.log10(lo)), last = Math.ceil(Math.log10(hi));
  if (Math.log10(hi / lo) > 2.2) {
    // Whole decades, a tick every `step` of them.
    const step = Math.max(1, Math.ceil((last - first) / Math.max(1, count)));
    const ticks: YTick[] = [];
    for (let e = first; e <= last; e += step) ticks.push({ value: 10 ** e, label: plainOrPower(10 ** e) });
    return logAxisOf(10 ** first, 10 ** last, range, ticks);
  }
  // 1, 2, 5 per decade (1, 3 or 1 when that is too many for the height), on the data's range
  // rounded out to the neighbouring ticks.
  for (const mantissas of [[1, 2, 5], [1, 3], [1]]) {
    const candidates: number[] = [];
    for (let e = first; e <= last; e++) for (const m of mantissas) candidates.push(m * 10 ** e);
    const below = candidates.filter((v) => v <= lo).pop() ?? candidates[0];
    const above = candidates.find((v) => v >= hi) ?? candidates[candidates.length - 1];
    const inRange = candidates.filter((v) => v >= below * (1 - 1e-9) && v <= above * (1 + 1e-9));
    if (inRange.length < 3) break; // a narrow range: d3's finer ticks below
    if (inRange.length <= count + 1 || mantissas.length === 1) return logAxisOf(below, above, range, inRange.map((v) => ({ value: v, label: plainOrPower(v) })));
  }
  // Within about a decade: d3's ticks (0.5, 0.6, ... 0.9) on the range padded 5%.
  const pad = 10 ** (Math.log10(hi / lo) * 0.05);
  const scale = scaleLog().domain([lo / pad, hi * pad]).range(range);
  const all = scale.ticks(count); // within a decade d3 falls back to linear ticks at about `count`
  const every = Math.max(1, Math.ceil(all.length / (count + 1)));
  return { scale, ticks: all.filter((_, i) => i % every === 0).map((value) => ({ value, label: formatNumber(value, 3) })), domain: scale.domain() as [number, number] };
}

function logAxisOf(lo: number, hi: number, range: [number, number], ticks: YTick[]): YAxis {
  return { scale: scaleLog().domain([lo, hi]).range(range), ticks, domain: [lo, hi] };
}

/** "0.02", "5", "100" near 1; "10⁻⁶", "2×10⁵" further out. */
function plainOrPower(v: number): string {
  const e = Math.floor(Math.log10(v) + 1e-9);
  if (e >= -3 && e <= 4) return String(Number(v.toPrecision(2)));
  const m = Math.round(v / 10 ** e);
  return m === 1 ? `10${superscript(e)}` : `${m}×10${superscript(e)}`;
}
