/** Per-layer histograms out of a probe, and which layers to show when there are many. */
import { HIST_BINS, stat, type ProbeData } from '../../../engine/contract/probeLayout.ts';
import type { TableColumn, TableRow } from '../../charts/DataTable.tsx';
import { formatPercent } from '../../charts/percent.ts';
import { formatNumber } from '../../format/number.ts';

/** "65,536": one formatter, built once (toLocaleString builds one per call). */
const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
export const formatCount = (n: number): string => COUNT.format(n);

export type HistogramKind = 'act' | 'pre';

export const KIND_TEXT: Readonly<Record<HistogramKind, { noun: string; symbol: string }>> = {
  act: { noun: 'activations', symbol: 'φ(h)' },
  pre: { noun: 'pre-activations', symbol: 'h' },
};

export interface LayerHistogram {
  /** 1-based. */
  readonly layer: number;
  /** HIST_BINS counts spanning [min, max] in equal bins. */
  readonly counts: readonly number[];
  /** Finite range; NaN when no value was finite. */
  readonly min: number;
  readonly max: number;
  /** Finite values counted, and values that overflowed (not in any bin). */
  readonly finite: number;
  readonly nonFinite: number;
  readonly mean: number;
  readonly std: number;
  readonly p15: number;
  readonly p50: number;
  readonly p85: number;
  /** Fractions in [0, 1]; NaN where the idea does not apply (saturation: tanh and sigmoid; dead: ReLU family). */
  readonly saturated: number;
  readonly dead: number;
}

export function layerHistogram(probe: ProbeData, l: number, kind: HistogramKind): LayerHistogram {
  const hist = kind === 'act' ? probe.actHist : probe.preHist;
  const counts = Array.from(hist.subarray(l * HIST_BINS, (l + 1) * HIST_BINS));
  const p = kind === 'act'
    ? { min: 'actMin', max: 'actMax', mean: 'actMean', variance: 'actVar', p15: 'actP15', p50: 'actP50', p85: 'actP85', nonFinite: 'nonFiniteAct' } as const
    : { min: 'preMin', max: 'preMax', mean: 'preMean', variance: 'preVar', p15: 'preP15', p50: 'preP50', p85: 'preP85', nonFinite: 'nonFinitePre' } as const;
  return {
    layer: l + 1,
    counts,
    min: stat(probe, l, p.min),
    max: stat(probe, l, p.max),
    finite: counts.reduce((a, b) => a + b, 0),
    nonFinite: stat(probe, l, p.nonFinite),
    mean: stat(probe, l, p.mean),
    std: Math.sqrt(stat(probe, l, p.variance)),
    p15: stat(probe, l, p.p15),
    p50: stat(probe, l, p.p50),
    p85: stat(probe, l, p.p85),
    saturated: stat(probe, l, 'saturated'),
    dead: stat(probe, l, 'dead'),
  };
}

/**
 * Up to `max` layers spread evenly from the first to the last (0-based indices), so a 200-layer
 * net still shows its start, its end and the way between on one screen.
 */
export function evenlySpacedLayers(depth: number, max: number): number[] {
  if (depth <= max) return Array.from({ length: depth }, (_, i) => i);
  if (max <= 1) return [depth - 1];
  const picked = new Set<number>();
  for (let i = 0; i < max; i++) picked.add(Math.round((i * (depth - 1)) / (max - 1)));
  return [...picked];
}

/** The edges of bin i: [lo, hi). A histogram of one repeated value has span 0 and one full bin. */
export function binRange(h: Pick<LayerHistogram, 'min' | 'max'>, i: number): [number, number] {
  const width = (h.max - h.min) / HIST_BINS;
  return [h.min + i * width, i === HIST_BINS - 1 ? h.max : h.min + (i + 1) * width];
}

/** The fractions written on a histogram: "saturated 12%" (tanh, sigmoid), "dead 3.1%" (ReLU family). */
export function fractionNotes(h: Pick<LayerHistogram, 'saturated' | 'dead'>): string[] {
  const notes: string[] = [];
  if (!Number.isNaN(h.saturated)) notes.push(`saturated ${formatPercent(h.saturated, { compact: true })}`);
  if (!Number.isNaN(h.dead)) notes.push(`dead ${formatPercent(h.dead, { compact: true })}`);
  return notes;
}

/** The range a histogram spans, as text: "−0.98 to 0.97", "every value 0", "every value overflowed". */
export function rangeText(h: Pick<LayerHistogram, 'min' | 'max' | 'finite'>): string {
  if (h.finite === 0 || Number.isNaN(h.min)) return 'every value overflowed';
  if (h.min === h.max) return `every value ${formatNumber(h.min)}`;
  return `${formatNumber(h.min)} to ${formatNumber(h.max)}`;
}

/** One small multiple, for its accessible name. */
export function describeHistogram(h: LayerHistogram, kind: HistogramKind): string {
  const parts = [`Layer ${h.layer} ${KIND_TEXT[kind].noun}: ${formatCount(h.finite)} values, ${rangeText(h)}`];
  if (h.finite > 0) parts.push(`median ${formatNumber(h.p50)}`);
  if (h.nonFinite > 0) parts.push(`${formatCount(h.nonFinite)} overflowed`);
  parts.push(...fractionNotes(h));
  return `${parts.join('; ')}.`;
}

/** One bin, as the readout says it. */
export function describeBin(h: LayerHistogram, bin: number, kind: HistogramKind): string {
  const [lo, hi] = binRange(h, bin);
  const count = h.counts[bin];
  const share = h.finite > 0 ? ` (${formatPercent(count / h.finite)})` : '';
  const where = h.min === h.max ? `equal to ${formatNumber(h.min)}` : `in [${formatNumber(lo)}, ${formatNumber(hi)}${bin === HIST_BINS - 1 ? ']' : ')'}`;
  return `Layer ${h.layer}: ${formatCount(count)} ${KIND_TEXT[kind].noun} ${where}${share}`;
}

const num = (x: number) => (Number.isNaN(x) ? null : formatNumber(x));
const pct = (x: number) => (Number.isNaN(x) ? null : formatPercent(x));

/** The numbers behind the small multiples, one row per layer (every layer, not only those drawn). */
export function histogramTable(hs: readonly LayerHistogram[]): { columns: TableColumn[]; rows: TableRow[] } {
  const columns: TableColumn[] = [
    { header: 'min' }, { header: 'max' }, { header: 'mean' }, { header: 'std' },
    { header: '15th pct' }, { header: 'median' }, { header: '85th pct' },
    { header: 'saturated' }, { header: 'dead' }, { header: 'overflowed' },
    { header: `counts in ${HIST_BINS} equal bins, min to max` },
  ];
  const rows = hs.map((h): TableRow => ({
    key: h.layer,
    header: String(h.layer),
    cells: [
      num(h.min), num(h.max), num(h.mean), num(h.std), num(h.p15), num(h.p50), num(h.p85),
      pct(h.saturated), pct(h.dead), formatCount(h.nonFinite),
      h.counts.join(' '),
    ],
  }));
  return { columns, rows };
}

/**
 * The count at the top of the bars: the tallest bin, unless one bin holds over three times as
 * many as any other; then that one is cut (spike) and the rest fill the height.
 */
export function barScale(counts: readonly number[]): { scaleMax: number; spike: number | null } {
  const tallest = tallestBin(counts);
  let next = 0;
  counts.forEach((c, i) => { if (i !== tallest && c > next) next = c; });
  if (next > 0 && counts[tallest] > 3 * next) return { scaleMax: next * 1.3, spike: tallest }; // headroom for the cut bar's label
  return { scaleMax: Math.max(1, counts[tallest] ?? 0), spike: null };
}

export function tallestBin(counts: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < counts.length; i++) if (counts[i] > counts[best]) best = i;
  return best;
}

/** The x range of the small multiples: one shared by every layer (spreads compare), or each layer's own (shapes compare). */
export type RangeMode = 'shared' | 'own';

export interface XRange {
  readonly min: number;
  readonly max: number;
}

/** The finite range every layer's values fall in (the smallest min, the largest max); null when no layer has a finite value. */
export function sharedRange(hs: readonly Pick<LayerHistogram, 'min' | 'max' | 'finite'>[]): XRange | null {
  let min = Infinity, max = -Infinity;
  for (const h of hs) {
    if (h.finite === 0 || !Number.isFinite(h.min) || !Number.isFinite(h.max)) continue;
    if (h.min < min) min = h.min;
    if (h.max > max) max = h.max;
  }
  return min <= max ? { min, max } : null;
}

/** Under this share of the shared range a layer's bars crowd into a few pixels: the panel names it. */
export const NARROW_SHARE = 0.05;

/** Layers (1-based) whose values span under NARROW_SHARE of the shared range, whose shape the shared axis hides. */
export function narrowLayers(hs: readonly Pick<LayerHistogram, 'layer' | 'min' | 'max' | 'finite'>[], range: XRange | null): number[] {
  if (!range || range.max === range.min) return [];
  const span = range.max - range.min;
  return hs.filter((h) => h.finite > 0 && h.max - h.min < NARROW_SHARE * span).map((h) => h.layer);
}

/**
 * Where bin i of a histogram sits on an x axis over `range`, as fractions of the axis [0, 1]: its own
 * bins keep their edges, so drawing them on a shared axis moves no value. A flat histogram (one
 * repeated value) is one thin bar at that value.
 */
export function binSpan(h: Pick<LayerHistogram, 'min' | 'max'>, i: number, range: XRange): [number, number] {
  const span = range.max - range.min;
  if (!(span > 0)) return [0, 1];
  const [lo, hi] = binRange(h, i);
  return [(lo - range.min) / span, (hi - range.min) / span];
}

/** The bin of a histogram under a point of a shared axis (a fraction of it); null outside the layer's range. */
export function binAtShare(h: Pick<LayerHistogram, 'min' | 'max' | 'counts'>, share: number, range: XRange): number | null {
  const value = range.min + share * (range.max - range.min);
  // A flat histogram is one thin bar: within a shared bin's width of it counts as on it.
  const slack = (range.max - range.min) / HIST_BINS;
  if (!(h.max > h.min)) return Math.abs(value - h.min) <= slack ? tallestBin(h.counts) : null;
  if (value < h.min || value > h.max) return null;
  return Math.min(HIST_BINS - 1, Math.floor(((value - h.min) / (h.max - h.min)) * HIST_BINS));
}

/** "Layers 1, 2 and 3": for the panel's sentence. */
export function layerList(layers: readonly number[]): string {
  if (layers.length === 1) return `Layer ${layers[0]}`;
  return `Layers ${layers.slice(0, -1).join(', ')} and ${layers[layers.length - 1]}`;
}
