import { describe, expect, it } from 'vitest';
import type { ActivationName } from './contract/names.ts';
import { batchNormSpec, outputHead } from './model/layers/dense.ts';
import type { ResidualCache, ResidualForm } from './model/layers/residual.ts';
import {
  backward, buildNetwork, createCache, forward, forwardHeads, inputGradient, type Cache, type LayerSpec, type Network,
} from './model/network.ts';
import { createRng } from './rng.ts';
import { tensorFrom } from './tensor.ts';
import { checkGradient } from './testing/gradcheck.ts';
import { blocksOf } from './testing/blocks.ts';
import { fixedWeights } from './testing/random.ts';

const WIDTH = 4, BATCH = 5, CLASSES = 3;

interface Case {
  form: ResidualForm;
  norm: boolean;
  /** Input width: WIDTH (identity skip in the first block) or 3 (a projection). */
  input: number;
  scale: number;
  /** Start the branch's last op at zero: its dense layer, or its BN's gamma and beta (post form with BN). */
  zero: boolean;
  activation: ActivationName;
  heads: boolean;
}

/**
 * Two residual blocks, then a plain layer (an odd hidden depth), then the output head; optionally
 * auxiliary heads on hidden layers 2 and 4 (0-based 1 and 3).
 */
function residualNetwork(c: Case, seed: number): { net: Network; cache: Cache } {
  const bn = c.norm ? batchNormSpec('before') : undefined;
  const block: LayerSpec = { kind: 'residual', form: c.form, units: WIDTH, activation: c.activation, scale: c.scale, ...(bn ? { batchNorm: bn } : {}) };
  const specs: LayerSpec[] = [block, block, { kind: 'dense', units: WIDTH, activation: c.activation, ...(bn ? { batchNorm: bn } : {}) }, outputHead(CLASSES)];
  const net = buildNetwork(c.input, specs, c.heads ? [{ at: 1, classes: CLASSES }, { at: 3, classes: CLASSES }] : []);
  const rng = createRng(seed);
  const fill = (x: Float32Array, sd: number, mean = 0) => { for (let i = 0; i < x.length; i++) x[i] = mean + sd * rng.normal(); };
  for (const layer of [...net.units, ...net.heads.map((h) => h.unit)]) {
    fill(layer.weight.data, 1.1 / Math.sqrt(layer.fanIn));
    fill(layer.bias.data, 0.3);
    if (layer.norm) {
      fill(layer.norm.gamma.data, 0.3, 1);
      fill(layer.norm.beta.data, 0.3);
    }
  }
  for (const b of blocksOf(net)) {
    if (b.projection) fill(b.projection.weight.data, 1 / Math.sqrt(c.input));
    if (c.zero) {
      const last = net.units[b.last];
      // The branch's last op: BN in the post form with batch norm (zero its gamma and beta), else the dense layer.
      if (last.norm && c.form === 'post') { last.norm.gamma.data.fill(0); last.norm.beta.data.fill(0); }
      else { last.weight.data.fill(0); last.bias.data.fill(0); }
    }
  }
  const cache = createCache(net, BATCH, { inputGradient: true });
  fill(cache.input.data, 1);
  return { net, cache };
}

/** Every output the check's L = sum(out R) weighs: the network's output, then each head's logits. */
function outputs(net: Network, cache: Cache): Float64Array {
  forward(net, cache, 'batch');
  forwardHeads(net, cache);
  const parts = [cache.taps[net.units.length - 1].output.data, ...cache.heads.map((h) => h.logits.data)];
  const all = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { all.set(p, at); at += p.length; }
  return all;
}

function check(c: Case, seed: number): void {
  const { net, cache } = residualNetwork(c, seed);
  const outCount = BATCH * CLASSES * (1 + net.heads.length);
  const r = fixedWeights(seed + 100, outCount);
  outputs(net, cache);
  net.heads.forEach((_, h) => cache.heads[h].dLogits.data.set(r.subarray(BATCH * CLASSES * (h + 1), BATCH * CLASSES * (h + 2))));
  backward(net, cache, tensorFrom([BATCH, CLASSES], r.subarray(0, BATCH * CLASSES)), { heads: true });
  const evaluate = () => outputs(net, cache);
  // As network.norm.test.ts: up to ~6 layers of roundings per output and the truncation of smooth
  // activations through batch norm's 1/sigma: |L'''| up to ~50 without, but ~1e3 where a batch of 5
  // leaves a BN feature with variance ~0.1 (post form, seed 11: at eps 1e-2 one weight's difference
  // is 40% off, converging to the analytic value as eps -> 0: 3e-3 gives 4%, 1e-3 gives 1%). So
  // eps 3e-3 with BN (rounding ~4x larger, still far inside 2e-2), 1e-2 without.
  // A missing path (the skip, a head, alpha on the branch, a BN statistic) is off by O(1).
  const eps = c.norm ? 3e-3 : 1e-2;
  const options = { eps, tolerance: 2e-2, roundingsPerOutput: 32, truncation: (eps * eps * (c.norm ? 1000 : 50)) / 6 };
  const snapshot = (t: { data: Float32Array }) => Float64Array.from(t.data);
  const params: [string, Float32Array, Float64Array][] = [];
  net.units.forEach((layer, l) => {
    params.push([`layer ${l} dWeight`, layer.weight.data, snapshot(layer.dWeight)], [`layer ${l} dBias`, layer.bias.data, snapshot(layer.dBias)]);
    if (layer.norm) params.push([`layer ${l} dGamma`, layer.norm.gamma.data, snapshot(layer.norm.dGamma)], [`layer ${l} dBeta`, layer.norm.beta.data, snapshot(layer.norm.dBeta)]);
  });
  blocksOf(net).forEach((b) => { if (b.projection) params.push([`block ${b.index} projection`, b.projection.weight.data, snapshot(b.projection.dWeight)]); });
  net.heads.forEach((h, i) => params.push([`head ${i} dWeight`, h.unit.weight.data, snapshot(h.unit.dWeight)], [`head ${i} dBias`, h.unit.bias.data, snapshot(h.unit.dBias)]));
  params.push(['dInput', cache.input.data, snapshot(cache.dInput!)]);
  for (const [name, param, analytic] of params) {
    expect(checkGradient(param, analytic, evaluate, r, options).failures, name).toEqual([]);
  }
}

const FORMS: ResidualForm[] = ['post', 'pre'];
const cases: Case[] = [];
for (const form of FORMS) {
  for (const norm of [false, true]) {
    for (const input of [WIDTH, 3]) {
      for (const [scale, zero] of [[1, false], [Math.SQRT1_2, false], [1, true]] as const) {
        cases.push({ form, norm, input, scale, zero, activation: 'tanh', heads: false });
      }
    }
  }
}
const title = (c: Case) => `${c.form}, ${c.norm ? 'BN' : 'no BN'}, ${c.input === WIDTH ? 'identity' : 'projection'}, ${c.zero ? 'zero-init branch' : `alpha ${c.scale.toFixed(3)}`}${c.heads ? ', aux heads' : ''} (${c.activation})`;

describe('residual blocks: every gradient matches central differences', () => {
  it.each(cases.map((c) => ({ c, name: title(c) })))('$name', ({ c }) => check(c, 11));

  it.each(FORMS)('%s form with auxiliary heads on layers 2 and 4: the total loss\'s gradients, heads included', (form) => {
    check({ form, norm: false, input: 3, scale: 1, zero: false, activation: 'tanh', heads: true }, 12);
    check({ form, norm: true, input: WIDTH, scale: Math.SQRT1_2, zero: false, activation: 'gelu', heads: true }, 13);
  });
});

describe('inputGradient: dL/d(input) after a backward pass without dInput (the training probe\'s)', () => {
  it.each(cases.filter((c) => !c.zero).map((c) => ({ c, name: title(c) })))('equals what backward writes into dInput: $name', ({ c }) => {
    const { net, cache } = residualNetwork(c, 21);
    const plainCache = createCache(net, BATCH);
    plainCache.input.data.set(cache.input.data);
    const r = tensorFrom([BATCH, CLASSES], fixedWeights(5, BATCH * CLASSES));
    for (const k of [cache, plainCache]) {
      forward(net, k, 'batch');
      backward(net, k, r);
    }
    expect(plainCache.dInput).toBeNull();
    const gammaGrads = net.units.map((l) => (l.norm ? Float32Array.from(l.norm.dGamma.data) : null));
    expect(inputGradient(net, plainCache).data).toEqual(cache.dInput!.data);
    net.units.forEach((l, i) => { if (l.norm) expect(l.norm.dGamma.data).toEqual(gammaGrads[i]); }); // parameters' gradients untouched
    expect(inputGradient(net, cache)).toBe(cache.dInput);
  });
});

describe('residual blocks: structure', () => {
  it('a zero-initialized branch makes the block the identity (pre form) or act of it (post form), bit for bit', () => {
    for (const form of FORMS) {
      for (const norm of [false, true]) {
        const { net, cache } = residualNetwork({ form, norm, input: WIDTH, scale: 1, zero: true, activation: 'relu', heads: false }, 3);
        forward(net, cache, 'batch');
        const x0 = cache.input.data, x1 = cache.taps[1].output.data, x2 = cache.taps[3].output.data;
        const expected = (x: Float32Array) => Float32Array.from(x, (v) => (form === 'post' ? Math.max(0, v) : v));
        expect(x1, `${form} ${norm}`).toEqual(expected(x0));
        expect(x2, `${form} ${norm}`).toEqual(expected(x1));
      }
    }
  });

  it('lays out two layers per block, a projection only where the widths differ, and shares buffers where the quantity is the same', () => {
    const post = residualNetwork({ form: 'post', norm: false, input: 3, scale: 1, zero: false, activation: 'tanh', heads: false }, 1);
    expect(post.net.units).toHaveLength(6);
    expect(blocksOf(post.net).map((b) => [b.first, b.last, b.projection !== null])).toEqual([[0, 1, true], [2, 3, false]]);
    expect(post.net.layers.map((l) => [l.kind, l.units.length])).toEqual([['residual', 2], ['residual', 2], ['dense', 1], ['dense', 1]]);
    expect(Array.from(post.net.layerOf)).toEqual([0, 0, 1, 1, 2, 3]);
    const c = post.cache, inner = c.layers[0] as ResidualCache;
    expect(c.taps[0].pre).toBe(c.taps[0].dense); // an opening post layer is a plain dense -> act
    expect(c.taps[1].pre).not.toBe(inner.b.branch); // the closing one adds the skip before its act
    expect(inner.b.branch).toBe(c.taps[1].dense);
    expect(inner.b.dBranch).not.toBe(c.taps[1].dPre!);
    const pre = residualNetwork({ form: 'pre', norm: false, input: WIDTH, scale: 1, zero: false, activation: 'tanh', heads: false }, 1);
    expect(pre.cache.taps[0].pre).toBe(pre.cache.input); // without BN the act reads the stream in place
    expect(pre.cache.taps[2].pre).toBe(pre.cache.taps[1].output);
    expect(pre.cache.taps[2].dPre!).not.toBe(pre.cache.taps[1].dOutput!); // but its gradient is its own path's
    expect(pre.cache.taps[0].output).toBe(pre.cache.taps[0].dense);
    expect(pre.cache.taps[1].output).not.toBe(pre.cache.taps[1].dense);
  });
});
