/**
 * MLE and MAP in numbers the page and the CLI share: the prior's scale for a strength lambda (wd)
 * on N training examples, its density (drawn over the weights' histogram), and which prior keys a
 * config leaves without effect. Pure.
 *
 * The convention (engine/optim/optimizer.ts): the objective is a MEAN over the N examples,
 *     L(theta) = (1/N) sum_n -log p(y_n | x_n, theta) + lambda R(W) = -(1/N) log p(theta | D) + const,
 * so lambda R(W) = -(1/N) log p(W) + const:
 *   Gaussian, R = ||W||^2 / 2:  -(1/N) log N(w; 0, sigma^2) = w^2 / (2 N sigma^2)  =>  sigma^2 = 1 / (N lambda);
 *   Laplace,  R = ||W||_1:      -(1/N) log Lap(w; 0, b)     = |w| / (N b)          =>  b = 1 / (N lambda).
 * A fixed prior (sigma or b) is lambda = 1/(N sigma^2) or 1/(N b): its weight in the mean objective
 * shrinks as 1/N as the data grow. A fixed lambda is a prior that narrows as N grows.
 */
import type { Config } from './config.ts';

export type PriorName = Config['prior'];

/** The prior's scale: sigma (Gaussian) or b (Laplace) for strength lambda on n examples; Infinity at lambda 0 (flat); NaN for none. */
export function priorScale(prior: PriorName, lambda: number, n: number): number {
  if (prior === 'none') return NaN;
  if (!(lambda > 0) || !(n > 0)) return Infinity;
  return prior === 'gauss' ? 1 / Math.sqrt(n * lambda) : 1 / (n * lambda);
}

/** The strength lambda that gives the prior scale `scale` (sigma or b) on n examples. */
export function lambdaForScale(prior: PriorName, scale: number, n: number): number {
  if (prior === 'none' || !(scale > 0) || !(n > 0)) return 0;
  return prior === 'gauss' ? 1 / (n * scale * scale) : 1 / (n * scale);
}

/** The prior's density at w: N(0, scale^2) or Laplace(0, scale). */
export function priorDensity(prior: PriorName, scale: number, w: number): number {
  if (prior === 'none' || !(scale > 0) || !Number.isFinite(scale)) return NaN;
  if (prior === 'gauss') return Math.exp(-(w * w) / (2 * scale * scale)) / (scale * Math.sqrt(2 * Math.PI));
  return Math.exp(-Math.abs(w) / scale) / (2 * scale);
}

/** The symbol of the scale: σ for the Gaussian, b for the Laplace. */
export function scaleSymbol(prior: PriorName): string {
  return prior === 'laplace' ? 'b' : 'σ';
}

/** Whether the config has a prior term at all (a prior chosen and lambda > 0). */
export function hasPrior(config: Pick<Config, 'prior' | 'wd'>): boolean {
  return config.prior !== 'none' && config.wd > 0;
}

/** Prior keys set away from their defaults that change nothing in training, with why. */
export function priorNotApplied(config: Config): { key: 'wd' | 'prior' | 'decay'; value: string; why: string }[] {
  const out: { key: 'wd' | 'prior' | 'decay'; value: string; why: string }[] = [];
  if (config.prior === 'none' && config.wd > 0) out.push({ key: 'wd', value: String(config.wd), why: 'prior=none is maximum likelihood: no prior term to weigh' });
  if (config.wd === 0 && config.prior === 'laplace') out.push({ key: 'prior', value: config.prior, why: 'wd=0: the prior is flat (maximum likelihood)' });
  if (config.decay === 'decoupled' && !hasPrior(config)) out.push({ key: 'decay', value: config.decay, why: 'no prior term (wd=0 or prior=none): nothing to decouple' });
  return out;
}
