/**
 * Gamma and Beta draws from the seeded generator, for mixup's mixing weight lambda ~ Beta(a, a)
 * (Zhang et al. 2018). Marsaglia & Tsang (2000) for Gamma(a >= 1); Gamma(a) = Gamma(a + 1) U^(1/a)
 * below 1. Only portable log/exp, so the same bits in every engine.
 */
import * as P from '../../math/portable.ts';
import type { Rng } from '../../rng.ts';

export function sampleGamma(rng: Rng, shape: number): number {
  if (!(shape > 0)) throw new Error(`sampleGamma: shape ${shape} is not positive`);
  if (shape < 1) return sampleGamma(rng, shape + 1) * P.exp(P.log(rng.uniform()) / shape);
  const d = shape - 1 / 3, c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = rng.normal();
    const t = 1 + c * x;
    if (t <= 0) continue;
    const v = t * t * t, u = rng.uniform();
    if (P.log(u) < 0.5 * x * x + d - d * v + d * P.log(v)) return d * v;
  }
}

/** Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function sampleBeta(rng: Rng, a: number, b: number): number {
  const x = sampleGamma(rng, a), y = sampleGamma(rng, b);
  // Both can underflow to 0 for a tiny shape: the Beta's mass is then all at its two ends.
  if (x + y === 0) return rng.uniform() < a / (a + b) ? 1 : 0;
  return x / (x + y);
}
