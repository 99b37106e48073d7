import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.ts';
import { zerosTensor } from '../tensor.ts';
import { FLOAT32_UNIT_ROUNDOFF } from '../testing/gradcheck.ts';
import { initializeWeight, type InitOptions } from './initializers.ts';
import { randomOrthogonal } from './orthogonal.ts';

const BASE: InitOptions = { activation: 'tanh', gain: 1, std: 0.01, constant: 0.01, fan: 'in' };

/** Largest |G - scale I| over the Gram matrix of the k vectors a[v * stride + t * step], t < length. */
function gramError(get: (v: number, t: number) => number, count: number, length: number, scale: number): number {
  let worst = 0;
  for (let i = 0; i < count; i++) {
    for (let j = i; j < count; j++) {
      let dot = 0;
      for (let t = 0; t < length; t++) dot += get(i, t) * get(j, t);
      worst = Math.max(worst, Math.abs(dot - (i === j ? scale : 0)));
    }
  }
  return worst;
}

describe('randomOrthogonal (float64)', () => {
  it.each([[8, 8], [5, 12], [12, 5]])('%i x %i has orthonormal rows (rows <= cols) or columns', (rows, cols) => {
    const q = randomOrthogonal(rows, cols, createRng(3));
    const error = rows <= cols
      ? gramError((v, t) => q[v * cols + t], rows, cols, 1)
      : gramError((v, t) => q[t * cols + v], cols, rows, 1);
    // Gram-Schmidt run twice is orthogonal to a few ulp times the length (Giraud et al. 2005).
    expect(error).toBeLessThanOrEqual(1e-14);
  });
});

describe('orthogonal initializer (float32, stored fanIn x fanOut)', () => {
  const cases = [[64, 64], [96, 32], [32, 96]] as const;
  it.each(cases)('fanIn %i, fanOut %i: W^T W = gain^2 I (fanOut <= fanIn) or W W^T = gain^2 I', (fanIn, fanOut) => {
    for (const gain of [1, 2.5]) {
      const w = zerosTensor([fanIn, fanOut]);
      initializeWeight('orthogonal', w, createRng(5), { ...BASE, gain });
      const d = w.data;
      const error = fanOut <= fanIn
        ? gramError((v, t) => d[t * fanOut + v], fanOut, fanIn, gain * gain) // columns of W
        : gramError((v, t) => d[v * fanOut + t], fanIn, fanOut, gain * gain); // rows of W
      // each float32 entry is within u of gain q: a dot product of two unit vectors moves by <= 2u gain^2
      expect(error).toBeLessThanOrEqual(2.1 * FLOAT32_UNIT_ROUNDOFF * gain * gain + 1e-14);
    }
  });

  it('is a random rotation, not a fixed matrix: the trace of a square one is N(0, 1)-sized', () => {
    // For Haar-distributed orthogonal Q, trace(Q) has mean 0 and variance 1 (Diaconis & Shahshahani):
    // the identity (trace 64) or a sign-biased Q would fail; |trace| <= 5 is 5 SE.
    for (const seed of [1, 2, 3]) {
      const w = zerosTensor([64, 64]);
      initializeWeight('orthogonal', w, createRng(seed), BASE);
      let trace = 0;
      for (let i = 0; i < 64; i++) trace += w.data[i * 64 + i];
      expect(Math.abs(trace)).toBeLessThanOrEqual(5);
    }
  });
});
