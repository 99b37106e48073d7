/**
 * Per-layer statistics over training as a layer x step matrix, from the run's step history
 * (STEP_FIELDS, then LAYER_STEP_FIELDS for each layer: the hidden layers, then the output head).
 */
import { LAYER_STEP_FIELDS, STEP_FIELDS } from '../../../engine/contract/trainLayout.ts';
import type { DecimatingSeries } from '../../../engine/contract/series.ts';
import { formatNumber } from '../../format/number.ts';

export type LayerMetric = 'actVar' | 'gradNorm' | 'updateRatio';

export interface LayerMetricInfo {
  readonly label: string;
  /** The quantity in symbols, for the legend and readout. */
  readonly symbol: string;
  readonly hint: string;
}

export const LAYER_METRICS: Readonly<Record<LayerMetric, LayerMetricInfo>> = {
  actVar: {
    label: 'activation variance',
    symbol: 'Var[φ(h)]',
    hint: 'The variance of each layer’s output over the batch and its units (the head’s: of the logits). Dark bands that spread upward are a signal dying out with depth.',
  },
  gradNorm: {
    label: 'gradient norm',
    symbol: '‖∂L/∂h‖',
    hint: 'The norm of the loss gradient at each layer’s pre-activations. A colour that fades toward layer 1 is a vanishing gradient; one that brightens, an exploding one.',
  },
  updateRatio: {
    label: 'update : weight ratio',
    symbol: '‖ΔW‖ / ‖W‖',
    hint: 'How far each step moves a layer’s weights, relative to their size. A rule of thumb (Karpathy’s CS231n notes): near 10⁻³ is healthy; far below, the layer barely learns; far above, the learning rate is too high.',
  },
};

/** The update:weight ratio a healthy layer shows, as practitioners quote it. */
export const UPDATE_RATIO_RULE = 1e-3;

export interface LayerTimeMatrix {
  /** Layers: the hidden layers, then the output head. */
  readonly layers: number;
  /** Recorded steps (the history is thinned evenly as the run grows). */
  readonly columns: number;
  /** The step of each column. */
  readonly steps: Float64Array;
  /** layers x columns, layer-major: values[l * columns + c]. */
  readonly values: Float64Array;
}

/** Layers in a step history's rows. */
export function layersOf(series: DecimatingSeries): number {
  return Math.max(0, Math.floor((series.columns - STEP_FIELDS.length) / LAYER_STEP_FIELDS.length));
}

export function layerTimeMatrix(series: DecimatingSeries, metric: LayerMetric): LayerTimeMatrix {
  const layers = layersOf(series), columns = series.rows;
  const field = LAYER_STEP_FIELDS.indexOf(metric);
  const steps = new Float64Array(columns);
  const values = new Float64Array(layers * columns);
  for (let c = 0; c < columns; c++) {
    steps[c] = series.at(c, 0);
    for (let l = 0; l < layers; l++) values[l * columns + c] = series.at(c, STEP_FIELDS.length + l * LAYER_STEP_FIELDS.length + field);
  }
  return { layers, columns, steps, values };
}

/**
 * Whole decades [lo, hi] (log10) spanning every positive finite value, at least one decade wide,
 * widened to take in `include` (the update-ratio rule) so its mark is always on the legend.
 */
export function logDomain(values: ArrayLike<number>, include?: number): [number, number] {
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v > 0 && v < Infinity) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (include !== undefined && include > 0) {
    min = Math.min(min, include);
    max = Math.max(max, include);
  }
  if (min === Infinity) return [-1, 1];
  let lo = Math.floor(Math.log10(min)) + 0, hi = Math.ceil(Math.log10(max)) + 0; // + 0: no -0
  if (hi - lo < 1) hi = lo + 1;
  // Extreme ranges (a diverging net spans 60 decades) keep whole decades but at most 40 of them.
  if (hi - lo > 40) lo = hi - 40;
  return [lo, hi];
}

/** Where a value falls on the colour scale, 0..1; NaN for values a log scale cannot place. */
export function logPosition(v: number, [lo, hi]: readonly [number, number]): number {
  if (!(v > 0) || v === Infinity) return NaN;
  return Math.max(0, Math.min(1, (Math.log10(v) - lo) / (hi - lo)));
}

/** "3", or "output" for the head (the last layer). */
export function layerName(l: number, layers: number): string {
  return l === layers - 1 ? 'output' : String(l + 1);
}

/** "Step 340, layer 3: ‖ΔW‖ / ‖W‖ = 1.2e-3". */
export function cellReadout(m: LayerTimeMatrix, metric: LayerMetric, layer: number, column: number): string {
  const v = m.values[layer * m.columns + column];
  const where = layer === m.layers - 1 ? 'the output layer' : `layer ${layer + 1}`;
  const value = Number.isNaN(v) ? 'not defined' : !Number.isFinite(v) ? 'overflow' : formatNumber(v);
  return `Step ${Math.round(m.steps[column])}, ${where}: ${LAYER_METRICS[metric].symbol} = ${value}`;
}

/** The last recorded row, per layer, for every LAYER_STEP_FIELDS quantity. */
export function lastRow(series: DecimatingSeries): { step: number; layers: number[][] } | null {
  if (series.rows === 0) return null;
  const r = series.rows - 1, n = layersOf(series);
  const layers = Array.from({ length: n }, (_, l) =>
    LAYER_STEP_FIELDS.map((_, f) => series.at(r, STEP_FIELDS.length + l * LAYER_STEP_FIELDS.length + f)));
  return { step: series.at(r, 0), layers };
}

/** The matrix in a sentence, for the chart's accessible name. */
export function describeMatrix(m: LayerTimeMatrix, metric: LayerMetric): string {
  const { label } = LAYER_METRICS[metric];
  if (m.columns === 0) return `Heatmap of the ${label} by layer and step: no steps yet.`;
  const last = m.columns - 1;
  const read = (l: number) => formatNumber(m.values[l * m.columns + last]);
  return `Heatmap of the ${label} by layer (${m.layers - 1} hidden layers and the output layer) and step, `
    + `steps ${Math.round(m.steps[0])} to ${Math.round(m.steps[last])}, log colour scale. `
    + `At the last step: ${read(0)} at layer 1, ${read(m.layers - 1)} at the output layer.`;
}
