/**
 * An autoencoder's reconstruction loss on the decoder's pre-activation a (batch x features) against
 * the clean target t, summed over features and averaged over the batch (Vincent et al. 2008's
 * per-example loss; the mean over the batch as every loss here):
 * - 'crossEntropy': a sigmoid decoder x^ = sigmoid(a) with the Bernoulli cross-entropy, for targets
 *   in [0, 1]: l = -t log x^ - (1 - t) log(1 - x^) = softplus(a) - t a (stable for any a). Its
 *   minimum over a is the entropy H(t), 0 only for t in {0, 1}.
 * - 'squaredError': a linear decoder x^ = a with l = (x^ - t)^2 / 2, for targets of any range.
 * Both have dl/da = x^ - t: the decoder's output minus the target (the canonical link).
 */
import * as P from '../math/portable.ts';
import { assertSameShape, type Tensor } from '../tensor.ts';

export type ReconstructionLoss = 'crossEntropy' | 'squaredError';

/** log(1 + e^x) without overflow: max(x, 0) + log(1 + e^-|x|). */
function softplus(x: number): number {
  const m = x > 0 ? x : 0;
  return m + P.log(1 + P.exp(-Math.abs(x)));
}

/** Writes the reconstruction x^ into decoded and returns the mean over the batch of the summed loss (float64). */
export function reconstructionForward(kind: ReconstructionLoss, pre: Tensor, target: Tensor, decoded: Tensor): number {
  assertSameShape('reconstruction target', pre, target);
  assertSameShape('reconstruction output', pre, decoded);
  const a = pre.data, t = target.data, y = decoded.data, batch = pre.shape[0];
  let sum = 0;
  if (kind === 'crossEntropy') {
    for (let i = 0; i < a.length; i++) {
      y[i] = 1 / (1 + P.exp(-a[i]));
      sum += softplus(a[i]) - t[i] * a[i];
    }
  } else {
    for (let i = 0; i < a.length; i++) {
      y[i] = a[i];
      const d = a[i] - t[i];
      sum += 0.5 * d * d;
    }
  }
  return sum / batch;
}

/** dL/da = (x^ - t) / batch, from the decoded values reconstructionForward wrote. */
export function reconstructionBackward(decoded: Tensor, target: Tensor, dPre: Tensor): void {
  assertSameShape('reconstruction backward target', decoded, target);
  assertSameShape('reconstruction backward gradient', decoded, dPre);
  const y = decoded.data, t = target.data, d = dPre.data, scale = 1 / decoded.shape[0];
  for (let i = 0; i < y.length; i++) d[i] = (y[i] - t[i]) * scale;
}
