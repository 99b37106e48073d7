import { forwardLayer, type Cache, type Network } from '../model/network.ts';

/** Mishkin & Matas (2015) use Tol_var = 0.1 and a few iterations; we fit tighter for a cleaner plot. */
export const LSUV_TOLERANCE = 0.01;
export const LSUV_MAX_ITERATIONS = 10;

/**
 * Layer-sequential unit-variance (LSUV): after orthogonal initialization, rescale each layer's
 * weights, first to last, on the batch in cache.input until the variance of its output
 * (the pre-activation) is targetVariance within the tolerance. Returns the iterations per layer.
 */
export function lsuvCalibrate(net: Network, cache: Cache, targetVariance: number): number[] {
  const iterations: number[] = [];
  for (let l = 0; l < net.units.length; l++) {
    const w = net.units[l].weight.data;
    const m = net.layerOf[l];
    let iter = 0;
    for (; iter < LSUV_MAX_ITERATIONS; iter++) {
      forwardLayer(net, cache, m);
      const variance = varianceOf(cache.taps[l].pre.data);
      if (!(variance > 0) || !Number.isFinite(variance)) break; // dead or overflowed: cannot rescale
      if (Math.abs(variance - targetVariance) < LSUV_TOLERANCE * targetVariance) break;
      const scale = Math.sqrt(targetVariance / variance);
      for (let i = 0; i < w.length; i++) w[i] *= scale;
    }
    forwardLayer(net, cache, m);
    iterations.push(iter);
  }
  return iterations;
}

/** Population variance of every value (LSUV's measure of a layer's output). */
export function varianceOf(x: Float32Array): number {
  let sum = 0, sumSq = 0;
  for (let i = 0; i < x.length; i++) {
    sum += x[i];
    sumSq += x[i] * x[i];
  }
  const mean = sum / x.length;
  return sumSq / x.length - mean * mean;
}
