/**
 * The prior's term of the training objective, L = mean cross-entropy + lambda R(W), over the
 * parameters the prior covers (weights; biases, gamma and beta have a flat prior): R = ||W||^2 / 2
 * (Gaussian, L2) or ||W||_1 (Laplace, L1), 0 without a prior (optim/optimizer.ts has the update).
 * Accumulated in float64.
 */
import type { Config } from '../contract/config.ts';
import type { Param } from '../optim/optimizer.ts';

/** R(W) of the config's prior over the decayed parameters (without lambda). */
export function priorPenalty(prior: Config['prior'], params: readonly Param[]): number {
  if (prior === 'none') return 0;
  let sum = 0;
  for (const p of params) {
    if (!p.decay) continue;
    const w = p.value;
    if (prior === 'laplace') for (let i = 0; i < w.length; i++) sum += Math.abs(w[i]);
    else for (let i = 0; i < w.length; i++) sum += w[i] * w[i];
  }
  return prior === 'laplace' ? sum : sum / 2;
}

/** lambda R(W): the term the optimizer's prior gradient descends (0 with prior=none or wd=0). */
export function priorTerm(config: Pick<Config, 'prior' | 'wd'>, params: readonly Param[]): number {
  return config.prior === 'none' || config.wd === 0 ? 0 : config.wd * priorPenalty(config.prior, params);
}
