import { describe, expect, it } from 'vitest';
import * as old from '../network.ts';
import { createRng } from '../rng.ts';
import { tensorFrom } from '../tensor.ts';
import { checkGradient } from '../testing/gradcheck.ts';
import { fixedWeights } from '../testing/random.ts';
import { batchNormSpec, outputHead } from './layers/dense.ts';
import {
  backward, buildNetwork, createCache, forward, forwardHeads, inputGradient, namedParams, type Cache, type LayerSpec, type Network,
} from './network.ts';

const BATCH = 5, CLASSES = 3;

function specs(kind: 'plain' | 'post' | 'pre', bn: 'before' | 'after' | null, width: number): LayerSpec[] {
  const norm = bn ? { batchNorm: batchNormSpec(bn) } : {};
  const dense: LayerSpec = { kind: 'dense', units: width, activation: 'tanh', ...norm };
  if (kind === 'plain') return [dense, dense, dense, outputHead(CLASSES)];
  const block: LayerSpec = { kind: 'residual', form: kind, units: width, activation: 'tanh', scale: Math.SQRT1_2, ...norm };
  return [block, block, dense, outputHead(CLASSES)];
}

/** The old network's parameters in the trainer's order (weight, bias, gamma, beta per layer; a projection after its block). */
function oldParams(net: old.Network): Float32Array[] {
  const out: Float32Array[] = [];
  for (const layer of net.layers) {
    out.push(layer.weight.data, layer.bias.data);
    if (layer.norm) out.push(layer.norm.gamma.data, layer.norm.beta.data);
    if (layer.closes?.projection) out.push(layer.closes.projection.weight.data);
  }
  for (const h of net.heads) out.push(h.layer.weight.data, h.layer.bias.data);
  return out;
}

function pair(kind: 'plain' | 'post' | 'pre', bn: 'before' | 'after' | null, input: number, inputGradient: boolean) {
  const s = specs(kind, bn, 4);
  const heads = [{ at: 0, classes: CLASSES }, { at: 3, classes: CLASSES }];
  const a = old.buildNetwork(input, s, heads), b = buildNetwork(input, s, heads);
  const rng = createRng(7);
  const pa = oldParams(a), pb = namedParams(b, (l) => `layer ${l + 1}`, (m) => `block ${m + 1}`).map((p) => p.value.data);
  expect(pb.map((p) => p.length)).toEqual(pa.map((p) => p.length));
  pa.forEach((p, i) => { for (let j = 0; j < p.length; j++) p[j] = 0.5 * rng.normal(); pb[i].set(p); });
  const ca = old.createCache(a, BATCH, { inputGradient }), cb = createCache(b, BATCH, { inputGradient });
  const x = fixedWeights(3, BATCH * input);
  ca.input.data.set(x);
  cb.input.data.set(x);
  return { a, b, ca, cb, pa, pb };
}

describe('the module runner computes what the fat-layer network did, bit for bit', () => {
  const cases: ['plain' | 'post' | 'pre', 'before' | 'after' | null, number][] = [];
  for (const kind of ['plain', 'post', 'pre'] as const) for (const bn of [null, 'before', 'after'] as const) for (const input of [4, 3]) cases.push([kind, bn, input]);
  it.each(cases)('%s, batch norm %s, input width %i', (kind, bn, input) => {
    for (const withInput of [true, false]) {
      const { a, b, ca, cb } = pair(kind, bn, input, withInput);
      old.forward(a, ca, 'train');
      forward(b, cb, 'train');
      old.forwardHeads(a, ca);
      forwardHeads(b, cb);
      const top = tensorFrom([BATCH, CLASSES], fixedWeights(5, BATCH * CLASSES));
      ca.heads.forEach((h, i) => { h.dLogits.data.set(fixedWeights(9 + i, BATCH * CLASSES)); cb.heads[i].dLogits.data.set(h.dLogits.data); });
      old.backward(a, ca, top, { heads: true });
      backward(b, cb, top, { heads: true });
      a.layers.forEach((layer, l) => {
        const t = cb.taps[l], u = b.units[l];
        for (const [name, x, y] of [
          ['pre', ca.pre[l], t.pre], ['post', ca.post[l], t.post], ['dense', ca.dense[l], t.dense], ['out', ca.out[l], t.output],
          ['dPre', ca.dPre[l], t.dPre!], ['dPost', ca.dPost[l], t.dPost!], ['dOut', ca.dOut[l], t.dOutput!],
          ['dWeight', layer.dWeight, u.dWeight], ['dBias', layer.dBias, u.dBias],
        ] as const) expect(y.data, `layer ${l} ${name}`).toEqual(x.data);
        if (layer.norm) expect([u.norm!.dGamma.data, u.norm!.runningVar.data]).toEqual([layer.norm.dGamma.data, layer.norm.runningVar.data]);
      });
      ca.heads.forEach((h, i) => expect(cb.heads[i].logits.data).toEqual(h.logits.data));
      a.heads.forEach((h, i) => expect(b.heads[i].unit.dWeight.data).toEqual(h.layer.dWeight.data));
      expect(inputGradient(b, cb).data).toEqual(old.inputGradient(a, ca).data);
    }
  });
});

/** L = sum(out R) over the network's output and every head's logits. */
function outputs(net: Network, cache: Cache): Float64Array {
  forward(net, cache, 'batch');
  forwardHeads(net, cache);
  const parts = [cache.output.data, ...cache.heads.map((h) => h.logits.data)];
  return Float64Array.from(parts.flatMap((p) => Array.from(p)));
}

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
