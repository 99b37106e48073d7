import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentileLinear } from '../testing/reference.ts';
import { percentilesInPlace, selectInPlace } from './select.ts';

const QS = [0, 0.01, 0.15, 0.25, 0.5, 0.75, 0.85, 0.99, 1];

/** -0 and +0 compare equal in every ordering here; toEqual would tell them apart. */
const plusZero = (xs: Iterable<number>) => Array.from(xs, (v) => (v === 0 ? 0 : v));

/** Engine and reference agree exactly: the same float32 order statistics, the same float64 lerp. */
function check(values: readonly number[], qs: readonly number[], padding = 0): void {
  const data = Float32Array.from(values);
  const reference = qs.map((q) => percentileLinear(data, q));
  const scratch = new Float32Array(data.length + padding).fill(-12345); // junk past n must be ignored
  scratch.set(data);
  const out: number[] = [];
  percentilesInPlace(scratch, data.length, qs, out);
  expect(plusZero(out)).toEqual(plusZero(reference));
  // a reordering of the first n values only
  expect(plusZero(scratch.subarray(0, data.length)).sort((a, b) => a - b)).toEqual(plusZero(data).sort((a, b) => a - b));
  expect(Array.from(scratch.subarray(data.length)).every((v) => v === -12345)).toBe(true);
}

describe('percentilesInPlace (NumPy linear interpolation)', () => {
  it('n = 0 gives NaN, n = 1 the value, n = 2 the interpolation', () => {
    const out: number[] = [];
    percentilesInPlace(new Float32Array(0), 0, [0.15, 0.5], out);
    expect(out).toEqual([NaN, NaN]);
    check([3.5], QS);
    check([2, -1], QS);
    const two: number[] = [];
    percentilesInPlace(Float32Array.of(4, 0), 2, [0.25, 0.5, 0.85], two);
    expect(two).toEqual([1, 2, 0 + 0.85 * (4 - 0)]); // the float64 lerp from 0 to 4
  });

  it('handles duplicates, sorted, reversed and constant arrays', () => {
    check([5, 5, 5, 5, 5, 5, 5], QS);
    check([1, 2, 2, 2, 3, 3, 9, 9, 9, 9, 0, 0], QS);
    check(Array.from({ length: 100 }, (_, i) => i), QS);
    check(Array.from({ length: 100 }, (_, i) => 100 - i), QS);
    check(Array.from({ length: 101 }, (_, i) => Math.abs(50 - i)), QS); // organ pipe
    check([0, -0, 0, -0, 1, -1], QS);
  });

  it('matches the reference on random float32 arrays (with many duplicates), only reading the first n', () => {
    const value = fc.oneof(
      fc.float({ noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: -3, max: 3 }), // duplicates
    );
    const qs = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }).map((q) => q.sort((a, b) => a - b));
    fc.assert(fc.property(fc.array(value, { minLength: 1, maxLength: 300 }), qs, fc.nat(5), (values, q, padding) => {
      check(values, q, padding);
    }), { numRuns: 500 });
  });
});

describe('selectInPlace', () => {
  it('puts the k-th smallest at k with smaller ones left of it and larger ones right', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 200 }), fc.nat(), (values, kSeed) => {
      const a = Float32Array.from(values);
      const k = kSeed % a.length;
      selectInPlace(a, 0, a.length - 1, k);
      const sorted = [...values].sort((x, y) => x - y);
      expect(a[k]).toBe(sorted[k]);
      for (let i = 0; i < k; i++) expect(a[i]).toBeLessThanOrEqual(a[k]);
      for (let i = k + 1; i < a.length; i++) expect(a[i]).toBeGreaterThanOrEqual(a[k]);
    }), { numRuns: 500 });
  });
});
