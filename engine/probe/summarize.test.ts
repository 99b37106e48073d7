import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.ts';
import { finiteMoments, percentileLinear } from '../testing/reference.ts';
import { HIST_BINS } from '../contract/probeLayout.ts';
import { emptySummary, squaredNorm, summarize } from './summarize.ts';

function sum(xs: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < xs.length; i++) total += xs[i];
  return total;
}

describe('summarize', () => {
  it('ignores NaN and +-Infinity, counts them, and summarizes the finite values exactly', () => {
    const rng = createRng(4);
    const x = new Float32Array(1000);
    for (let i = 0; i < x.length; i++) x[i] = 3 + 2 * rng.normal();
    for (const [i, v] of [[0, NaN], [17, Infinity], [500, -Infinity], [999, NaN]] as const) x[i] = v;
    const s = summarize(x, new Float32Array(x.length), emptySummary(), null, 0);
    const ref = finiteMoments(x);
    expect(s.finite).toBe(996);
    expect(s.nonFinite).toBe(4);
    // float64 sums of 996 terms: relative error <= 996 * 2^-53 ~ 1e-13
    expect(s.mean).toBeCloseTo(ref.mean, 12);
    expect(s.variance / ref.variance).toBeCloseTo(1, 12);
    expect(s.m2 / ref.m2).toBeCloseTo(1, 12);
    const finite = Array.from(x).filter(Number.isFinite);
    expect(s.min).toBe(Math.min(...finite));
    expect(s.max).toBe(Math.max(...finite));
    expect([s.p15, s.p50, s.p85]).toEqual([0.15, 0.5, 0.85].map((q) => percentileLinear(finite, q)));
  });

  it('histogram: 40 bins over [min, max], counts sum to the finite count, each value in its bin, other bins untouched', () => {
    fc.assert(fc.property(
      fc.array(fc.oneof(
        { weight: 8, arbitrary: fc.float({ min: -1e6, max: 1e6, noNaN: true }) },
        { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity) },
      ), { minLength: 1, maxLength: 400 }),
      fc.float({ noNaN: true, noDefaultInfinity: true }),
      fc.nat(3),
      (values, oneFinite, layer) => {
        // at least one finite value; the all-non-finite case has its own test below
        const x = Float32Array.from([...values, oneFinite]);
        const hist = new Float32Array(4 * HIST_BINS).fill(7); // other layers' bins must stay untouched
        const s = summarize(x, new Float32Array(x.length), emptySummary(), hist, layer * HIST_BINS);
        const bins = hist.subarray(layer * HIST_BINS, (layer + 1) * HIST_BINS);
        expect(sum(bins)).toBe(s.finite);
        expect(s.finite + s.nonFinite).toBe(x.length);
        const outside = Array.from(hist).filter((_, i) => i < layer * HIST_BINS || i >= (layer + 1) * HIST_BINS);
        expect(outside.every((v) => v === 7)).toBe(true);
        if (s.finite > 0 && s.max > s.min) {
          const expected = new Array<number>(HIST_BINS).fill(0);
          for (const v of x) {
            if (!Number.isFinite(v)) continue;
            expected[Math.min(HIST_BINS - 1, Math.floor(((v - s.min) * HIST_BINS) / (s.max - s.min)))]++;
          }
          expect(Array.from(bins)).toEqual(expected);
          expect(bins[0]).toBeGreaterThan(0); // min lands in the first bin,
          expect(bins[HIST_BINS - 1]).toBeGreaterThan(0); // max in the last
        }
      },
    ), { numRuns: 300 });
  });

  it('a repeated value goes to the middle bin; variance 0', () => {
    const hist = new Float32Array(HIST_BINS);
    const s = summarize(new Float32Array(9).fill(2.5), new Float32Array(9), emptySummary(), hist, 0);
    expect(hist[HIST_BINS >> 1]).toBe(9);
    expect(sum(hist)).toBe(9);
    expect([s.mean, s.variance, s.m2, s.min, s.max, s.p50]).toEqual([2.5, 0, 6.25, 2.5, 2.5, 2.5]);
  });

  it('all non-finite: counts them, NaN statistics, and an empty histogram even in a reused buffer', () => {
    const hist = new Float32Array(HIST_BINS);
    const scratch = new Float32Array(5);
    const s = emptySummary();
    summarize(Float32Array.of(1, 2, 3, 4, 5), scratch, s, hist, 0); // a previous probe filled the buffer
    summarize(Float32Array.of(NaN, Infinity, -Infinity, NaN, NaN), scratch, s, hist, 0);
    expect(s.finite).toBe(0);
    expect(s.nonFinite).toBe(5);
    expect([s.mean, s.variance, s.m2, s.p15, s.p50, s.p85, s.min, s.max].every(Number.isNaN)).toBe(true);
    expect(sum(hist)).toBe(0); // histogram counts sum to the finite count
  });

  it('variance is accurate when |mean| >> sd (two-pass, not sumSq/n - mean^2)', () => {
    const rng = createRng(8);
    const x = Float32Array.from({ length: 4096 }, () => 1e4 + 1e-2 * rng.normal());
    const s = summarize(x, new Float32Array(x.length), emptySummary(), null, 0);
    // the one-pass form would lose ~(1e4 / 1e-2)^2 * 2^-53 = 1e-4 relative; two-pass keeps ~1e-12
    expect(s.variance / finiteMoments(x).variance).toBeCloseTo(1, 9);
  });
});

describe('squaredNorm', () => {
  it('sums the squares of the finite entries and counts the rest', () => {
    expect(squaredNorm(Float32Array.of(3, NaN, 4, Infinity, -Infinity))).toEqual({ sumSq: 25, nonFinite: 3 });
    expect(squaredNorm(new Float32Array(0))).toEqual({ sumSq: 0, nonFinite: 0 });
  });
});
