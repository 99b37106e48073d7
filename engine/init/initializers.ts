import { LEAKY_SLOPE } from '../contract/names.ts';
import type { ActivationName } from '../contract/names.ts';
import type { Rng } from '../rng.ts';
import type { Tensor } from '../tensor.ts';
import type { InitializerName } from '../contract/names.ts';
import { randomOrthogonal } from './orthogonal.ts';

export interface InitOptions {
  readonly activation: ActivationName;
  /** Multiplies every initializer's scale (its standard deviation, or the constant). */
  readonly gain: number;
  /** Standard deviation of "normal". */
  readonly std: number;
  /** The value of "constant". */
  readonly constant: number;
  /** He initializers: fan_in keeps the forward variance, fan_out the backward variance. */
  readonly fan: 'in' | 'out';
}

/** He et al.'s rectifier factor 2 / (1 + a^2): a = 0 for ReLU, 0.01 for the leaky ReLU. */
function rectifierFactor(activation: ActivationName): number {
  const a = activation === 'leaky_relu' ? LEAKY_SLOPE : 0;
  return 2 / (1 + a * a);
}

/**
 * The variance of one weight under each initializer (before the gain), or null where it is not a
 * fixed formula (zeros and constant are not random; LSUV is fitted to the data).
 */
export function weightVariance(name: InitializerName, fanIn: number, fanOut: number, o: InitOptions): number | null {
  const g2 = o.gain * o.gain;
  switch (name) {
    case 'zeros':
    case 'constant':
    case 'lsuv':
      return null;
    // N(0, std^2): the "small random numbers" of early practice; std 0.01 by default.
    case 'normal': return g2 * o.std * o.std;
    // U(-1/sqrt(n), 1/sqrt(n)), variance 1/(3n): Glorot & Bengio's (2010) "standard" heuristic, x1/3 per linear layer.
    case 'standard': return g2 / (3 * fanIn);
    // Var = 2/(n_in + n_out): Glorot & Bengio (2010), the compromise between forward and backward variance.
    case 'xavier_uniform':
    case 'xavier_normal': return (2 * g2) / (fanIn + fanOut);
    // Var = 2/((1 + a^2) n): He et al. (2015) for rectifiers, which zero half of a symmetric input.
    case 'he_uniform':
    case 'he_normal': return (g2 * rectifierFactor(o.activation)) / (o.fan === 'in' ? fanIn : fanOut);
    // Var = 1/n_in: LeCun et al. (1998), "Efficient BackProp"; with SELU, self-normalizing.
    case 'lecun_normal': return g2 / fanIn;
    // Rows (or columns) of unit length: each entry has variance 1/max(n_in, n_out) (Saxe et al. 2014).
    case 'orthogonal': return g2 / Math.max(fanIn, fanOut);
  }
}

/** What an initializer draws before it scales: U(-1, 1) as 2u - 1, N(0, 1), an orthogonal matrix, or nothing. */
export type DrawFamily = 'uniform' | 'normal' | 'orthogonal';

export function drawFamily(name: InitializerName): DrawFamily | null {
  switch (name) {
    case 'zeros':
    case 'constant':
      return null;
    case 'standard':
    case 'xavier_uniform':
    case 'he_uniform':
      return 'uniform';
    case 'normal':
    case 'xavier_normal':
    case 'he_normal':
    case 'lecun_normal':
      return 'normal';
    case 'orthogonal':
    case 'lsuv':
      return 'orthogonal';
  }
}

/**
 * The raw draws for one fanIn x fanOut weight, in the order the initializer consumes the stream:
 * 2u - 1 per weight, N(0, 1) per weight, or an orthogonal fanOut x fanIn matrix (PyTorch's layout).
 * Float64: scaling them (scaleDraws) gives the weight bit for bit as drawing and scaling at once.
 */
export function drawWeights(family: DrawFamily, fanIn: number, fanOut: number, rng: Rng): Float64Array {
  if (family === 'orthogonal') return randomOrthogonal(fanOut, fanIn, rng);
  const draws = new Float64Array(fanIn * fanOut);
  if (family === 'uniform') for (let i = 0; i < draws.length; i++) draws[i] = 2 * rng.uniform() - 1;
  else for (let i = 0; i < draws.length; i++) draws[i] = rng.normal();
  return draws;
}

/**
 * Fill a weight stored fanIn x fanOut. Biases are not touched here (they start at the config's
 * bias value). LSUV starts as orthogonal; its per-layer rescaling happens in lsuv.ts, on data.
 */
export function initializeWeight(name: InitializerName, weight: Tensor, rng: Rng, o: InitOptions): void {
  const family = drawFamily(name);
  scaleDraws(name, weight, family === null ? null : drawWeights(family, weight.shape[0], weight.shape[1], rng), o);
}

/**
 * The weight from its raw draws (drawWeights of drawFamily(name); null for zeros and constant):
 * the gain, the fans and the activation enter only here, so a cache of draws serves every gain.
 */
export function scaleDraws(name: InitializerName, weight: Tensor, draws: Float64Array | null, o: InitOptions): void {
  const [fanIn, fanOut] = weight.shape;
  const w = weight.data;
  if (name === 'zeros') {
    w.fill(0);
    return;
  }
  if (name === 'constant') {
    w.fill(o.gain * o.constant);
    return;
  }
  if (draws === null || draws.length !== w.length) throw new Error(`scaleDraws: ${name} needs ${w.length} draws`);
  const factor = drawScale(name, fanIn, fanOut, o);
  if (name === 'orthogonal' || name === 'lsuv') {
    // Generated in PyTorch's fanOut x fanIn layout, stored transposed.
    for (let r = 0; r < fanOut; r++) for (let c = 0; c < fanIn; c++) w[c * fanOut + r] = factor * draws[r * fanIn + c];
    return;
  }
  scale(w, factor, draws);
}

/** What scaleDraws multiplies each raw draw by: the uniform's half-width, the normal's sd, the gain. */
export function drawScale(name: Exclude<InitializerName, 'zeros' | 'constant'>, fanIn: number, fanOut: number, o: InitOptions): number {
  switch (name) {
    case 'standard': return o.gain / Math.sqrt(fanIn);
    // U(-a, a) has variance a^2 / 3, so a = sqrt(3 Var).
    case 'xavier_uniform':
    case 'he_uniform': return Math.sqrt(3 * (weightVariance(name, fanIn, fanOut, o) as number));
    case 'normal':
    case 'xavier_normal':
    case 'he_normal':
    case 'lecun_normal': return Math.sqrt(weightVariance(name, fanIn, fanOut, o) as number);
    case 'orthogonal':
    case 'lsuv': return o.gain;
  }
}

function scale(w: Float32Array, factor: number, draws: Float64Array): void {
  for (let i = 0; i < w.length; i++) w[i] = factor * draws[i];
}
