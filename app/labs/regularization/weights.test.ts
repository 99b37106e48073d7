import { describe, expect, it } from 'vitest';
import { WEIGHT_BINS, type WeightHistograms } from '../../../engine/contract/trainLayout.ts';
import { layerWeights, shareNearZero } from './weights.ts';

function histogram(values: number[]): WeightHistograms {
  const e = Math.max(...values.map(Math.abs)), counts = new Float32Array(WEIGHT_BINS);
  for (const v of values) counts[Math.min(WEIGHT_BINS - 1, Math.floor(((v + e) * WEIGHT_BINS) / (2 * e)))]++;
  return { layers: 1, bins: WEIGHT_BINS, extent: Float64Array.of(e), counts, n: Int32Array.of(values.length), halfSquares: Float64Array.of(0), absSum: Float64Array.of(0) };
}

describe('layerWeights', () => {
  it('is a density that integrates to 1, beside the prior density on the same range', () => {
    const l = layerWeights(histogram([-1, -0.5, 0, 0, 0.25, 1]), 0, 'gauss', 0.5);
    expect(l.density.reduce((a, d) => a + d * l.binWidth, 0)).toBeCloseTo(1, 12);
    expect(shareNearZero(l)).toBeCloseTo(2 / 6, 12);
    expect(l.prior).toHaveLength(121);
    expect(l.prior[60][0]).toBeCloseTo(0, 12);
    expect(l.prior[60][1]).toBeCloseTo(1 / (0.5 * Math.sqrt(2 * Math.PI)), 12);
    expect(layerWeights(histogram([1, -1]), 0, 'none', NaN).prior).toEqual([]);
    expect(layerWeights(histogram([1, -1]), 0, 'gauss', Infinity).prior).toEqual([]);
  });
});
