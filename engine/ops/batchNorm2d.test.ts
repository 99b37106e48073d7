import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.ts';
import { tensorFrom, zerosTensor, type Tensor } from '../tensor.ts';
import { checkGradient, FLOAT32_UNIT_ROUNDOFF } from '../testing/gradcheck.ts';
import { fixedWeights, normalTensor } from '../testing/random.ts';
import {
  BATCH_NORM_EPS, batchNorm2dBackward, batchNorm2dForward, batchNorm2dInference, createBatchNormStats, updateRunningStats,
} from './batchNorm2d.ts';

const u = FLOAT32_UNIT_ROUNDOFF;
const N = 2, C = 3, H = 3, W = 5; // odd planes; M = N H W = 30 values per channel

/** Channel c's N H W values as float64 numbers. */
function channel(t: Tensor, c: number): number[] {
  const [n, ch, h, w] = t.shape, out: number[] = [];
  for (let b = 0; b < n; b++) for (let p = 0; p < h * w; p++) out.push(t.data[(b * ch + c) * h * w + p]);
  return out;
}
const meanOf = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const biasedVar = (v: number[]) => { const m = meanOf(v); return v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length; };

function setup(seed: number) {
  const rng = createRng(seed);
  const x = normalTensor(rng, [N, C, H, W], 1.3);
  for (let i = 0; i < x.data.length; i++) x.data[i] += 0.7 * (Math.floor(i / (H * W)) % C - 1); // a different mean per channel
  const gamma = normalTensor(rng, [C], 0.5);
  for (let c = 0; c < C; c++) gamma.data[c] += 1;
  const beta = normalTensor(rng, [C], 0.5);
  return { x, gamma, beta, y: zerosTensor(x.shape), xHat: zerosTensor(x.shape), stats: createBatchNormStats(C) };
}

describe('batch norm 2d, training mode', () => {
  it('normalizes each channel over N, H and W: y = gamma (x - mean) / sqrt(biased var + eps) + beta', () => {
    const { x, gamma, beta, y, xHat, stats } = setup(1);
    batchNorm2dForward(x, gamma, beta, BATCH_NORM_EPS, y, xHat, stats);
    expect(stats.count).toBe(N * H * W);
    for (let c = 0; c < C; c++) {
      const xs = channel(x, c), ys = channel(y, c), m = meanOf(xs), s = Math.sqrt(biasedVar(xs) + BATCH_NORM_EPS);
      expect(stats.mean[c]).toBeCloseTo(m, 12);
      expect(stats.variance[c]).toBeCloseTo(biasedVar(xs), 12);
      xs.forEach((v, i) => {
        const want = gamma.data[c] * ((v - m) / s) + beta.data[c];
        expect(Math.abs(ys[i] - want)).toBeLessThanOrEqual(2 * u * (Math.abs(want) + 1));
      });
    }
  });

  it('running estimates: one step of PyTorch\'s rule with the unbiased variance over M = N H W', () => {
    const { x, gamma, beta, y, xHat, stats } = setup(2);
    batchNorm2dForward(x, gamma, beta, BATCH_NORM_EPS, y, xHat, stats);
    const rm = zerosTensor([C]), rv = tensorFrom([C], [1, 1, 1]);
    updateRunningStats(stats, 0.1, rm, rv);
    for (let c = 0; c < C; c++) {
      const xs = channel(x, c), M = xs.length;
      expect(rm.data[c]).toBe(Math.fround(0.1 * meanOf(xs)));
      expect(Math.abs(rv.data[c] - (0.9 + 0.1 * biasedVar(xs) * M / (M - 1)))).toBeLessThanOrEqual(2 * u);
    }
  });

  it('a constant channel gives beta, not NaN; a NaN spoils its own channel only', () => {
    const { x, gamma, beta, y, xHat, stats } = setup(3);
    for (let b = 0; b < N; b++) x.data.fill(4, (b * C + 1) * H * W, (b * C + 2) * H * W);
    x.data[(1 * C + 2) * H * W + 7] = NaN;
    batchNorm2dForward(x, gamma, beta, BATCH_NORM_EPS, y, xHat, stats);
    expect(channel(y, 1).every((v) => v === beta.data[1])).toBe(true);
    expect(channel(y, 2).every(Number.isNaN)).toBe(true);
    expect(channel(y, 0).every(Number.isFinite)).toBe(true);
  });

  it('Infinity in a channel makes its mean infinite and its variance NaN (inf - inf): that channel turns NaN, the others are untouched', () => {
    const { x, gamma, beta, y, xHat, stats } = setup(4);
    x.data[3] = Infinity; // image 0, channel 0
    batchNorm2dForward(x, gamma, beta, BATCH_NORM_EPS, y, xHat, stats);
    expect(channel(y, 0).every(Number.isNaN)).toBe(true);
    expect(channel(y, 1).concat(channel(y, 2)).every(Number.isFinite)).toBe(true);
  });

  it('shape mismatches name both shapes', () => {
    const { x, gamma, beta, y, xHat, stats } = setup(5);
    expect(() => batchNorm2dForward(x, zerosTensor([4]), beta, 1e-5, y, xHat, stats)).toThrow(/\[3\].*\[4\]/);
    expect(() => batchNorm2dForward(x, gamma, beta, 1e-5, zerosTensor([N, C, W, H]), xHat, stats)).toThrow(/\[2, 3, 3, 5\].*\[2, 3, 5, 3\]/);
    expect(() => batchNorm2dForward(zerosTensor([N, C]), gamma, beta, 1e-5, y, xHat, stats)).toThrow(/NCHW.*\[2, 3\]/);
    expect(() => batchNorm2dForward(x, gamma, beta, 1e-5, y, xHat, createBatchNormStats(4))).toThrow(/statistics for 4 channels/);
  });
});

describe('batch norm 2d backward', () => {
  // As batchNorm.test.ts: eps 1e-2 (x enters through the channel's mean and 1/sigma, so L is not
  // linear in it: truncation ~ eps^2 |L'''| / 6), tolerance 1e-3; forgetting those paths is off by O(1).
  const eps = 1e-2;
  const options = { eps, tolerance: 1e-3, roundingsPerOutput: 1, truncation: (eps * eps * 10) / 6 };

  it.each([1, 2, 3])('dx, dGamma and dBeta match central differences (seed %i)', (seed) => {
    const s = setup(seed);
    const r = fixedWeights(seed + 100, s.x.data.length);
    batchNorm2dForward(s.x, s.gamma, s.beta, BATCH_NORM_EPS, s.y, s.xHat, s.stats);
    const dx = zerosTensor(s.x.shape), dGamma = zerosTensor([C]), dBeta = zerosTensor([C]);
    batchNorm2dBackward({ data: r, shape: s.x.shape }, s.xHat, s.gamma, s.stats, dx, dGamma, dBeta);
    const evaluate = () => {
      batchNorm2dForward(s.x, s.gamma, s.beta, BATCH_NORM_EPS, s.y, s.xHat, s.stats);
      return s.y.data;
    };
    for (const [name, param, grad] of [['dx', s.x, dx], ['dGamma', s.gamma, dGamma], ['dBeta', s.beta, dBeta]] as const) {
      expect(checkGradient(param.data, Float64Array.from(grad.data), evaluate, r, options).failures, name).toEqual([]);
    }
    const again = zerosTensor([C]);
    batchNorm2dBackward({ data: r, shape: s.x.shape }, s.xHat, s.gamma, s.stats, null, again, zerosTensor([C]));
    expect(again.data).toEqual(dGamma.data); // dx null: the parameter gradients alone
  });
});

describe('batch norm 2d, evaluation mode', () => {
  it('uses the running estimates, and matches training mode when they equal the batch\'s statistics', () => {
    const { x, gamma, beta, y, xHat, stats } = setup(6);
    batchNorm2dForward(x, gamma, beta, BATCH_NORM_EPS, y, xHat, stats);
    const rm = tensorFrom([C], stats.mean), rv = tensorFrom([C], stats.variance), yEval = zerosTensor(x.shape);
    batchNorm2dInference(x, gamma, beta, rm, rv, BATCH_NORM_EPS, yEval);
    y.data.forEach((v, i) => expect(Math.abs(yEval.data[i] - v)).toBeLessThanOrEqual(8 * u * (Math.abs(v) + 4)));
    const one = zerosTensor([1, C, H, W]);
    batchNorm2dInference({ data: x.data.slice(C * H * W), shape: [1, C, H, W] }, gamma, beta, rm, rv, BATCH_NORM_EPS, one);
    expect(one.data).toEqual(yEval.data.slice(C * H * W)); // an image's output does not depend on the rest of the batch
  });
});
