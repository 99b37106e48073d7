import { describe, expect, it } from 'vitest';
import { logAxis } from './logAxis.ts';

const axis = (values: number[], count = 8) => logAxis(values, [400, 0], count);
const exponents = (values: number[], count = 8) => axis(values, count).ticks.map((t) => t.exponent);

describe('logAxis', () => {
  it('spans whole decades around the data, one tick per decade on short ranges', () => {
    const { scale, ticks } = axis([0.05, 0.99, 3e-3]);
    expect(scale.domain()).toEqual([1e-3, 1]);
    expect(ticks.map((t) => t.exponent)).toEqual([-3, -2, -1, 0]);
    expect(ticks.map((t) => t.plain)).toEqual([null, '0.01', '0.1', '1']);
  });

  it('pads a flat series so it sits inside the plot', () => {
    const [lo, hi] = axis([2, 2, 2]).scale.domain();
    expect(lo).toBeLessThan(2);
    expect(hi).toBeGreaterThan(2);
    expect(hi / lo).toBeGreaterThanOrEqual(100);
  });

  it('ignores zeros and non-finite values, and has a default when nothing is left', () => {
    expect(axis([0, Infinity, NaN, -1]).scale.domain()).toEqual([0.1, 10]);
    expect(axis([0, 1e-3, 1e3, Infinity]).scale.domain()).toEqual([1e-3, 1e3]);
  });

  it('starts and ends on a tick, every 1, 2, 5, 10, 20... decades, about `count` of them', () => {
    expect(exponents([1015, 3e84], 8)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(exponents([1e-9, 2e9], 8)).toEqual([-9, -6, -3, 0, 3, 6, 9, 12]);
    const wide = exponents([1e-10, 1e80], 8);
    expect(wide.length).toBeLessThanOrEqual(9);
    expect(new Set(wide.slice(1).map((e, i) => e - wide[i]))).toEqual(new Set([20]));
  });

  it('always contains the data, even at the ends of float64', () => {
    const values = [1e-7, 3.4e38, 1.2e77, 5e-324, 1.7e308];
    const { scale, ticks } = axis(values);
    const [lo, hi] = scale.domain();
    expect(lo).toBeGreaterThan(0);
    expect(Number.isFinite(hi)).toBe(true);
    for (const v of values) {
      expect(v).toBeGreaterThanOrEqual(lo);
      expect(v).toBeLessThanOrEqual(hi);
      expect(Number.isFinite(scale(v))).toBe(true);
    }
    expect(ticks.every((t) => t.value > 0 && Number.isFinite(t.value))).toBe(true);
  });
});
