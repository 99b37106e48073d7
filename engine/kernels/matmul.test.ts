import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.ts';
import { matmulAB, matmulABT, matmulATB, transpose } from './matmul.ts';

/**
 * [m, k, n]: degenerate, odd, exactly one register tile, tiles plus left-overs in every dimension,
 * and one with n * k > 65536, where matmulABT transposes b instead of reading it in place.
 */
const SHAPES: readonly (readonly [number, number, number])[] = [
  [1, 1, 1], [3, 5, 7], [4, 4, 4], [8, 8, 8], [17, 33, 9], [64, 64, 64], [9, 17, 1], [1, 9, 16], [10, 300, 230],
];

function random(length: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = rng.normal();
  return out;
}

/** The definition, in float64: c[i,j] = sum_p A[i,p] B[p,j] with A, B given by index functions. */
function naive(
  m: number, k: number, n: number, at: (i: number, p: number) => number, bt: (p: number, j: number) => number,
): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) sum += at(i, p) * bt(p, j);
      c[i * n + j] = sum;
    }
  }
  return c;
}

/** Element-wise |got - want| <= 1e-5 * (|want| + the row's scale), the float32 rounding of a k-term sum. */
function expectClose(got: Float32Array, want: Float64Array, scale: number): void {
  expect(got.length).toBe(want.length);
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    const err = Math.abs(got[i] - want[i]) / (Math.abs(want[i]) + scale);
    if (!(err <= worst)) worst = err; // NaN lands here too
  }
  expect(worst).toBeLessThan(1e-5);
}

/** A typical magnitude of the products' terms, so near-zero sums are judged on the terms' scale. */
function termScale(k: number): number {
  return Math.sqrt(k);
}

describe.each(SHAPES)('matrix products, m=%i k=%i n=%i', (m, k, n) => {
  const seed = m * 10007 + k * 101 + n;

  it('matmulAB: c = a b, and c += a b with accumulate', () => {
    const a = random(m * k, seed), b = random(k * n, seed + 1), c0 = random(m * n, seed + 2);
    const want = naive(m, k, n, (i, p) => a[i * k + p], (p, j) => b[p * n + j]);
    const c = new Float32Array(m * n).fill(Number.NaN); // overwrite must not read stale values
    matmulAB(a, b, c, m, k, n);
    expectClose(c, want, termScale(k));
    const acc = c0.slice();
    matmulAB(a, b, acc, m, k, n, true);
    expectClose(acc, want.map((v, i) => v + c0[i]), termScale(k));
  });

  it('matmulATB: c = a^T b, and c += a^T b with accumulate', () => {
    const a = random(k * m, seed + 3), b = random(k * n, seed + 4), c0 = random(m * n, seed + 5);
    const want = naive(m, k, n, (i, p) => a[p * m + i], (p, j) => b[p * n + j]);
    const c = new Float32Array(m * n).fill(Number.NaN);
    matmulATB(a, b, c, m, k, n);
    expectClose(c, want, termScale(k));
    const acc = c0.slice();
    matmulATB(a, b, acc, m, k, n, true);
    expectClose(acc, want.map((v, i) => v + c0[i]), termScale(k));
  });

  it('matmulABT: c = a b^T through the scratch', () => {
    const a = random(m * k, seed + 6), b = random(n * k, seed + 7);
    const want = naive(m, k, n, (i, p) => a[i * k + p], (p, j) => b[j * k + p]);
    const c = new Float32Array(m * n).fill(Number.NaN);
    matmulABT(a, b, c, m, k, n, new Float32Array(n * k));
    expectClose(c, want, termScale(k));
  });
});

describe('matrix product edge cases', () => {
  it('leaves the parts of c beyond m x n alone', () => {
    const a = random(3 * 5, 1), b = random(5 * 7, 2);
    const c = new Float32Array(3 * 7 + 4).fill(42);
    matmulAB(a, b, c, 3, 5, 7);
    expect(Array.from(c.subarray(21))).toEqual([42, 42, 42, 42]);
  });

  it('k = 0 gives zeros, or leaves c unchanged when accumulating', () => {
    const c = new Float32Array(6).fill(3);
    matmulAB(new Float32Array(0), new Float32Array(0), c, 2, 0, 3, true);
    expect(Array.from(c)).toEqual([3, 3, 3, 3, 3, 3]);
    matmulAB(new Float32Array(0), new Float32Array(0), c, 2, 0, 3);
    expect(Array.from(c)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('propagates NaN and Infinity as the definition does', () => {
    const a = Float32Array.from([1, Number.NaN, 2, 3]); // 2 x 2
    const b = Float32Array.from([1, 0, Number.POSITIVE_INFINITY, 1]); // 2 x 2
    const c = new Float32Array(4);
    matmulAB(a, b, c, 2, 2, 2);
    expect(Number.isNaN(c[0])).toBe(true); // 1*1 + NaN*Inf
    expect(Number.isNaN(c[1])).toBe(true); // 1*0 + NaN*1
    expect(c[2]).toBe(Number.POSITIVE_INFINITY); // 2*1 + 3*Inf
    expect(c[3]).toBe(3); // 2*0 + 3*1
  });

  it('rounds to float32 once: a long sum of exactly representable terms is exact', () => {
    // 2^24 + 1 is not a float32, but every partial sum here is exact in float64.
    const k = 9;
    const a = new Float32Array(k).fill(1);
    const b = Float32Array.from([2 ** 24, 1, 1, 1, 1, 1, 1, 1, -(2 ** 24)]);
    const c = new Float32Array(1);
    matmulAB(a, b, c, 1, k, 1);
    expect(c[0]).toBe(7);
  });

  it('matmulABT rejects a scratch smaller than n * k', () => {
    expect(() => matmulABT(new Float32Array(4), new Float32Array(6), new Float32Array(6), 2, 2, 3, new Float32Array(5)))
      .toThrow(/scratch holds 5, needs 6/);
  });

  it('transpose swaps rows and columns of a non-square matrix', () => {
    const src = Float32Array.from([1, 2, 3, 4, 5, 6]); // 2 x 3
    const dst = new Float32Array(6);
    transpose(src, dst, 2, 3);
    expect(Array.from(dst)).toEqual([1, 4, 2, 5, 3, 6]);
  });
});
