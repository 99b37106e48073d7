/**
 * What the math predicts for each hidden layer's second moments, beside what the network does.
 *
 * Random zero-mean weights (every initializer but zeros and constant): the mean-field recursion
 * (Poole et al. 2016; He et al. 2015 in closed form). With pre-activation h_l ~ N(b, s_l^2):
 *   s_1^2     = n_0 Var[w_1] E[x^2]
 *   s_{l+1}^2 = n_l Var[w_{l+1}] E[phi(h_l)^2]         forward,  E[h_l^2] = s_l^2 + b^2
 *   g_L       = E[(dL/dx_L)^2] E[phi'(h_L)^2]          backward, g_l = E[(dL/dh_l)^2]
 *   g_l       = n_{l+1} Var[w_{l+1}] g_{l+1} E[phi'(h_l)^2]
 * Closed forms where phi is linear or (leaky) ReLU and b = 0: E[phi(h)^2] = s^2 (1 + a^2) / 2;
 * otherwise E[f(h)] by Simpson's rule on a fine grid, split at h = 0 where phi has its kink.
 *
 * Constant weights (zeros, constant): every unit of a layer computes the same value, so the
 * network is a deterministic function of one Gaussian number per example; we follow it on a grid.
 */
import * as P from './math/portable.ts';
import { ACTIVATIONS } from './ops/activations.ts';
import { LEAKY_SLOPE, type ActivationName } from './contract/names.ts';
import type { InitializerName } from './contract/names.ts';
import { weightVariance, type InitOptions } from './init/initializers.ts';

export interface TheoryInput {
  readonly depth: number;
  readonly width: number;
  readonly inputWidth: number;
  readonly activation: ActivationName;
  readonly init: InitializerName;
  readonly initOptions: InitOptions;
  readonly bias: number;
  /** E[x^2] of the input (1 for both input distributions offered). */
  readonly inputM2: number;
  /** E[(dL/dx_L)^2] of the gradient fed in at the last hidden layer (1: N(0, 1)). */
  readonly topGradM2: number;
  /** Simpson panels on each side of the kink; PANELS unless a quick look asks for fewer. */
  readonly panels?: number;
  /** Each hidden layer's own width (fan_out; the next layer's fan_in), when they differ; else `width` throughout. */
  readonly widths?: readonly number[];
}

/** Hidden layer l's width: its own from widths, or the common width. */
export const widthOf = (t: TheoryInput, l: number): number => t.widths?.[l] ?? t.width;

export interface Theory {
  readonly preM2: Float64Array;
  readonly actM2: Float64Array;
  readonly gradM2: Float64Array;
}

const Z_MAX = 12;
export const PANELS = 2000; // Simpson panels on each side of the kink (even)

/** E[f(mu + sigma Z)], Z ~ N(0, 1), splitting the integral where mu + sigma z = 0. */
export function gaussianExpectation(f: (h: number) => number, mu: number, sigma: number): number {
  return gaussianExpectations((h, out) => { out[0] = f(h); }, 1, mu, sigma)[0];
}

/**
 * E[f_k(mu + sigma Z)] for `count` functions at once, each point evaluated once: fill(h, out)
 * writes f_0(h) .. f_{count-1}(h) into out. Simpson's rule split where mu + sigma z = 0.
 */
function gaussianExpectations(fill: (h: number, out: Float64Array) => void, count: number, mu: number, sigma: number, panels = PANELS): Float64Array {
  const sums = new Float64Array(count);
  if (sigma === 0 || !Number.isFinite(sigma)) {
    if (sigma !== 0) return sums.fill(NaN);
    fill(mu, sums);
    return sums;
  }
  const kink = -mu / sigma;
  if (kink > -Z_MAX && kink < Z_MAX) {
    // At the kink each half takes its own side's limit: phi' jumps there (ReLU with a bias, SELU),
    // and the value at h = 0 itself, counted by both halves, cost E[phi'^2] 1.5e-3 per SELU layer.
    const left = simpson(fill, count, mu, sigma, -Z_MAX, kink, panels, undefined, -Number.MIN_VALUE);
    const right = simpson(fill, count, mu, sigma, kink, Z_MAX, panels, Number.MIN_VALUE);
    for (let k = 0; k < count; k++) sums[k] = left[k] + right[k];
    return sums;
  }
  return simpson(fill, count, mu, sigma, -Z_MAX, Z_MAX, panels);
}

const INV_SQRT_2PI = 0.3989422804014327;

/** x * x: exact in IEEE arithmetic everywhere (`**` goes through pow, whose last bit is the engine's choice). */
const square = (x: number): number => x * x;

/**
 * e^(-z^2/2) at Simpson's points on [a, b], for the intervals every bias-free layer uses (split
 * at 0, or not at all): the same numbers each time, and half the work of a layer's moments.
 */
const gaussianFactors = new Map<string, Float64Array>();

function gaussianFactorsOn(a: number, b: number, panels: number): Float64Array {
  const key = `${a},${b},${panels}`;
  const cached = gaussianFactors.get(key);
  if (cached) return cached;
  const step = (b - a) / panels;
  const factors = new Float64Array(panels + 1);
  for (let i = 0; i <= panels; i++) {
    const z = a + i * step;
    factors[i] = P.exp(-0.5 * z * z);
  }
  if (isFixedEnd(a) && isFixedEnd(b)) gaussianFactors.set(key, factors); // a kink elsewhere moves with mu / sigma: not kept
  return factors;
}

const isFixedEnd = (x: number): boolean => x === -Z_MAX || x === 0 || x === Z_MAX;

/** Simpson's rule for E[f(mu + sigma Z); a < Z < b]; startH, endH: the h to evaluate at the ends instead (a one-sided limit). */
function simpson(
  fill: (h: number, out: Float64Array) => void, count: number, mu: number, sigma: number, a: number, b: number, panels: number,
  startH?: number, endH?: number,
): Float64Array {
  const n = panels;
  const step = (b - a) / n;
  const factors = gaussianFactorsOn(a, b, n);
  const values = new Float64Array(count);
  const sums = new Float64Array(count);
  for (let i = 0; i <= n; i++) {
    const z = a + i * step;
    const weight = i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2;
    fill(i === 0 && startH !== undefined ? startH : i === n && endH !== undefined ? endH : mu + sigma * z, values);
    for (let k = 0; k < count; k++) sums[k] += weight * values[k] * INV_SQRT_2PI * factors[i];
  }
  for (let k = 0; k < count; k++) sums[k] = (sums[k] * step) / 3;
  return sums;
}

/**
 * phi(h)^2 and phi'(h)^2 at one point. tanh and sigmoid compute their derivative from their value
 * (1 - t^2, s (1 - s)) with the very same arithmetic as ops/, so evaluating once changes no bit.
 */
function squaredValueAndDerivative(activation: ActivationName): (h: number, out: Float64Array) => void {
  if (activation === 'tanh') {
    return (h, out) => {
      const t = P.tanh(h);
      out[0] = square(t);
      out[1] = square(1 - t * t);
    };
  }
  if (activation === 'sigmoid') {
    return (h, out) => {
      const s = 1 / (1 + P.exp(-h));
      out[0] = square(s);
      out[1] = square(s * (1 - s));
    };
  }
  const phi = ACTIVATIONS[activation];
  return (h, out) => {
    out[0] = square(phi.value(h));
    out[1] = square(phi.derivative(h));
  };
}

/**
 * rho = E[phi(h)^2] / E[h^2] for h ~ N(0, s^2) where it is the same number at every scale (linear 1,
 * ReLU 1/2, leaky ReLU (1 + a^2)/2, with no bias), else null: the formula card's activation step.
 */
export function exactActivationFactor(activation: ActivationName, bias: number): number | null {
  if (bias !== 0) return null;
  if (activation === 'linear') return 1;
  if (activation === 'relu') return 0.5;
  if (activation === 'leaky_relu') return (1 + LEAKY_SLOPE * LEAKY_SLOPE) / 2;
  return null;
}

/** E[phi(h)^2] and E[phi'(h)^2] for h ~ N(b, s^2), closed form where one exists. */
export function moments(activation: ActivationName, b: number, s2: number, panels = PANELS): { act: number; deriv: number } {
  const s = Math.sqrt(s2);
  if (b === 0) {
    if (activation === 'linear') return { act: s2, deriv: 1 };
    if (activation === 'relu') return { act: s2 / 2, deriv: s2 > 0 ? 0.5 : 0 };
    if (activation === 'leaky_relu') {
      const a2 = LEAKY_SLOPE * LEAKY_SLOPE;
      return { act: (s2 * (1 + a2)) / 2, deriv: s2 > 0 ? (1 + a2) / 2 : a2 };
    }
  }
  const [act, deriv] = gaussianExpectations(squaredValueAndDerivative(activation), 2, b, s, panels);
  return { act, deriv };
}

export function predictSecondMoments(t: TheoryInput): Theory {
  if (t.init === 'zeros' || t.init === 'constant') return predictSymmetric(t);
  const { depth, bias } = t;
  const preM2 = new Float64Array(depth);
  const actM2 = new Float64Array(depth);
  const gradM2 = new Float64Array(depth);
  const derivM2 = new Float64Array(depth);
  const variance = new Float64Array(depth); // Var[w_l]
  let s2 = 0;
  for (let l = 0; l < depth; l++) {
    // Each layer's own fans: fan_in is the layer below's width, fan_out its own (He's fan=in/out, Glorot's 2/(fan_in + fan_out)).
    const fanIn = l === 0 ? t.inputWidth : widthOf(t, l - 1);
    const inM2 = l === 0 ? t.inputM2 : actM2[l - 1];
    let v = weightVariance(t.init, fanIn, widthOf(t, l), t.initOptions);
    if (v === null) {
      // LSUV: each layer is rescaled until its pre-activation variance is gain^2.
      v = square(t.initOptions.gain) / (fanIn * inM2);
    }
    variance[l] = v;
    s2 = fanIn * v * inM2;
    preM2[l] = s2 + bias * bias;
    const m = moments(t.activation, bias, s2, t.panels);
    actM2[l] = m.act;
    derivM2[l] = m.deriv;
  }
  for (let l = depth - 1; l >= 0; l--) {
    // dL/dx_l sums over layer l+1's units: n_{l+1} Var[w_{l+1}] E[(dL/dh_{l+1})^2].
    const upstream = l === depth - 1 ? t.topGradM2 : widthOf(t, l + 1) * variance[l + 1] * gradM2[l + 1];
    gradM2[l] = upstream * derivM2[l];
  }
  return { preM2, actM2, gradM2 };
}

const GRID = 8001; // odd: Simpson over [-Z_MAX, Z_MAX]

/**
 * zeros / constant: with every weight c, all units of a layer share h_l(z), z ~ N(0, 1) per
 * example: h_1 = b + c sqrt(n_0 E[x^2]) z (CLT for uniform input), h_{l+1} = b + c n_l phi(h_l).
 * Backward from N(0, 1) top gradients t_o: dL/dh_L = t phi'(h_L); one layer down the units'
 * gradients add up, c sum_o t_o phi'(h_L), of variance c^2 n E[phi'^2]; below that every unit's
 * gradient is the same, so each further layer multiplies by (c n)^2 phi'(h)^2.
 */
function predictSymmetric(t: TheoryInput): Theory {
  const { depth, width, bias } = t;
  const c = t.init === 'zeros' ? 0 : t.initOptions.gain * t.initOptions.constant;
  const phi = ACTIVATIONS[t.activation];
  const step = (2 * Z_MAX) / (GRID - 1);
  const weight = new Float64Array(GRID);
  const h = new Float64Array(GRID);
  for (let i = 0; i < GRID; i++) {
    const z = -Z_MAX + i * step;
    const simpsonWeight = i === 0 || i === GRID - 1 ? 1 : i % 2 === 1 ? 4 : 2;
    weight[i] = (simpsonWeight * step * INV_SQRT_2PI * P.exp(-0.5 * z * z)) / 3;
  }
  const hs: Float64Array[] = [];
  const preM2 = new Float64Array(depth);
  const actM2 = new Float64Array(depth);
  const gradM2 = new Float64Array(depth);
  const spread = c * Math.sqrt(t.inputWidth * t.inputM2);
  for (let i = 0; i < GRID; i++) h[i] = bias + spread * (-Z_MAX + i * step);
  for (let l = 0; l < depth; l++) {
    if (l > 0) for (let i = 0; i < GRID; i++) h[i] = bias + c * width * phi.value(h[i]);
    let pre = 0, act = 0;
    for (let i = 0; i < GRID; i++) {
      pre += weight[i] * h[i] * h[i];
      act += weight[i] * square(phi.value(h[i]));
    }
    preM2[l] = pre;
    actM2[l] = act;
    hs.push(Float64Array.from(h));
  }
  // product[i] = prod over layers l..L of phi'(h_k(z_i))^2
  const product = new Float64Array(GRID).fill(t.topGradM2);
  let factor = 1;
  for (let l = depth - 1; l >= 0; l--) {
    if (l === depth - 2) factor = c * c * width;
    else if (l < depth - 2) factor *= c * c * width * width;
    let g = 0;
    for (let i = 0; i < GRID; i++) {
      product[i] *= square(phi.derivative(hs[l][i]));
      g += weight[i] * product[i];
    }
    gradM2[l] = factor * g;
  }
  return { preM2, actM2, gradM2 };
}
