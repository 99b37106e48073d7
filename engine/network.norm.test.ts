import { describe, expect, it } from 'vitest';
import { batchNormSpec, outputHead, type BatchNormPosition, type DenseSpec } from './model/layers/dense.ts';
import { backward, buildNetwork, createCache, forward } from './model/network.ts';
import { createRng } from './rng.ts';
import { tensorFrom } from './tensor.ts';
import { checkGradient } from './testing/gradcheck.ts';
import { fixedWeights } from './testing/random.ts';

const INPUT = 4, WIDTH = 5, BATCH = 6;

function normNetwork(position: BatchNormPosition, seed: number) {
  const specs: DenseSpec[] = [
    { kind: 'dense', units: WIDTH, activation: 'tanh', batchNorm: batchNormSpec(position) },
    { kind: 'dense', units: WIDTH, activation: 'tanh', batchNorm: batchNormSpec(position) },
    outputHead(3),
  ];
  const net = buildNetwork(INPUT, specs);
  const rng = createRng(seed);
  for (const layer of net.units) {
    for (let i = 0; i < layer.weight.data.length; i++) layer.weight.data[i] = rng.normal() / Math.sqrt(layer.fanIn);
    for (let i = 0; i < layer.bias.data.length; i++) layer.bias.data[i] = 0.3 * rng.normal();
    if (layer.norm) {
      for (let i = 0; i < layer.fanOut; i++) {
        layer.norm.gamma.data[i] = 1 + 0.3 * rng.normal();
        layer.norm.beta.data[i] = 0.3 * rng.normal();
      }
    }
  }
  const cache = createCache(net, BATCH);
  for (let i = 0; i < cache.input.data.length; i++) cache.input.data[i] = rng.normal();
  return { net, cache };
}

describe('a network with batch norm', () => {
  it.each(['before', 'after'] as const)('BN %s the activation: every weight, bias, gamma and beta gradient matches central differences', (position) => {
    const { net, cache } = normNetwork(position, 3);
    const last = net.units.length - 1;
    const r = fixedWeights(7, BATCH * 3);
    forward(net, cache, 'batch');
    backward(net, cache, tensorFrom([BATCH, 3], r));
    const evaluate = () => {
      forward(net, cache, 'batch');
      return cache.taps[last].output.data;
    };
    const eps = 1e-2;
    // As in network.test.ts (3 layers of roundings, smooth tanh). Measured at eps = 1e-2 over seeds 3..5:
    // relative errors < 3e-3 except on first-layer weights with small gradients, where truncation
    // through two batch norms' 1/sigma reaches 5e-4 absolute (|d^3 L / dw^3| ~ 30). Bound: sup ~ 50,
    // eps^2 50 / 6 = 8e-4 absolute; tolerance 2e-2 relative. A missing mean or variance path is off by O(1).
    const options = { eps, tolerance: 2e-2, roundingsPerOutput: 24, truncation: (eps * eps * 50) / 6 };
    net.units.forEach((layer, l) => {
      const snapshot = (t: { data: Float32Array }) => Float64Array.from(t.data);
      expect(checkGradient(layer.weight.data, snapshot(layer.dWeight), evaluate, r, options).failures, `layer ${l} dWeight`).toEqual([]);
      expect(checkGradient(layer.bias.data, snapshot(layer.dBias), evaluate, r, options).failures, `layer ${l} dBias`).toEqual([]);
      if (layer.norm) {
        expect(checkGradient(layer.norm.gamma.data, snapshot(layer.norm.dGamma), evaluate, r, options).failures, `layer ${l} dGamma`).toEqual([]);
        expect(checkGradient(layer.norm.beta.data, snapshot(layer.norm.dBeta), evaluate, r, options).failures, `layer ${l} dBeta`).toEqual([]);
      }
    });
  });

  it('with BN before the activation the dense bias has no effect: its gradient is zero up to rounding', () => {
    const { net, cache } = normNetwork('before', 4);
    forward(net, cache, 'batch');
    backward(net, cache, tensorFrom([BATCH, 3], fixedWeights(8, BATCH * 3)));
    for (const v of net.units[0].dBias.data) expect(Math.abs(v)).toBeLessThan(1e-6);
  });

  it('lays the cache out as documented: dense, pre, post and out are shared exactly where they are the same quantity', () => {
    const before = normNetwork('before', 1), after = normNetwork('after', 1);
    expect(before.cache.taps[0].dense).not.toBe(before.cache.taps[0].pre);
    expect(before.cache.taps[0].output).toBe(before.cache.taps[0].post);
    expect(after.cache.taps[0].dense).toBe(after.cache.taps[0].pre);
    expect(after.cache.taps[0].output).not.toBe(after.cache.taps[0].post);
    // the head has no norm: everything is shared, as in a plain network
    expect(before.cache.taps[2].dense).toBe(before.cache.taps[2].pre);
    expect(before.cache.taps[2].output).toBe(before.cache.taps[2].post);
    expect(before.cache.taps[2].normStats).toBeNull();
  });

  it('only a "train" pass moves the running estimates; "eval" normalizes with them', () => {
    const { net, cache } = normNetwork('before', 5);
    const norm = net.units[0].norm!;
    forward(net, cache, 'batch');
    expect(Array.from(norm.runningMean.data)).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(norm.runningVar.data)).toEqual([1, 1, 1, 1, 1]);
    forward(net, cache, 'train');
    const stats = cache.taps[0].normStats!;
    norm.runningMean.data.forEach((v, j) => expect(v).toBeCloseTo(0.1 * stats.mean[j], 6));
    // running estimates equal to each layer's batch statistics: eval reproduces the batch-mode output
    forward(net, cache, 'batch');
    const batchOut = Float32Array.from(cache.taps[2].output.data);
    net.units.forEach((layer, l) => {
      if (!layer.norm) return;
      layer.norm.runningMean.data.set(cache.taps[l].normStats!.mean);
      layer.norm.runningVar.data.set(cache.taps[l].normStats!.variance);
    });
    forward(net, cache, 'eval');
    // the estimates were rounded to float32 (2^-24 relative), which moves the outputs by ~1e-7
    cache.taps[2].output.data.forEach((v, i) => expect(Math.abs(v - batchOut[i])).toBeLessThan(1e-5));
    // and the eval output does not depend on the rest of the batch: a different batch leaves row 0 alone
    const row0 = Float32Array.from(cache.taps[2].output.data.subarray(0, 3));
    for (let i = INPUT; i < cache.input.data.length; i++) cache.input.data[i] *= -2;
    forward(net, cache, 'eval');
    expect(Float32Array.from(cache.taps[2].output.data.subarray(0, 3))).toEqual(row0);
  });
});
