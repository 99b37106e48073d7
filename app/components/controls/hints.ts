/**
 * One-line hints under the controls. Most come from the URL contract's `meaning` (engine/config.ts);
 * the activation and the initializer get one per choice, because the formula is the lesson.
 */
import type { Config } from '../../../engine/contract/config.ts';

export const ACTIVATION_HINTS: Readonly<Record<Config['act'], string>> = {
  linear: 'φ(h) = h: only the weights change the variance.',
  tanh: 'Zero-centred, slope 1 at 0, flat (saturated) near ±1.',
  sigmoid: 'Between 0 and 1, slope at most 1/4, saturates at both ends.',
  relu: 'max(0, h): zeroes half of a symmetric input, halving E[h²].',
  leaky_relu: 'max(0.01h, h): like ReLU, but negative inputs keep a small slope.',
  elu: 'h for h > 0, eʰ − 1 below: smooth, with a negative part.',
  gelu: 'h·Φ(h): a smooth ReLU, as in transformers.',
  selu: 'A scaled ELU that keeps mean 0, variance 1 with LeCun init.',
};

export const INITIALIZER_HINTS: Readonly<Record<Config['init'], string>> = {
  zeros: 'Every weight 0: every unit computes the same thing.',
  constant: 'Every weight the same value: units never tell apart.',
  normal: 'N(0, std²): the "small random numbers" of early practice.',
  standard: 'U(±1/√n), Var[w] = 1/(3n): Glorot & Bengio’s "standard" heuristic.',
  xavier_uniform: 'Uniform, Var[w] = 2/(n_in + n_out): Glorot & Bengio (2010).',
  xavier_normal: 'Normal, Var[w] = 2/(n_in + n_out): Glorot & Bengio (2010).',
  he_uniform: 'Uniform, Var[w] = 2/n: He et al. (2015), for ReLU.',
  he_normal: 'Normal, Var[w] = 2/n: He et al. (2015), for ReLU.',
  lecun_normal: 'Normal, Var[w] = 1/n_in: LeCun et al. (1998).',
  orthogonal: 'Orthonormal rows: keeps every vector’s length (Saxe et al. 2014).',
  lsuv: 'Orthogonal, then each layer scaled to unit variance on the batch (Mishkin & Matas 2016).',
};

export const INPUT_LABELS: Readonly<Record<Config['input'], string>> = {
  gauss: 'Gaussian N(0, 1)',
  uniform: 'Uniform U(−√3, √3)',
};

export const FAN_LABELS: Readonly<Record<Config['fan'], string>> = {
  in: 'fan_in (forward)',
  out: 'fan_out (backward)',
};

/** First letter up, for a `meaning` used as a sentence. */
export function sentence(meaning: string): string {
  const text = meaning.charAt(0).toUpperCase() + meaning.slice(1);
  return /[.!?)]$/.test(text) ? text : `${text}.`;
}
