import type { Tensor } from '../tensor.ts';
import type { BatchNormStats } from './batchNorm.ts';
import { assertChannels, assertImage, assertNchw } from './nchw.ts';

/**
 * Batch normalization of NCHW images per channel (PyTorch's nn.BatchNorm2d): the math of
 * engine/ops/batchNorm.ts with the statistics of channel c taken over all N H W values of that
 * channel instead of over a [batch, features] column. The same statistics record, the same running
 * update (updateRunningStats: momentum 0.1, unbiased N H W / (N H W - 1) variance for the estimate)
 * and the same defaults are used from there; only the loops, which walk planes, are new:
 *   training: y = gamma_c (x - mean_c) / sqrt(var_c + eps) + beta_c, biased var over N H W;
 *   evaluation (batchNorm2dInference): the running estimates in place of the batch's.
 * Create the statistics with createBatchNormStats(channels).
 */
export { BATCH_NORM_EPS, BATCH_NORM_MOMENTUM, createBatchNormStats, updateRunningStats } from './batchNorm.ts';

function checkParams(what: string, x: Tensor, gamma: Tensor, beta: Tensor): void {
  assertImage(what, 'input', x);
  assertChannels(what, 'gamma', gamma, x.shape[1]);
  assertChannels(what, 'beta', beta, x.shape[1]);
}
function checkLike(what: string, name: string, t: Tensor, like: Tensor): void {
  const e = like.shape;
  assertNchw(what, name, t, e[0], e[1], e[2], e[3]);
}
function checkStats(what: string, stats: BatchNormStats, x: Tensor): void {
  if (stats.mean.length !== x.shape[1]) throw new Error(`${what}: statistics for ${stats.mean.length} channels, input [${x.shape.join(', ')}]`);
}

/** Training-mode forward: writes y, xHat (for the backward) and the batch statistics; running estimates untouched. */
export function batchNorm2dForward(
  x: Tensor, gamma: Tensor, beta: Tensor, eps: number, y: Tensor, xHat: Tensor, stats: BatchNormStats,
): void {
  checkParams('batchNorm2dForward', x, gamma, beta);
  checkLike('batchNorm2dForward', 'output', y, x);
  checkLike('batchNorm2dForward', 'xHat', xHat, x);
  checkStats('batchNorm2dForward', stats, x);
  const batch = x.shape[0], channels = x.shape[1], h = x.shape[2], w = x.shape[3];
  const plane = h * w, count = batch * plane;
  const xd = x.data, yd = y.data, hd = xHat.data, g = gamma.data, b = beta.data;
  const { mean, variance, invStd } = stats;
  stats.count = count;
  for (let c = 0; c < channels; c++) {
    let sum = 0;
    for (let n = 0; n < batch; n++) for (let p = (n * channels + c) * plane, end = p + plane; p < end; p++) sum += xd[p];
    const m = sum / count;
    // Two passes, as batchNorm.ts: sum x^2 / N - mean^2 cancels badly when |mean| >> sd.
    let dev = 0;
    for (let n = 0; n < batch; n++) {
      for (let p = (n * channels + c) * plane, end = p + plane; p < end; p++) {
        const d = xd[p] - m;
        dev += d * d;
      }
    }
    mean[c] = m;
    variance[c] = dev / count;
    const s = (invStd[c] = 1 / Math.sqrt(dev / count + eps));
    const gc = g[c], bc = b[c];
    for (let n = 0; n < batch; n++) {
      for (let p = (n * channels + c) * plane, end = p + plane; p < end; p++) {
        const v = (xd[p] - m) * s;
        hd[p] = v;
        yd[p] = gc * v + bc;
      }
    }
  }
}

/** Evaluation-mode forward with the running estimates (each image independent of the batch). */
export function batchNorm2dInference(
  x: Tensor, gamma: Tensor, beta: Tensor, runningMean: Tensor, runningVar: Tensor, eps: number, y: Tensor,
): void {
  checkParams('batchNorm2dInference', x, gamma, beta);
  const batch = x.shape[0], channels = x.shape[1], h = x.shape[2], w = x.shape[3];
  assertChannels('batchNorm2dInference', 'runningMean', runningMean, channels);
  assertChannels('batchNorm2dInference', 'runningVar', runningVar, channels);
  checkLike('batchNorm2dInference', 'output', y, x);
  const plane = h * w, xd = x.data, yd = y.data;
  for (let c = 0; c < channels; c++) {
    const gc = gamma.data[c], bc = beta.data[c], rm = runningMean.data[c], sd = Math.sqrt(runningVar.data[c] + eps);
    for (let n = 0; n < batch; n++) {
      for (let p = (n * channels + c) * plane, end = p + plane; p < end; p++) yd[p] = (gc * (xd[p] - rm)) / sd + bc;
    }
  }
}

/**
 * Exact backward of the training-mode forward (batchNormBackward's formula, M = N H W per channel):
 *   dBeta_c = sum dy, dGamma_c = sum dy xHat, dx = gamma_c invStd_c (dy - dBeta_c / M - xHat dGamma_c / M).
 * dx may be null.
 */
export function batchNorm2dBackward(
  dy: Tensor, xHat: Tensor, gamma: Tensor, stats: BatchNormStats, dx: Tensor | null, dGamma: Tensor, dBeta: Tensor,
): void {
  assertImage('batchNorm2dBackward', 'xHat', xHat);
  const batch = xHat.shape[0], channels = xHat.shape[1], h = xHat.shape[2], w = xHat.shape[3];
  checkLike('batchNorm2dBackward', 'dy', dy, xHat);
  assertChannels('batchNorm2dBackward', 'gamma', gamma, channels);
  assertChannels('batchNorm2dBackward', 'dGamma', dGamma, channels);
  assertChannels('batchNorm2dBackward', 'dBeta', dBeta, channels);
  checkStats('batchNorm2dBackward', stats, xHat);
  if (dx) checkLike('batchNorm2dBackward', 'dx', dx, xHat);
  const plane = h * w, invCount = 1 / (batch * plane);
  const dyd = dy.data, hd = xHat.data;
  const { sumDy, sumDyXHat, invStd } = stats;
  for (let c = 0; c < channels; c++) {
    let sd = 0, sdh = 0;
    for (let n = 0; n < batch; n++) {
      for (let p = (n * channels + c) * plane, end = p + plane; p < end; p++) {
        const d = dyd[p];
        sd += d;
        sdh += d * hd[p];
      }
    }
    sumDy[c] = sd;
    sumDyXHat[c] = sdh;
    dBeta.data[c] = sd;
    dGamma.data[c] = sdh;
    if (!dx) continue;
    const scale = gamma.data[c] * invStd[c], dxd = dx.data;
    for (let n = 0; n < batch; n++) {
      for (let p = (n * channels + c) * plane, end = p + plane; p < end; p++) dxd[p] = scale * (dyd[p] - sd * invCount - hd[p] * sdh * invCount);
    }
  }
}
