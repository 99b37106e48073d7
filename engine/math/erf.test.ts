import { describe, expect, it } from 'vitest';
import { erf } from './erf.ts';

// Float64 references (Python's math.erf, itself correctly rounded to ~1 ulp).
const KNOWN: readonly (readonly [number, number])[] = [
  [0.001, 0.0011283787909692365],
  [0.1, 0.1124629160182849],
  [0.25, 0.2763263901682369],
  [0.5, 0.5204998778130465],
  [1, 0.8427007929497149],
  [1.5, 0.9661051464753108],
  [2, 0.9953222650189527],
  [2.5, 0.999593047982555],
  [2.999999, 0.999977909363748], // just below the switch from the series to the continued fraction
  [3, 0.9999779095030014], // just above it
  [3.5, 0.9999992569016276],
  [4, 0.9999999845827421],
  [4.5, 0.9999999998033839],
  [5, 0.9999999999984626],
  [6, 1],
];

describe('erf', () => {
  it.each(KNOWN)('erf(%d) and erf(-x) match the reference', (x, want) => {
    // Series term n is built by n multiplications, and the largest terms sit near n = x^2, so the sum
    // carries ~x^2 roundings, plus e^(-x^2) and the products: (x^2 + 4) u relative, u = 2^-53.
    expect(Math.abs(erf(x) - want)).toBeLessThanOrEqual((Math.min(x, 3) ** 2 + 4) * 2 ** -53 * want);
    expect(erf(-x)).toBe(-erf(x)); // odd, exactly
  });

  it('is continuous across the switch at |x| = 3 (no jump beyond the slope times the gap)', () => {
    const below = erf(3 - 1e-12);
    const above = erf(3);
    // erf'(3) = 2/sqrt(pi) e^-9 = 1.4e-4: over a 1e-12 gap the change is 1.4e-16, under 1 ulp of 1.
    expect(Math.abs(above - below)).toBeLessThanOrEqual(2.3e-16);
  });

  it('is 0 at 0, +-1 at +-Infinity, NaN at NaN, and near 2x/sqrt(pi) for tiny x', () => {
    expect(erf(0)).toBe(0);
    expect(erf(Infinity)).toBe(1);
    expect(erf(-Infinity)).toBe(-1);
    expect(erf(NaN)).toBeNaN();
    // erf(x) = 2/sqrt(pi) (x - x^3/3 + ...): at 1e-10 the cubic term is 1e-20 relative.
    expect(erf(1e-10)).toBeCloseTo(1.1283791670955126e-10, 25);
  });

  it('is monotone on a fine grid over [-7, 7] and stays in [-1, 1]', () => {
    let previous = -1;
    const bad: number[] = [];
    for (let i = 0; i <= 14000; i++) {
      const x = -7 + i * 1e-3;
      const value = erf(x);
      if (!(value >= previous) || Math.abs(value) > 1) bad.push(x);
      previous = value;
    }
    expect(bad).toEqual([]);
  });
});
