import { softmaxRow } from './softmaxCrossEntropy.ts';
import { assertMatrix, type Tensor } from '../tensor.ts';

/**
 * Softmax cross-entropy against soft targets, mean over the batch: L = -(1/B) sum_r sum_c t_rc
 * log softmax(z_r)_c (PyTorch's nn.CrossEntropyLoss with class probabilities as the target). Each
 * target row sums to 1 (mixup's lambda e_i + (1 - lambda) e_j); a one-hot row gives the hard-label
 * loss exactly. Forward writes the probabilities; log-sum-exp is shifted by the row maximum.
 */
export function softTargetCrossEntropyForward(logits: Tensor, targets: Float32Array, probs: Tensor): number {
  const batch = logits.shape[0], classes = logits.shape[1];
  assertMatrix('softTargetCrossEntropyForward probs', probs, batch, classes);
  if (targets.length !== batch * classes) throw new Error(`softTargetCrossEntropyForward: ${targets.length} targets for ${batch} x ${classes} logits`);
  const z = logits.data, p = probs.data;
  let loss = 0;
  for (let r = 0; r < batch; r++) {
    const row = r * classes;
    const logSum = softmaxRow(z, p, row, classes);
    for (let c = 0; c < classes; c++) {
      const t = targets[row + c];
      if (t !== 0) loss += t * (logSum - z[row + c]);
    }
  }
  return loss / batch;
}

/** dL/dlogits = (softmax - targets) / batch (targets summing to 1 per row). */
export function softTargetCrossEntropyBackward(probs: Tensor, targets: Float32Array, dLogits: Tensor): void {
  const batch = probs.shape[0], classes = probs.shape[1];
  assertMatrix('softTargetCrossEntropyBackward dLogits', dLogits, batch, classes);
  if (targets.length !== batch * classes) throw new Error(`softTargetCrossEntropyBackward: ${targets.length} targets for ${batch} x ${classes} probabilities`);
  const p = probs.data, d = dLogits.data, scale = 1 / batch;
  for (let i = 0; i < d.length; i++) d[i] = (p[i] - targets[i]) * scale;
}
