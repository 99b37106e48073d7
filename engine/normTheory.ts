/**
 * Mean-field theory of a plain stack with batch norm in every hidden layer (train mode: batch
 * statistics), beside theory.ts's plain recursion.
 *
 * Forward. Batch norm divides each feature by its own batch standard deviation, so whatever the
 * weights' scale, a feature of batch variance v leaves it as gamma xhat + beta with
 *   E[xhat^2] = v / (v + eps)                       (exactly, on the batch: biased variance)
 * so the normalized pre-activation's second moment is gamma^2 v / (v + eps) + beta^2, and the
 * activation sees N(beta, gamma^2 v / (v + eps)). In the wide limit a feature's batch variance is
 * v = n Var[w] Var[x] (the batch mean removes the input's mean, and the bias).
 *
 * Backward. Through batch norm, E[(dL/dh)^2] = gamma^2 (1 - 2/B) E[(dL/dz)^2] / (v + eps): its
 * backward removes the batch mean and the xhat component of the gradient (1/B of it each). For BN
 * followed by ReLU (gamma 1, beta 0) one layer multiplies the gradient's second moment by
 *   E[relu'^2] n Var[w] / v = (1/2) / Var[relu(N(0, 1))] = (1/2) / ((pi - 1) / (2 pi)) = pi / (pi - 1)
 * going down, whatever the initializer (Yang, Pennington, Rao, Sohl-Dickstein & Schoenholz 2019,
 * "A mean field theory of batch normalization": gradients explode at ~1.467 per layer in deep BN
 * networks without skips, in the wide limit; here times (1 - 2/B) at batch B).
 */
import { ACTIVATIONS } from './ops/activations.ts';
import { weightVariance } from './init/initializers.ts';
import { gaussianExpectation, moments, widthOf, type Theory, type TheoryInput } from './theory.ts';

export interface NormTheoryInput extends TheoryInput {
  readonly norm: {
    readonly position: 'before' | 'after';
    readonly eps: number;
    /** Examples in the batch the statistics are taken over. */
    readonly batch: number;
    /** The affine parameters (1 and 0 at initialization). */
    readonly gamma: number;
    readonly beta: number;
  };
}

/** pi / (pi - 1): Yang et al. 2019's per-layer gradient growth of a deep BN-ReLU network, wide and large-batch limit. */
export const BN_RELU_GRADIENT_GROWTH = Math.PI / (Math.PI - 1);

/** E[xhat^2] of a feature of batch variance v normalized with eps, then gamma and beta: gamma^2 v / (v + eps) + beta^2. */
export function normalizedM2(v: number, eps: number, gamma = 1, beta = 0): number {
  return (gamma * gamma * v) / (v + eps) + beta * beta;
}

/** E[phi(h)^2], E[phi'(h)^2] and E[phi(h)] for h ~ N(mean, s2). */
function fullMoments(t: TheoryInput, mean: number, s2: number): { act: number; deriv: number; first: number } {
  const m = moments(t.activation, mean, s2, t.panels);
  const phi = ACTIVATIONS[t.activation];
  return { ...m, first: gaussianExpectation(phi.value, mean, Math.sqrt(s2)) };
}

/** Per-layer second moments of a plain batch-normalized stack (random zero-mean weights; NaN for zeros and constant). */
export function predictWithBatchNorm(t: NormTheoryInput): Theory {
  const { depth, norm } = t;
  const preM2 = new Float64Array(depth).fill(NaN);
  const actM2 = new Float64Array(depth).fill(NaN);
  const gradM2 = new Float64Array(depth).fill(NaN);
  if (t.init === 'zeros' || t.init === 'constant') return { preM2, actM2, gradM2 };
  const { eps, gamma, beta } = norm;
  const g2 = gamma * gamma;
  const bnBack = (v: number) => (g2 * (1 - 2 / norm.batch)) / (v + eps);
  const derivM2 = new Float64Array(depth);
  const normVar = new Float64Array(depth); // the variance each layer's BN divides by
  const backGain = new Float64Array(depth); // fanOut Var[w]
  // The input: mean 0 (standardized or synthetic), second moment inputM2.
  let inVar = t.inputM2, inM2 = t.inputM2;
  for (let l = 0; l < depth; l++) {
    const fanIn = l === 0 ? t.inputWidth : widthOf(t, l - 1), fanOut = widthOf(t, l);
    // LSUV rescales the dense output to variance gain^2 before BN sees it.
    const w = weightVariance(t.init, fanIn, fanOut, t.initOptions) ?? (t.initOptions.gain * t.initOptions.gain) / (fanIn * inM2);
    backGain[l] = fanOut * w;
    if (norm.position === 'before') {
      const v = fanIn * w * inVar;
      normVar[l] = v;
      const s2 = (g2 * v) / (v + eps);
      preM2[l] = normalizedM2(v, eps, gamma, beta);
      const m = fullMoments(t, beta, s2);
      actM2[l] = m.act;
      derivM2[l] = m.deriv;
      inVar = m.act - m.first * m.first;
      inM2 = m.act;
    } else {
      const s2 = fanIn * w * inM2;
      preM2[l] = s2 + t.bias * t.bias;
      const m = fullMoments(t, t.bias, s2);
      actM2[l] = m.act;
      derivM2[l] = m.deriv;
      const u = m.act - m.first * m.first;
      normVar[l] = u;
      inM2 = normalizedM2(u, eps, gamma, beta);
      inVar = inM2 - beta * beta;
    }
  }
  for (let l = depth - 1; l >= 0; l--) {
    if (norm.position === 'before') {
      // dL/dz_l = phi'(z_l) dL/dx_l;  dL/dx_l = dL/dh_{l+1} W^T;  dL/dh_{l+1} = BN backward of dL/dz_{l+1}.
      const upstream = l === depth - 1 ? t.topGradM2 : backGain[l + 1] * bnBack(normVar[l + 1]) * gradM2[l + 1];
      gradM2[l] = upstream * derivM2[l];
    } else {
      // dL/dy_l = dL/dh_{l+1} W^T (y = BN(phi(h_l))); dL/dphi = BN backward; dL/dh_l = phi'(h_l) dL/dphi.
      const dy = l === depth - 1 ? t.topGradM2 : backGain[l + 1] * gradM2[l + 1];
      gradM2[l] = dy * bnBack(normVar[l]) * derivM2[l];
    }
  }
  return { preM2, actM2, gradM2 };
}
