import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.ts';
import { tensorFrom } from '../tensor.ts';
import { checkGradient } from '../testing/gradcheck.ts';
import { fixedWeights } from '../testing/random.ts';
import { batchNormSpec, outputHead } from './layers/dense.ts';
import {
  backward, buildNetwork, createCache, forward, forwardHeads, namedParams, type Cache, type LayerSpec, type Network,
} from './network.ts';

const BATCH = 5, CLASSES = 3;

function specs(kind: 'plain' | 'post' | 'pre', bn: 'before' | 'after' | null, width: number): LayerSpec[] {
  const norm = bn ? { batchNorm: batchNormSpec(bn) } : {};
  const dense: LayerSpec = { kind: 'dense', units: width, activation: 'tanh', ...norm };
  if (kind === 'plain') return [dense, dense, dense, outputHead(CLASSES)];
  const block: LayerSpec = { kind: 'residual', form: kind, units: width, activation: 'tanh', scale: Math.SQRT1_2, ...norm };
  return [block, block, dense, outputHead(CLASSES)];
}

/** L = sum(out R) over the network's output and every head's logits. */
function outputs(net: Network, cache: Cache): Float64Array {
  forward(net, cache, 'batch');
  forwardHeads(net, cache);
  const parts = [cache.output.data, ...cache.heads.map((h) => h.logits.data)];
  return Float64Array.from(parts.flatMap((p) => Array.from(p)));
}

describe('the registry builds each spec\'s layer, each reading the previous one\'s output shape', () => {
  it('units, their layers and the heads\' widths', () => {
    const net = buildNetwork(3, specs('pre', 'before', 4), [{ at: 1, classes: CLASSES }]);
    expect(net.layers.map((l) => [l.kind, l.inputShape, l.outputShape])).toEqual([['residual', [3], [4]], ['residual', [4], [4]], ['dense', [4], [4]], ['dense', [4], [3]]]);
    expect([Array.from(net.firstUnit), Array.from(net.layerOf)]).toEqual([[0, 2, 4, 5, 6], [0, 0, 1, 1, 2, 3]]);
    expect(net.heads.map((h) => h.fans())).toEqual([{ fanIn: 4, fanOut: CLASSES }]);
    expect(() => buildNetwork(3, specs('plain', null, 4), [{ at: 4, classes: 2 }])).toThrow(/layer 5, but the network has 4 layers/);
  });
});

describe('the runner\'s backward with auxiliary heads, one inside a residual block', () => {
  it.each(['post', 'pre'] as const)('%s form: every gradient matches central differences', (form) => {
    const net = buildNetwork(3, specs(form, null, 4), [{ at: 0, classes: CLASSES }, { at: 2, classes: CLASSES }]);
    const rng = createRng(12);
    for (const p of namedParams(net, String, String)) for (let i = 0; i < p.value.data.length; i++) p.value.data[i] = (p.decay ? 0.55 : 0.3) * rng.normal();
    const cache = createCache(net, BATCH, { inputGradient: true });
    cache.input.data.set(fixedWeights(13, BATCH * 3));
    const r = fixedWeights(14, BATCH * CLASSES * 3);
    outputs(net, cache);
    cache.heads.forEach((h, i) => h.dLogits.data.set(r.subarray(BATCH * CLASSES * (i + 1), BATCH * CLASSES * (i + 2))));
    backward(net, cache, tensorFrom([BATCH, CLASSES], r.subarray(0, BATCH * CLASSES)), { heads: true });
    const options = { eps: 1e-2, tolerance: 2e-2, roundingsPerOutput: 32, truncation: (1e-4 * 50) / 6 };
    const checked = namedParams(net, String, String).map((p) => [p.fullName, p.value.data, Float64Array.from(p.grad.data)] as const);
    for (const [name, value, analytic] of [...checked, ['dInput', cache.input.data, Float64Array.from(cache.dInput!.data)] as const]) {
      expect(checkGradient(value, analytic, () => outputs(net, cache), r, options).failures, name).toEqual([]);
    }
  });
});
