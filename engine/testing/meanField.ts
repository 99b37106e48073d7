/**
 * Sampling error of per-layer second moments in a randomly initialized network, for comparing a
 * probe against the mean-field theory with a tolerance derived from the data rather than tuned.
 *
 * Given the activations X of the layer below, unit j's pre-activation column h_j = X w_j depends on
 * the layer's own weight column w_j alone, and the columns are iid. So a layer's measured second
 * moment (1/(B n)) sum_bj f(h_bj)^2 is the mean over n iid per-unit values
 * U_j = (1/B) sum_b f(h_bj)^2, and its conditional relative variance is Var_j(U_j) / (n mean(U)^2),
 * estimated from the spread of the observed U_j. The examples of a batch share the weights, so the
 * batch does not average this away: when the examples are correlated (ReLU's non-zero mean,
 * products of random matrices) the spread of U_j stays large however big the batch is.
 * The same holds backward with the roles of rows and columns swapped (dL/dx_i depends on row i of
 * the layer above), up to the usual gradient-independence approximation.
 * Errors made at one layer carry to the next multiplicatively with slope d log F / d log q <= 1 for
 * linear, ReLU and tanh, so the variance of log(measured / theory) is at most the sum of the
 * per-layer conditional variances below it.
 */

import { createRng } from '../rng.ts';

/** Per-unit mean square over the batch: U_j = (1/B) sum_b x[b, j]^2, x row-major batch x units. */
export function perUnitMeanSquare(x: Float32Array, batch: number, units: number): Float64Array {
  const out = new Float64Array(units);
  for (let b = 0; b < batch; b++) {
    const row = b * units;
    for (let j = 0; j < units; j++) out[j] += x[row + j] * x[row + j];
  }
  for (let j = 0; j < units; j++) out[j] /= batch;
  return out;
}

/** Relative variance of the mean of iid values u: Var(u) / (n mean(u)^2), Var with n - 1. */
export function relativeVarianceOfMean(u: ArrayLike<number>): number {
  const n = u.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += u[i];
  mean /= n;
  let dev = 0;
  for (let i = 0; i < n; i++) dev += (u[i] - mean) ** 2;
  return dev / (n - 1) / (n * mean * mean);
}

/** Relative variance of the mean of the squares of all entries of x, taken as iid (an input batch). */
export function relativeVarianceOfMeanSquare(x: Float32Array): number {
  const squares = Float64Array.from(x, (v) => v * v);
  return relativeVarianceOfMean(squares);
}

const Z_MAX = 10;
const STEPS = 4000; // even, so z = 0 (a kink of ReLU-like functions) is a grid point

/**
 * E[g(sqrt(q) Z)], Z ~ N(0, 1), by the trapezoid rule on [-10, 10] (the tails beyond carry < 1e-22).
 * Independent of engine/theory.ts on purpose: the test checks the engine's Simpson integration
 * against it. For smooth g the trapezoid rule converges faster than any power of the step (5e-3);
 * at a kink in g's second derivative (ReLU^2 at 0) the error is O(step^2 g'') ~ 1e-5 relative.
 * For g analytic in a strip |Im z| < d the error falls like e^(-2 pi d / step): for tanh^2 with
 * q <= 4 (poles at d >= pi/4) 400 steps already reach ~1e-30.
 */
export function gaussianMean(g: (h: number) => number, q: number, steps = STEPS): number {
  const s = Math.sqrt(q);
  const step = (2 * Z_MAX) / steps;
  let sum = 0;
  for (let i = 0; i <= steps; i++) {
    const z = -Z_MAX + i * step;
    const w = i === 0 || i === steps ? 0.5 : 1;
    sum += w * g(s * z) * Math.exp(-0.5 * z * z);
  }
  return (sum * step) / Math.sqrt(2 * Math.PI);
}

/** Squared norm of each row of a row-major batch x units matrix. */
export function rowSquaredNorms(x: Float32Array, batch: number, units: number): Float64Array {
  const out = new Float64Array(batch);
  for (let b = 0; b < batch; b++) {
    let s = 0;
    for (let j = 0; j < units; j++) s += x[b * units + j] ** 2;
    out[b] = s;
  }
  return out;
}

/**
 * c_L of the pre-activations after L random layers of width n (weights N(0, sw2/n), biases
 * N(0, sb2)), from two inputs of correlation c0 and second moment q0 per coordinate: the simulation
 * the mean-field correlation map is checked against. `inputs`: 'raw' enter the first layer as they
 * are (the correlation chart's network); 'pre-activations' go through the activation first.
 */
export function measuredCorrelation(
  f: (x: number) => number, sw2: number, sb2: number, layers: number, c0: number, q0: number, n: number, seed: number,
  inputs: 'raw' | 'pre-activations',
): number {
  const rng = createRng(seed);
  let x1 = new Float64Array(n), x2 = new Float64Array(n);
  for (let i = 0; i < n; i++) { const z1 = rng.normal(), z2 = rng.normal(); x1[i] = Math.sqrt(q0) * z1; x2[i] = Math.sqrt(q0) * (c0 * z1 + Math.sqrt(1 - c0 * c0) * z2); }
  let c = c0;
  for (let l = 0; l < layers; l++) {
    const h1 = new Float64Array(n), h2 = new Float64Array(n), s = Math.sqrt(sw2 / n), b = Math.sqrt(sb2);
    const raw = l === 0 && inputs === 'raw';
    const a1 = raw ? x1 : x1.map(f), a2 = raw ? x2 : x2.map(f);
    for (let j = 0; j < n; j++) {
      let s1 = 0, s2 = 0;
      for (let i = 0; i < n; i++) { const w = s * rng.normal(); s1 += w * a1[i]; s2 += w * a2[i]; }
      const bias = b * rng.normal();
      h1[j] = s1 + bias; h2[j] = s2 + bias;
    }
    let s11 = 0, s22 = 0, s12 = 0;
    for (let j = 0; j < n; j++) { s11 += h1[j] * h1[j]; s22 += h2[j] * h2[j]; s12 += h1[j] * h2[j]; }
    c = s12 / Math.sqrt(s11 * s22);
    x1 = h1; x2 = h2;
  }
  return c;
}
