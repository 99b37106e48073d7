/**
 * The residual stream's second moment, block by block, against engine/residualTheory.ts, in nets
 * wide and deep enough for the mean-field picture (20 blocks, width 256, batch 512, He init, ReLU).
 *
 * Tolerances from the run's own sampling error (as theory.measured.test.ts does for plain nets).
 * Given a block's input x (all of it) and its first layer's output r, the block's output units are
 * independent (unit j depends on x's unit j, r, and column j of the last weight alone), so the
 * block's increment of E[x^2], the mean over units of D_j = (1/B) sum_b (x_out,bj^2 - x_in,bj^2),
 * has a relative variance estimated from the spread of the D_j (conservative: their means differ).
 * The branch also moves with r, whose units are iid given x: the relative variance of the mean over
 * units of (1/B) sum_b r_bi^2, weighted by the branch's share of the block's output. Errors compound
 * multiplicatively, with slope <= 1 (d log q_{k+1} / d log q_k for ReLU, homogeneous, is 1), so the
 * variance of log(measured / theory) at block k is at most the sum of the blocks' below; checked at
 * 5 SE. A wrong per-block factor (x2 against x2.4, +1 against x2) is off by far more at 20 blocks.
 */
import { describe, expect, it } from 'vitest';
import { withConfig, type Config } from './contract/config.ts';
import { buildExperiment, forwardAndBackward, hiddenLayerSpecs, initializeNetwork, fillInput, theoryOf } from './experiment.ts';
import { buildNetwork, createCache, forward, type Cache } from './model/network.ts';
import { predictResidual } from './residualTheory.ts';
import { createRng, deriveSeed } from './rng.ts';
import { STREAM } from './rngStreams.ts';
import { initOptionsOf } from './experiment.ts';
import { perUnitMeanSquare, relativeVarianceOfMean, relativeVarianceOfMeanSquare } from './testing/meanField.ts';

const BLOCKS = 20, WIDTH = 256, BATCH = 512;
const Z = 5;
const TIMEOUT = 180_000;

function meanSquare(x: Float32Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return s / x.length;
}

/** Relative variance of the mean over units of the per-unit increments out^2 - in^2. */
function incrementVariance(xIn: Float32Array, xOut: Float32Array, m2Out: number): number {
  const d = perUnitMeanSquare(xOut, BATCH, WIDTH);
  const base = perUnitMeanSquare(xIn, BATCH, WIDTH);
  let mean = 0;
  for (let j = 0; j < WIDTH; j++) { d[j] -= base[j]; mean += d[j] / WIDTH; }
  let dev = 0;
  for (let j = 0; j < WIDTH; j++) dev += (d[j] - mean) ** 2;
  return dev / (WIDTH - 1) / WIDTH / (m2Out * m2Out);
}

interface Chain {
  readonly measured: number[];
  readonly theory: number[];
  /** Accumulated variance of log(measured / theory) up to each block. */
  readonly variance: number[];
}

/** The stream at each block's output (and the input), measured and predicted, with its sampling variance. */
function chain(cache: Cache, theory: Float64Array, theoryIn: number): Chain {
  const measured = [meanSquare(cache.input.data)], predicted = [theoryIn];
  let v = relativeVarianceOfMeanSquare(cache.input.data);
  const variance = [v];
  for (let k = 0; k < BLOCKS; k++) {
    const a = 2 * k, b = a + 1;
    const xIn = k === 0 ? cache.input.data : cache.taps[a - 1].output.data, xOut = cache.taps[b].output.data;
    const m2 = meanSquare(xOut);
    const share = Math.min(1, Math.abs(m2 - measured[k]) / m2);
    v += incrementVariance(xIn, xOut, m2) + share * share * relativeVarianceOfMean(perUnitMeanSquare(cache.taps[a].post.data, BATCH, WIDTH));
    measured.push(m2);
    predicted.push(theory[b]);
    variance.push(v);
  }
  return { measured, theory: predicted, variance };
}

function outside(c: Chain, slack = 0): string[] {
  const report: string[] = [];
  c.measured.forEach((m, k) => {
    const error = Math.abs(Math.log(m / c.theory[k]));
    const tolerance = Z * Math.sqrt(c.variance[k]) + slack;
    if (!(error <= tolerance)) report.push(`block ${k}: measured ${m.toPrecision(5)}, theory ${c.theory[k].toPrecision(5)}, |log ratio| ${error.toFixed(3)} > ${tolerance.toFixed(3)}`);
  });
  return report;
}

const config = (over: Partial<Record<keyof Config, string | number>>) =>
  withConfig({ depth: 2 * BLOCKS, width: WIDTH, batch: BATCH, act: 'relu', init: 'he_normal', residual: 1, seed: 3, ...over });

/** Average growth factor per block over the last `blocks` blocks. */
const growth = (m: number[], blocks: number) => (m[m.length - 1] / m[m.length - 1 - blocks]) ** (1 / blocks);

describe('the residual stream at initialization against the mean-field theory (20 blocks, width 256, batch 512, He + ReLU)', () => {
  it.each(['pre', 'post'] as const)('%s form, no batch norm: E[x^2] block by block within 5 SE; x2 per block (pre) or x2.4 (post, the act on x + F)', (resform) => {
    const c = config({ resform });
    const { cache } = forwardAndBackward(c);
    const theory = theoryOf(c, WIDTH).streamM2;
    const ch = chain(cache, theory, 1);
    expect(outside(ch)).toEqual([]);
    // the lecture's x2 per block is exact for the pre form: E[F^2] = E[x^2] (He: F's gain is 1)
    const predicted = growth(ch.theory, 19), measured = growth(ch.measured, 19);
    if (resform === 'pre') expect(predicted).toBeCloseTo(2, 6);
    else expect(predicted).toBeGreaterThan(2.3); // relu(x + F) with x >= 0 keeps more than half of the noise's square
    expect(Math.abs(Math.log(measured / predicted))).toBeLessThan((Z * Math.sqrt(ch.variance[BLOCKS])) / 19 + 0.02);
  }, TIMEOUT);

  it.each(['pre', 'post'] as const)('%s form with batch norm: +1 per block (pre; post: rising to +1), within 5 SE', (resform) => {
    const c = config({ resform, norm: 'batch' });
    const net = buildNetwork(WIDTH, hiddenLayerSpecs(c, true));
    const cache = createCache(net, BATCH);
    initializeNetwork(net, c);
    fillInput(cache.input, c.input, createRng(deriveSeed(c.seed, STREAM.input)));
    forward(net, cache, 'batch');
    const theory = predictResidual({
      depth: c.depth, width: WIDTH, inputWidth: WIDTH, activation: 'relu', init: 'he_normal', initOptions: initOptionsOf(c),
      bias: 0, form: resform, scale: 1, norm: { eps: c.bneps, batch: BATCH }, input: 'gauss', topGradM2: 1,
    }).streamM2;
    const ch = chain(cache, theory, 1);
    expect(outside(ch)).toEqual([]);
    // The +1: pre form exactly (E[x^2] = 1 + k); post form, relu(x + BN(.)) loses the part of the
    // unit-variance branch that pushes x + F below 0, less as x grows: increments 0.68, 0.74, ...
    // rising towards 1 (0.86..0.90 over the last 10 of 20 blocks).
    const steps = ch.theory.slice(1).map((q, i) => q - ch.theory[i]);
    if (resform === 'pre') for (let k = 0; k <= BLOCKS; k++) expect(ch.theory[k]).toBeCloseTo(1 + k, 2);
    else {
      for (let k = 2; k < steps.length; k++) expect(steps[k]).toBeGreaterThan(steps[k - 1]);
      expect(steps[BLOCKS - 1]).toBeGreaterThan(0.85);
      expect(steps[BLOCKS - 1]).toBeLessThan(1);
    }
  }, TIMEOUT);

  it.each(['pre', 'post'] as const)('%s form: each layer\'s E[(dL/dpre)^2] against the theory within the compounded sampling error', (resform) => {
    // Backward, the same argument top-down: a layer's gradient second moment is a mean over its
    // units (their gradients come through independent rows of the weight above), relative variance
    // from the spread of the per-unit values; the errors of the layers above compound.
    const c = config({ resform });
    const { cache, net } = forwardAndBackward(c);
    const theory = theoryOf(c, WIDTH).gradM2;
    const report: string[] = [];
    let variance = relativeVarianceOfMeanSquare(cache.taps[net.units.length - 1].dOutput!.data);
    for (let l = net.units.length - 1; l >= 0; l--) {
      const g = cache.taps[l].dPre!.data;
      variance += relativeVarianceOfMean(perUnitMeanSquare(g, BATCH, WIDTH));
      const error = Math.abs(Math.log(meanSquare(g) / theory[l])), tolerance = Z * Math.sqrt(variance);
      if (!(error <= tolerance)) report.push(`layer ${l + 1}: measured ${meanSquare(g).toPrecision(4)}, theory ${theory[l].toPrecision(4)}, ${error.toFixed(3)} > ${tolerance.toFixed(3)}`);
    }
    expect(report).toEqual([]);
    // and the gradient grows down the stack as the stream does up it: x2 per block (pre), ~x2 (post)
    const perBlock = (theory[0] / theory[38]) ** (1 / 19);
    if (resform === 'pre') expect(perBlock).toBeCloseTo(2, 6);
    else expect(perBlock).toBeGreaterThan(1.8);
  }, TIMEOUT);

  it('alpha = 1/sqrt(blocks) tames the growth to (1 + 1/L)^L ~ e over the whole stack (pre form), within 5 SE', () => {
    const c = config({ resform: 'pre', alpha: 'invsqrt' });
    const { cache } = forwardAndBackward(c);
    const ch = chain(cache, theoryOf(c, WIDTH).streamM2, 1);
    expect(outside(ch)).toEqual([]);
    expect(ch.theory[BLOCKS]).toBeCloseTo((1 + 1 / BLOCKS) ** BLOCKS, 3);
  }, TIMEOUT);

  it('a zero-initialized branch: every block is exactly the identity (pre) or ReLU of it (post) at initialization, as the theory says', () => {
    for (const resform of ['pre', 'post'] as const) {
      const c = config({ resform, alpha: 'zero', depth: 8 });
      const { net, cache } = buildExperiment(c);
      forward(net, cache);
      const theory = theoryOf(c, WIDTH).streamM2;
      for (let k = 0; k < 4; k++) {
        const xIn = k === 0 ? cache.input.data : cache.taps[2 * k - 1].output.data, xOut = cache.taps[2 * k + 1].output.data;
        expect(xOut, `${resform} block ${k + 1}`).toEqual(Float32Array.from(xIn, (x) => (resform === 'pre' ? x : Math.max(0, x))));
      }
      // pre: E[x^2] stays 1; post: the first ReLU halves it, then nothing changes
      for (let k = 0; k < 4; k++) expect(theory[2 * k + 1]).toBeCloseTo(resform === 'pre' ? 1 : 0.5, 3);
    }
  }, TIMEOUT);
});
