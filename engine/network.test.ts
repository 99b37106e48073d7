import { describe, expect, it } from 'vitest';
import { ACTIVATION_NAMES, type ActivationName } from './contract/names.ts';
import { backward, buildNetwork, createCache, forward, type Cache, type Network } from './model/network.ts';
import { createRng } from './rng.ts';
import { tensorFrom, zerosTensor } from './tensor.ts';
import { checkGradient } from './testing/gradcheck.ts';
import { fixedWeights } from './testing/random.ts';

const INPUT = 5, WIDTH = 5, DEPTH = 3, BATCH = 4;
const PIECEWISE_LINEAR = new Set<ActivationName>(['linear', 'relu', 'leaky_relu']);
const KINKED = new Set<ActivationName>(['relu', 'leaky_relu', 'selu', 'elu']);

function smallNetwork(activation: ActivationName, seed: number): { net: Network; cache: Cache } {
  const net = buildNetwork(INPUT, Array.from({ length: DEPTH }, () => ({ kind: 'dense' as const, units: WIDTH, activation })));
  const rng = createRng(seed);
  for (const layer of net.units) {
    for (let i = 0; i < layer.weight.data.length; i++) layer.weight.data[i] = rng.normal() / Math.sqrt(layer.fanIn) * 1.2;
    for (let i = 0; i < layer.bias.data.length; i++) layer.bias.data[i] = 0.3 * rng.normal();
  }
  const cache = createCache(net, BATCH);
  for (let i = 0; i < cache.input.data.length; i++) cache.input.data[i] = rng.normal();
  return { net, cache };
}

/** Smallest |pre-activation| anywhere in the network: the distance to the nearest kink. */
function kinkMargin(cache: Cache): number {
  let m = Infinity;
  for (const t of cache.taps.map((t) => t.pre)) for (const v of t.data) m = Math.min(m, Math.abs(v));
  return m;
}

describe('network backward', () => {
  it.each(ACTIVATION_NAMES)('dWeight and dBias of every layer match central differences (%s)', (activation) => {
    // For kinked activations take the first seed whose pre-activations all sit >= 0.1 from 0; a step of
    // 1e-2 on one parameter moves a pre-activation by ~1e-2 |x| |W| < 0.05, so no difference crosses a kink
    // (checked below: the sign pattern is the same at every perturbed point).
    let seed = 1;
    let built = smallNetwork(activation, seed);
    forward(built.net, built.cache);
    while (KINKED.has(activation) && kinkMargin(built.cache) < 0.1) {
      built = smallNetwork(activation, ++seed);
      forward(built.net, built.cache);
    }
    const { net, cache } = built;
    const signs = cache.taps.map((t) => t.pre).map((t) => Array.from(t.data, Math.sign));
    const r = fixedWeights(99, BATCH * WIDTH);
    backward(net, cache, tensorFrom([BATCH, WIDTH], r));
    const last = cache.taps[DEPTH - 1].post;
    let crossings = 0;
    const evaluate = () => {
      forward(net, cache);
      if (KINKED.has(activation)) cache.taps.map((t) => t.pre).forEach((t, l) => t.data.forEach((v, i) => { if (Math.sign(v) !== signs[l][i]) crossings++; }));
      return last.data;
    };
    const eps = 1e-2;
    const options = {
      eps,
      // Rounding: an output passes ~(fanIn/4 + 2) roundings per layer over DEPTH layers: <= 3 (5 + 2) = 21.
      // Truncation: |d^3 L / dp^3| for one parameter of this 3-layer net is bounded by ~ sum |R| sup|phi'''|
      // |x|^3 |W|^6 ~ 10: eps^2 10 / 6 = 2e-4 absolute (0 for the piecewise-linear ones).
      // Tolerance 1e-2: 5x above that truncation relative to O(0.1..1) gradients; a bug is off by O(1).
      tolerance: 1e-2,
      roundingsPerOutput: 21,
      truncation: PIECEWISE_LINEAR.has(activation) ? 0 : (eps * eps * 10) / 6,
    };
    net.units.forEach((layer, l) => {
      const w = checkGradient(layer.weight.data, Float64Array.from(layer.dWeight.data), evaluate, r, options);
      expect(w.failures, `layer ${l} dWeight`).toEqual([]);
      const b = checkGradient(layer.bias.data, Float64Array.from(layer.dBias.data), evaluate, r, options);
      expect(b.failures, `layer ${l} dBias`).toEqual([]);
    });
    expect(crossings).toBe(0);
  });

  it('rejects a top gradient of the wrong shape, naming both shapes', () => {
    const { net, cache } = smallNetwork('tanh', 1);
    forward(net, cache);
    expect(() => backward(net, cache, zerosTensor([BATCH, WIDTH + 1]))).toThrow(/\[4, 5\].*\[4, 6\]/);
  });
});

describe('buildNetwork and createCache', () => {
  it('infers each layer\'s fanIn from the previous width and sizes every buffer', () => {
    const net = buildNetwork(3, [
      { kind: 'dense', units: 7, activation: 'relu' },
      { kind: 'dense', units: 2, activation: 'tanh' },
      { kind: 'dense', units: 5, activation: 'linear' },
    ]);
    expect(net.units.map((l) => [l.fanIn, l.fanOut])).toEqual([[3, 7], [7, 2], [2, 5]]);
    expect(net.units.map((l) => l.weight.shape)).toEqual([[3, 7], [7, 2], [2, 5]]);
    expect(net.units.map((l) => l.activation.name)).toEqual(['relu', 'tanh', 'linear']);
    expect(net.scratch.length).toBeGreaterThanOrEqual(21); // the largest fanIn x fanOut
    const cache = createCache(net, 4);
    expect(cache.input.shape).toEqual([4, 3]);
    expect(cache.taps.map((t) => t.pre).map((t) => t.shape)).toEqual([[4, 7], [4, 2], [4, 5]]);
    expect(cache.taps.map((t) => t.dPost!.shape)).toEqual([[4, 7], [4, 2], [4, 5]]);
  });
});
