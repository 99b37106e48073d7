import { describe, expect, it } from 'vitest';
import { gelu, geluDerivative } from './gelu.ts';

describe('gelu (exact erf form)', () => {
  it('matches x Phi(x) at known points', () => {
    // References: 0.5 x erfc(-x / sqrt 2) in Python. 1 + erf(x/sqrt 2) cancels for x < 0, amplifying erf's
    // ~1 ulp by |erf| / (1 + erf) = 2.2 at x = -1: 1e-15 relative covers both signs.
    expect(Math.abs(gelu(1) - 0.8413447460685429)).toBeLessThanOrEqual(1e-15 * 0.8413447460685429);
    expect(Math.abs(gelu(-1) - -0.15865525393145707)).toBeLessThanOrEqual(1e-15 * 0.15865525393145707);
    expect(Math.abs(gelu(2) - 1.9544997361036416)).toBeLessThanOrEqual(1e-15 * 1.9544997361036416);
    expect(Math.abs(gelu(0.5) - 0.34573123063700656)).toBeLessThanOrEqual(1e-15 * 0.34573123063700656);
    // is not the tanh approximation, which gives 0.8411919906082768 at 1 (2e-4 away)
    expect(Math.abs(gelu(1) - 0.8411919906082768)).toBeGreaterThan(1e-4);
  });

  it('gelu(x) - gelu(-x) = x (since Phi(x) + Phi(-x) = 1)', () => {
    for (const x of [0.1, 0.7, 1.3, 2.9, 4.2]) expect(gelu(x) - gelu(-x)).toBeCloseTo(x, 14);
  });

  it('derivative Phi(x) + x pdf(x) at known points', () => {
    // Phi(1) + pdf(1) = 0.8413447460685429 + 0.24197072451914337
    expect(geluDerivative(1)).toBeCloseTo(1.0833154705876864, 14);
    expect(geluDerivative(-2)).toBeCloseTo(-0.0852318010781969, 14);
    expect(geluDerivative(0)).toBe(0.5);
  });
});
