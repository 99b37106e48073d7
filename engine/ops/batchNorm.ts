import { assertShape, type Tensor } from '../tensor.ts';

/**
 * Batch normalization over the batch dimension of a [batch, features] tensor (Ioffe & Szegedy
 * 2015; PyTorch's nn.BatchNorm1d). Per feature j:
 *   training mode:   y = gamma_j (x - mean_j) / sqrt(var_j + eps) + beta_j, with the batch's mean
 *                    and BIASED variance (divide by N), as PyTorch normalizes;
 *   evaluation mode: the same with the running estimates in place of the batch's.
 * The running estimates move by runningX = (1 - momentum) runningX + momentum batchX, where the
 * running variance takes the UNBIASED batch variance (divide by N - 1), as PyTorch does.
 * Statistics are accumulated in float64; tensors stay float32.
 */

/** PyTorch's defaults. Its momentum is the weight of the new batch (1 - the usual EMA decay). */
export const BATCH_NORM_MOMENTUM = 0.1;
export const BATCH_NORM_EPS = 1e-5;

/** One batch's statistics per feature: what the backward pass and the running update need. */
export interface BatchNormStats {
  /** Examples the statistics were taken over. */
  count: number;
  readonly mean: Float64Array;
  /** Biased variance: sum (x - mean)^2 / N. */
  readonly variance: Float64Array;
  /** 1 / sqrt(variance + eps). */
  readonly invStd: Float64Array;
  /** The backward pass's float64 sums over the batch: sum dy and sum dy xHat. */
  readonly sumDy: Float64Array;
  readonly sumDyXHat: Float64Array;
}

export function createBatchNormStats(features: number): BatchNormStats {
  const f64 = () => new Float64Array(features);
  return { count: 0, mean: f64(), variance: f64(), invStd: f64(), sumDy: f64(), sumDyXHat: f64() };
}

/** Shape checks that allocate nothing unless they fail (they run every training step). */
function checkInput(what: string, x: Tensor): void {
  if (x.shape.length !== 2) throw new Error(`${what}: expected a [batch, features] input, got [${x.shape.join(', ')}]`);
}
function checkVector(what: string, name: string, v: Tensor, features: number): void {
  if (v.shape.length !== 1 || v.shape[0] !== features) assertShape(`${what} ${name}`, v, [features]);
}
function checkSame(what: string, name: string, t: Tensor, like: Tensor): void {
  const s = t.shape, e = like.shape;
  if (s.length !== 2 || s[0] !== e[0] || s[1] !== e[1]) assertShape(`${what} ${name}`, t, e);
}

/**
 * Training-mode forward. Writes y, the normalized input xHat (kept for the backward pass) and the
 * batch statistics. Does not touch the running estimates: see updateRunningStats.
 */
export function batchNormForward(
  x: Tensor, gamma: Tensor, beta: Tensor, eps: number,
  y: Tensor, xHat: Tensor, stats: BatchNormStats,
): void {
  checkInput('batchNormForward', x);
  const batch = x.shape[0], features = x.shape[1];
  checkVector('batchNormForward', 'gamma', gamma, features);
  checkVector('batchNormForward', 'beta', beta, features);
  checkSame('batchNormForward', 'output', y, x);
  checkSame('batchNormForward', 'xHat', xHat, x);
  if (stats.mean.length !== features) throw new Error(`batchNormForward: statistics for ${stats.mean.length} features, input [${x.shape.join(', ')}]`);
  const xd = x.data, yd = y.data, hd = xHat.data, g = gamma.data, b = beta.data;
  const { mean, variance, invStd } = stats;
  stats.count = batch;
  mean.fill(0);
  variance.fill(0);
  for (let r = 0; r < batch; r++) {
    const row = r * features;
    for (let j = 0; j < features; j++) mean[j] += xd[row + j];
  }
  for (let j = 0; j < features; j++) mean[j] /= batch;
  // Two passes: sum x^2 / N - mean^2 cancels badly when |mean| >> sd (a dense output with a large bias).
  for (let r = 0; r < batch; r++) {
    const row = r * features;
    for (let j = 0; j < features; j++) {
      const d = xd[row + j] - mean[j];
      variance[j] += d * d;
    }
  }
  for (let j = 0; j < features; j++) {
    variance[j] /= batch;
    invStd[j] = 1 / Math.sqrt(variance[j] + eps);
  }
  for (let r = 0; r < batch; r++) {
    const row = r * features;
    for (let j = 0; j < features; j++) {
      const h = (xd[row + j] - mean[j]) * invStd[j];
      hd[row + j] = h;
      yd[row + j] = g[j] * h + b[j];
    }
  }
}

/**
 * PyTorch's running update after a training-mode forward: runningMean and runningVar move by
 * momentum toward the batch's mean and its unbiased variance var N / (N - 1). A batch of one has
 * no unbiased variance (PyTorch refuses to train on it); this throws rather than write NaN.
 */
export function updateRunningStats(stats: BatchNormStats, momentum: number, runningMean: Tensor, runningVar: Tensor): void {
  const features = stats.mean.length;
  checkVector('updateRunningStats', 'runningMean', runningMean, features);
  checkVector('updateRunningStats', 'runningVar', runningVar, features);
  const n = stats.count;
  if (n < 2) throw new Error(`batch norm needs at least 2 examples per batch to estimate a variance, got ${n}`);
  const unbias = n / (n - 1);
  const keep = 1 - momentum;
  const rm = runningMean.data, rv = runningVar.data;
  for (let j = 0; j < features; j++) {
    rm[j] = keep * rm[j] + momentum * stats.mean[j];
    rv[j] = keep * rv[j] + momentum * stats.variance[j] * unbias;
  }
}

/** Evaluation-mode forward: normalize with the running estimates (no batch statistics, no update). */
export function batchNormInference(
  x: Tensor, gamma: Tensor, beta: Tensor, runningMean: Tensor, runningVar: Tensor, eps: number, y: Tensor,
): void {
  checkInput('batchNormInference', x);
  const batch = x.shape[0], features = x.shape[1];
  checkVector('batchNormInference', 'gamma', gamma, features);
  checkVector('batchNormInference', 'beta', beta, features);
  checkVector('batchNormInference', 'runningMean', runningMean, features);
  checkVector('batchNormInference', 'runningVar', runningVar, features);
  checkSame('batchNormInference', 'output', y, x);
  const xd = x.data, yd = y.data, g = gamma.data, b = beta.data, rm = runningMean.data, rv = runningVar.data;
  for (let r = 0; r < batch; r++) {
    const row = r * features;
    for (let j = 0; j < features; j++) yd[row + j] = (g[j] * (xd[row + j] - rm[j])) / Math.sqrt(rv[j] + eps) + b[j];
  }
}

/**
 * Exact backward of the training-mode forward, given dL/dy. With N the batch:
 *   dBeta_j  = sum_r dy_rj
 *   dGamma_j = sum_r dy_rj xHat_rj
 *   dx_rj    = gamma_j invStd_j (dy_rj - dBeta_j / N - xHat_rj dGamma_j / N)
 * (the last two terms are the paths through the batch mean and variance). dx may be null.
 */
export function batchNormBackward(
  dy: Tensor, xHat: Tensor, gamma: Tensor, stats: BatchNormStats,
  dx: Tensor | null, dGamma: Tensor, dBeta: Tensor,
): void {
  checkInput('batchNormBackward', xHat);
  const batch = xHat.shape[0], features = xHat.shape[1];
  checkSame('batchNormBackward', 'dy', dy, xHat);
  checkVector('batchNormBackward', 'gamma', gamma, features);
  checkVector('batchNormBackward', 'dGamma', dGamma, features);
  checkVector('batchNormBackward', 'dBeta', dBeta, features);
  const dyd = dy.data, hd = xHat.data, dg = dGamma.data, db = dBeta.data, g = gamma.data;
  if (stats.mean.length !== features) throw new Error(`batchNormBackward: statistics for ${stats.mean.length} features, xHat [${xHat.shape.join(', ')}]`);
  // Sums in float64 before the one rounding into float32.
  const sumDy = stats.sumDy, sumDyH = stats.sumDyXHat;
  sumDy.fill(0);
  sumDyH.fill(0);
  for (let r = 0; r < batch; r++) {
    const row = r * features;
    for (let j = 0; j < features; j++) {
      const d = dyd[row + j];
      sumDy[j] += d;
      sumDyH[j] += d * hd[row + j];
    }
  }
  for (let j = 0; j < features; j++) {
    db[j] = sumDy[j];
    dg[j] = sumDyH[j];
  }
  if (!dx) return;
  checkSame('batchNormBackward', 'dx', dx, xHat);
  const dxd = dx.data, invStd = stats.invStd;
  const invN = 1 / batch;
  for (let r = 0; r < batch; r++) {
    const row = r * features;
    for (let j = 0; j < features; j++) {
      dxd[row + j] = g[j] * invStd[j] * (dyd[row + j] - sumDy[j] * invN - hd[row + j] * sumDyH[j] * invN);
    }
  }
}
