import { describe, expect, it } from 'vitest';
import { createRng, deriveSeed } from './rng.ts';

// Golden outputs, cross-checked against an independent Python transcription of SplitMix32 seeding,
// xoshiro128** 1.1 and Marsaglia's polar method. A change here changes every shared link's numbers.
const SEED1_UINT32 = [2442144158, 3238099751, 3819917871, 2104621829, 2021136066, 4223536128];
const SEED1_NORMAL = [0.41807950315813114, 1.5474222789943104, 0.9990483178021029, -0.02560401304198978];
const SEED1_UNIFORM = [0.5686059963190928, 0.7539288493571803, 0.8893939367262647];

describe('createRng', () => {
  it('seed 1 gives the pinned uint32, normal and uniform sequences', () => {
    const a = createRng(1);
    expect(SEED1_UINT32.map(() => a.nextUint32())).toEqual(SEED1_UINT32);
    const b = createRng(1);
    expect(SEED1_NORMAL.map(() => b.normal())).toEqual(SEED1_NORMAL);
    const c = createRng(1);
    expect(SEED1_UNIFORM.map(() => c.uniform())).toEqual(SEED1_UNIFORM);
  });

  it('the edge seeds 0 and 2^32 - 1 give the pinned sequences', () => {
    const zero = createRng(0);
    expect([zero.nextUint32(), zero.nextUint32(), zero.nextUint32()]).toEqual([3809008728, 1133695204, 53579671]);
    const top = createRng(4294967295);
    expect([top.nextUint32(), top.nextUint32(), top.nextUint32()]).toEqual([835879718, 1921286648, 2356205009]);
  });

  it('uniform() is (k + 0.5) / 2^32 of the raw stream: inside (0, 1), never 0 or 1', () => {
    const raw = createRng(9);
    const uni = createRng(9);
    for (let i = 0; i < 1000; i++) {
      const u = uni.uniform();
      expect(u).toBe((raw.nextUint32() + 0.5) / 4294967296);
      expect(u > 0 && u < 1).toBe(true);
    }
  });

  it('normal(): mean and variance of 1e6 draws within 5 SE of 0 and 1, kurtosis 3', () => {
    const rng = createRng(2024);
    const n = 1_000_000;
    let s = 0, s2 = 0, s4 = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.normal();
      s += x;
      s2 += x * x;
      s4 += x * x * x * x;
    }
    const mean = s / n;
    const variance = s2 / n - mean * mean;
    expect(Math.abs(mean)).toBeLessThanOrEqual(5 / Math.sqrt(n)); // SE(mean) = 1/sqrt N = 1e-3
    expect(Math.abs(variance - 1)).toBeLessThanOrEqual(5 * Math.sqrt(2 / n)); // SE(var) = sqrt(2/N) = 1.4e-3
    expect(Math.abs(s4 / n - 3)).toBeLessThanOrEqual(5 * Math.sqrt(96 / n)); // Var(x^4) = 105 - 9 = 96
  });

  it('uniform(): mean 1/2 and variance 1/12 within 5 SE over 1e6 draws', () => {
    const rng = createRng(77);
    const n = 1_000_000;
    let s = 0, s2 = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      s += u;
      s2 += u * u;
    }
    const mean = s / n;
    expect(Math.abs(mean - 0.5)).toBeLessThanOrEqual(5 * Math.sqrt(1 / 12 / n));
    // Var of (u - 1/2)^2 is 1/80 - 1/144 = 1/180
    expect(Math.abs(s2 / n - mean * mean - 1 / 12)).toBeLessThanOrEqual(5 * Math.sqrt(1 / 180 / n));
  });

  it('different seeds give different streams', () => {
    const first = (seed: number) => {
      const r = createRng(seed);
      return [r.nextUint32(), r.nextUint32(), r.nextUint32()];
    };
    const seen = new Set<string>();
    for (let seed = 0; seed < 1000; seed++) seen.add(first(seed).join(','));
    expect(seen.size).toBe(1000);
  });
});

describe('deriveSeed', () => {
  it('is pinned for seed 1 and gives each stream of a seed its own value', () => {
    expect([0, 1, 2].map((s) => deriveSeed(1, s))).toEqual([1518103152, 1469723491, 366507375]);
    const seen = new Set<number>();
    for (let seed = 0; seed < 200; seed++) for (let stream = 0; stream < 3; stream++) seen.add(deriveSeed(seed, stream));
    expect(seen.size).toBe(600);
  });

  it('returns a uint32', () => {
    for (const seed of [0, 1, 2 ** 31, 4294967295]) {
      const d = deriveSeed(seed, 2);
      expect(Number.isInteger(d) && d >= 0 && d < 2 ** 32).toBe(true);
    }
  });
});
