/**
 * The weights of each layer as a histogram (the prior's density is drawn over it on the page):
 * WEIGHT_BINS bins over [-extent, extent], extent the layer's largest |w|, and the sums of w^2 / 2
 * and |w| (float64) the prior's term is made of.
 */
import { WEIGHT_BINS, type WeightHistograms } from '../contract/trainLayout.ts';
import type { Network } from '../model/network.ts';

export function weightHistograms(net: Network): WeightHistograms {
  const layers = net.units.length, bins = WEIGHT_BINS;
  const extent = new Float64Array(layers), counts = new Float32Array(layers * bins), n = new Int32Array(layers);
  const halfSquares = new Float64Array(layers), absSum = new Float64Array(layers);
  for (let l = 0; l < layers; l++) {
    const w = net.units[l].weight.data;
    let max = 0, sq = 0, abs = 0;
    for (let i = 0; i < w.length; i++) {
      const a = Math.abs(w[i]);
      if (a > max) max = a;
      sq += w[i] * w[i];
      abs += a;
    }
    const e = Math.max(max, 1e-6);
    extent[l] = e;
    n[l] = w.length;
    halfSquares[l] = sq / 2;
    absSum[l] = abs;
    const scale = bins / (2 * e);
    for (let i = 0; i < w.length; i++) {
      const x = w[i];
      if (x - x !== 0) continue; // a non-finite weight is not placed (the run has diverged)
      const b = Math.min(bins - 1, Math.max(0, Math.floor((x + e) * scale)));
      counts[l * bins + b]++;
    }
  }
  return { layers, bins, extent, counts, n, halfSquares, absSum };
}
