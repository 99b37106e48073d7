import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.ts';
import { tensorFrom, zerosTensor, type Tensor } from '../tensor.ts';
import { checkGradient, FLOAT32_UNIT_ROUNDOFF } from '../testing/gradcheck.ts';
import { fixedWeights, normalTensor } from '../testing/random.ts';
import {
  BATCH_NORM_EPS, BATCH_NORM_MOMENTUM, batchNormBackward, batchNormForward, batchNormInference,
  createBatchNormStats, updateRunningStats,
} from './batchNorm.ts';

const u = FLOAT32_UNIT_ROUNDOFF;

/** Column j of a [rows, cols] tensor as float64 numbers. */
function column(t: Tensor, j: number): number[] {
  const [rows, cols] = t.shape;
  return Array.from({ length: rows }, (_, r) => t.data[r * cols + j]);
}
const meanOf = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const biasedVar = (v: number[]) => { const m = meanOf(v); return v.reduce((a, b) => a + (b - m) * (b - m), 0) / v.length; };
const unbiasedVar = (v: number[]) => (biasedVar(v) * v.length) / (v.length - 1);

function setup(seed: number, batch: number, features: number, scale = 1.3, shift = 0.7) {
  const rng = createRng(seed);
  const x = normalTensor(rng, [batch, features], scale);
  for (let i = 0; i < x.data.length; i++) x.data[i] += shift * ((i % features) - 1); // a different mean per feature
  const gamma = normalTensor(rng, [features], 0.5);
  for (let j = 0; j < features; j++) gamma.data[j] += 1;
  const beta = normalTensor(rng, [features], 0.5);
  const y = zerosTensor([batch, features]);
  const xHat = zerosTensor([batch, features]);
  const stats = createBatchNormStats(features);
  return { x, gamma, beta, y, xHat, stats };
}

describe('batch norm, training-mode forward', () => {
  it('defaults are PyTorch\'s: momentum 0.1, eps 1e-5', () => {
    expect([BATCH_NORM_MOMENTUM, BATCH_NORM_EPS]).toEqual([0.1, 1e-5]);
  });

  it.each([1e-5, 0.5, 3])('per feature: mean 0 and (biased) variance v / (v + eps), eps = %s', (eps) => {
    const { x, y, xHat, stats } = setup(1, 16, 5);
    const ones = tensorFrom([5], [1, 1, 1, 1, 1]), zeros = zerosTensor([5]);
    batchNormForward(x, ones, zeros, eps, y, xHat, stats);
    for (let j = 0; j < 5; j++) {
      const v = biasedVar(column(x, j));
      const out = column(y, j);
      // Each output is one rounding of an exact-ish float64 value of size <= sqrt(N) = 4: sums of 16 such errors.
      expect(Math.abs(meanOf(out))).toBeLessThanOrEqual(4 * u);
      expect(Math.abs(biasedVar(out) - v / (v + eps))).toBeLessThanOrEqual(16 * u);
      expect(stats.mean[j]).toBeCloseTo(meanOf(column(x, j)), 13);
      expect(stats.variance[j]).toBeCloseTo(v, 12);
      expect(stats.invStd[j]).toBeCloseTo(1 / Math.sqrt(v + eps), 12);
    }
    expect(stats.count).toBe(16);
  });

  it('gamma and beta scale and shift the normalized value: y = gamma xHat + beta', () => {
    const { x, gamma, beta, y, xHat, stats } = setup(2, 7, 3);
    batchNormForward(x, gamma, beta, BATCH_NORM_EPS, y, xHat, stats);
    for (let j = 0; j < 3; j++) {
      const col = column(x, j);
      const m = meanOf(col), s = Math.sqrt(biasedVar(col) + BATCH_NORM_EPS);
      col.forEach((v, r) => {
        const want = gamma.data[j] * ((v - m) / s) + beta.data[j];
        expect(Math.abs(y.data[r * 3 + j] - want)).toBeLessThanOrEqual(2 * u * (Math.abs(want) + 1));
      });
    }
  });

  it('a constant feature gives beta (0 / sqrt(eps)), not NaN; eps = 0 on it gives NaN as in PyTorch', () => {
    const x = tensorFrom([3, 2], [5, 1, 5, 2, 5, 3]);
    const gamma = tensorFrom([2], [2, 1]), beta = tensorFrom([2], [0.25, 0]);
    const y = zerosTensor([3, 2]), xHat = zerosTensor([3, 2]), stats = createBatchNormStats(2);
    batchNormForward(x, gamma, beta, BATCH_NORM_EPS, y, xHat, stats);
    expect(column(y, 0)).toEqual([0.25, 0.25, 0.25]);
    batchNormForward(x, gamma, beta, 0, y, xHat, stats);
    expect(column(y, 0).every(Number.isNaN)).toBe(true);
    expect(column(y, 1).every(Number.isFinite)).toBe(true);
  });

  it('shape mismatches throw errors naming both shapes', () => {
    const { x, gamma, beta, y, xHat, stats } = setup(3, 4, 3);
    expect(() => batchNormForward(x, zerosTensor([4]), beta, 1e-5, y, xHat, stats)).toThrow(/\[3\].*\[4\]/);
    expect(() => batchNormForward(x, gamma, beta, 1e-5, zerosTensor([3, 4]), xHat, stats)).toThrow(/\[4, 3\].*\[3, 4\]/);
    expect(() => batchNormForward(zerosTensor([12]), gamma, beta, 1e-5, y, xHat, stats)).toThrow(/\[batch, features\].*\[12\]/);
    expect(() => batchNormBackward(zerosTensor([4, 2]), xHat, gamma, stats, null, zerosTensor([3]), zerosTensor([3]))).toThrow(/\[4, 3\].*\[4, 2\]/);
  });
});

describe('batch norm backward', () => {
  // L = sum(y R) in float64. Measured worst relative errors at eps = 1e-2: dx 1e-4 (truncation: y
  // depends on x_k through the batch mean and 1/sigma, so |d^3 L / dx_k^3| ~ N |gamma R| / sigma^3,
  // about 10 here with sigma ~ 1.3, N = 6), dGamma and dBeta 5e-6 (L is linear in them: rounding only).
  // Tolerance 1e-3: a 10x margin; forgetting the paths through the batch mean and variance is off by O(1).
  const eps = 1e-2;
  const options = { eps, tolerance: 1e-3, roundingsPerOutput: 1, truncation: (eps * eps * 10) / 6 };

  function gradients(seed: number, normEps = BATCH_NORM_EPS) {
    const s = setup(seed, 6, 5);
    const r = fixedWeights(seed + 100, 30);
    batchNormForward(s.x, s.gamma, s.beta, normEps, s.y, s.xHat, s.stats);
    const dx = zerosTensor([6, 5]), dGamma = zerosTensor([5]), dBeta = zerosTensor([5]);
    batchNormBackward({ data: r, shape: [6, 5] }, s.xHat, s.gamma, s.stats, dx, dGamma, dBeta);
    const evaluate = () => {
      batchNormForward(s.x, s.gamma, s.beta, normEps, s.y, s.xHat, s.stats);
      return s.y.data;
    };
    return { ...s, r, dx, dGamma, dBeta, evaluate };
  }

  it.each([1, 2, 3])('dx, dGamma and dBeta match central differences (seed %i)', (seed) => {
    const g = gradients(seed);
    expect(checkGradient(g.x.data, Float64Array.from(g.dx.data), g.evaluate, g.r, options).failures).toEqual([]);
    expect(checkGradient(g.gamma.data, Float64Array.from(g.dGamma.data), g.evaluate, g.r, options).failures).toEqual([]);
    expect(checkGradient(g.beta.data, Float64Array.from(g.dBeta.data), g.evaluate, g.r, options).failures).toEqual([]);
  });

  it('the check catches the classic mistake of treating the batch statistics as constants', () => {
    const g = gradients(4);
    // dx = gamma invStd dy: right only if mean and variance did not depend on x.
    const naive = new Float64Array(30);
    for (let i = 0; i < 30; i++) naive[i] = g.gamma.data[i % 5] * g.stats.invStd[i % 5] * g.r[i];
    expect(checkGradient(g.x.data, naive, g.evaluate, g.r, options).failures.length).toBeGreaterThan(20);
  });

  it('dx sums to zero over the batch and is orthogonal to xHat (the two constraints normalization imposes)', () => {
    // Exactly orthogonal only at eps = 0: otherwise sum xHat^2 = N v / (v + eps), not N.
    const g = gradients(5, 0);
    for (let j = 0; j < 5; j++) {
      const d = column(g.dx, j), h = column(g.xHat, j);
      const scale = Math.max(...d.map(Math.abs));
      expect(Math.abs(d.reduce((a, b) => a + b, 0))).toBeLessThanOrEqual(8 * u * scale * 6);
      expect(Math.abs(d.reduce((a, b, r) => a + b * h[r], 0))).toBeLessThanOrEqual(8 * u * scale * 6 * 3);
    }
  });

  it('dx may be null: only dGamma and dBeta are computed', () => {
    const g = gradients(6);
    const dGamma = zerosTensor([5]), dBeta = zerosTensor([5]);
    batchNormBackward({ data: g.r, shape: [6, 5] }, g.xHat, g.gamma, g.stats, null, dGamma, dBeta);
    expect(dGamma.data).toEqual(g.dGamma.data);
    expect(dBeta.data).toEqual(g.dBeta.data);
  });
});

describe('running statistics', () => {
  it('follow PyTorch\'s rule over three batches: r = (1 - m) r + m batch, unbiased variance', () => {
    const features = 4, batch = 5, momentum = 0.1;
    const runningMean = zerosTensor([features]);
    const runningVar = tensorFrom([features], [1, 1, 1, 1]);
    const wantMean = [0, 0, 0, 0], wantVar = [1, 1, 1, 1], biasedRule = [1, 1, 1, 1];
    for (let step = 0; step < 3; step++) {
      const { x, gamma, beta, y, xHat, stats } = setup(10 + step, batch, features, 2, 1.5);
      batchNormForward(x, gamma, beta, BATCH_NORM_EPS, y, xHat, stats);
      updateRunningStats(stats, momentum, runningMean, runningVar);
      for (let j = 0; j < features; j++) {
        const col = column(x, j);
        wantMean[j] = Math.fround(0.9 * wantMean[j] + 0.1 * meanOf(col)); // stored in float32 like the engine's
        wantVar[j] = Math.fround(0.9 * wantVar[j] + 0.1 * unbiasedVar(col));
        biasedRule[j] = 0.9 * biasedRule[j] + 0.1 * biasedVar(col);
      }
      for (let j = 0; j < features; j++) {
        expect(Math.abs(runningMean.data[j] - wantMean[j])).toBeLessThanOrEqual(2 * u * (Math.abs(wantMean[j]) + 1));
        expect(Math.abs(runningVar.data[j] - wantVar[j])).toBeLessThanOrEqual(2 * u * wantVar[j]);
      }
    }
    // Unbiased, not biased: with N = 5 the batch terms differ by 25%, far above rounding.
    for (let j = 0; j < features; j++) expect(Math.abs(runningVar.data[j] - biasedRule[j])).toBeGreaterThan(1e-3);
  });

  it('a hand-computed batch: x = [1, 2, 3, 6] gives mean 3, unbiased variance 14/3', () => {
    const x = tensorFrom([4, 1], [1, 2, 3, 6]);
    const stats = createBatchNormStats(1);
    batchNormForward(x, tensorFrom([1], [1]), zerosTensor([1]), 1e-5, zerosTensor([4, 1]), zerosTensor([4, 1]), stats);
    expect(stats.variance[0]).toBe(3.5); // biased: (4 + 1 + 0 + 9) / 4
    const rm = tensorFrom([1], [0]), rv = tensorFrom([1], [1]);
    updateRunningStats(stats, 0.1, rm, rv);
    expect(rm.data[0]).toBe(Math.fround(0.3));
    expect(rv.data[0]).toBe(Math.fround(0.9 + 0.1 * (14 / 3)));
    updateRunningStats(stats, 1, rm, rv); // momentum 1: the batch's own estimates
    expect([rm.data[0], rv.data[0]]).toEqual([3, Math.fround(14 / 3)]);
  });

  it('a batch of one has no unbiased variance: the update refuses it, as PyTorch refuses to train on it', () => {
    const stats = createBatchNormStats(2);
    batchNormForward(tensorFrom([1, 2], [1, 2]), tensorFrom([2], [1, 1]), zerosTensor([2]), 1e-5, zerosTensor([1, 2]), zerosTensor([1, 2]), stats);
    expect(() => updateRunningStats(stats, 0.1, zerosTensor([2]), zerosTensor([2]))).toThrow(/at least 2 examples/);
  });
});

describe('batch norm, evaluation-mode forward', () => {
  it('normalizes with the running estimates, whatever the batch', () => {
    const x = tensorFrom([2, 2], [1, -1, 3, 5]);
    const gamma = tensorFrom([2], [2, 0.5]), beta = tensorFrom([2], [1, -1]);
    const rm = tensorFrom([2], [1, 1]), rv = tensorFrom([2], [4, 0.25]);
    const y = zerosTensor([2, 2]);
    batchNormInference(x, gamma, beta, rm, rv, 0, y);
    // feature 0: 2 (x - 1) / 2 + 1; feature 1: 0.5 (x - 1) / 0.5 - 1
    expect(Array.from(y.data)).toEqual([1, -3, 3, 3]);
    const one = zerosTensor([1, 2]);
    batchNormInference(tensorFrom([1, 2], [3, 5]), gamma, beta, rm, rv, 0, one);
    expect(Array.from(one.data)).toEqual([3, 3]); // a row's output does not depend on the rest of the batch
  });

  it('matches training mode when the running estimates equal the batch\'s (biased) statistics', () => {
    const { x, gamma, beta, y, xHat, stats } = setup(20, 9, 3);
    batchNormForward(x, gamma, beta, BATCH_NORM_EPS, y, xHat, stats);
    const rm = tensorFrom([3], stats.mean), rv = tensorFrom([3], stats.variance);
    const yEval = zerosTensor([9, 3]);
    batchNormInference(x, gamma, beta, rm, rv, BATCH_NORM_EPS, yEval);
    // the estimates are rounded to float32 once: a relative 2u on mean and variance
    y.data.forEach((v, i) => expect(Math.abs(yEval.data[i] - v)).toBeLessThanOrEqual(8 * u * (Math.abs(v) + 4)));
  });
});
