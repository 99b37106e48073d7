/**
 * One layer's weights as the page draws them: the histogram as a density (count / (n width), so it
 * and the prior's density share one axis), and the prior's density on the same range. Pure.
 */
import type { WeightHistograms } from '../../../engine/contract/trainLayout.ts';
import { priorDensity, type PriorName } from '../../../engine/contract/prior.ts';

export interface LayerWeights {
  readonly layer: number;
  readonly extent: number;
  readonly binWidth: number;
  /** Density per bin (integrates to 1 over [-extent, extent]). */
  readonly density: Float64Array;
  /** Points of the prior's density over the range, or empty without a prior. */
  readonly prior: readonly (readonly [number, number])[];
  readonly halfSquares: number;
  readonly absSum: number;
  readonly n: number;
}

export function layerWeights(h: WeightHistograms, layer: number, prior: PriorName, scale: number, points = 121): LayerWeights {
  const e = h.extent[layer], bins = h.bins, width = (2 * e) / bins, n = h.n[layer];
  const density = new Float64Array(bins);
  for (let b = 0; b < bins; b++) density[b] = h.counts[layer * bins + b] / (n * width);
  const curve: [number, number][] = [];
  if (prior !== 'none' && scale > 0 && Number.isFinite(scale)) {
    for (let i = 0; i < points; i++) {
      const w = -e + (2 * e * i) / (points - 1);
      curve.push([w, priorDensity(prior, scale, w)]);
    }
  }
  return { layer, extent: e, binWidth: width, density, prior: curve, halfSquares: h.halfSquares[layer], absSum: h.absSum[layer], n };
}

/** Share of a layer's weights in the bin around 0 (L1 piles weights there). */
export function shareNearZero(l: LayerWeights): number {
  return l.density[(l.density.length - 1) / 2] * l.binWidth;
}
