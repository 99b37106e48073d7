import * as P from '../math/portable.ts';
import { assertMatrix, type Tensor } from '../tensor.ts';

/**
 * One row's softmax: writes the probabilities of z[row .. row + classes) into p and returns the
 * row's log-sum-exp (shifted by the row maximum so large logits do not overflow). Shared by the
 * hard-label and the soft-target losses, so both compute it in the same order, bit for bit.
 */
export function softmaxRow(z: Float32Array, p: Float32Array, row: number, classes: number): number {
  let max = -Infinity;
  for (let c = 0; c < classes; c++) if (z[row + c] > max) max = z[row + c];
  let sum = 0;
  for (let c = 0; c < classes; c++) sum += P.exp(z[row + c] - max);
  const logSum = P.log(sum) + max;
  for (let c = 0; c < classes; c++) p[row + c] = P.exp(z[row + c] - logSum);
  return logSum;
}

/**
 * Softmax cross-entropy, mean over the batch (PyTorch's nn.CrossEntropyLoss on logits).
 * Forward writes the probabilities (needed by backward) and returns the loss; log-sum-exp is
 * shifted by the row maximum so large logits do not overflow.
 */
export function softmaxCrossEntropyForward(logits: Tensor, labels: Int32Array, probs: Tensor): number {
  const batch = logits.shape[0], classes = logits.shape[1];
  assertMatrix('softmaxCrossEntropyForward probs', probs, batch, classes);
  if (labels.length !== batch) throw new Error(`softmaxCrossEntropyForward: ${labels.length} labels for batch ${batch}`);
  const z = logits.data, p = probs.data;
  let loss = 0;
  for (let r = 0; r < batch; r++) {
    const row = r * classes;
    const logSum = softmaxRow(z, p, row, classes);
    const label = labels[r];
    if (label < 0 || label >= classes) throw new Error(`label ${label} outside 0..${classes - 1}`);
    loss += logSum - z[row + label];
  }
  return loss / batch;
}

/** dL/dlogits = (softmax - onehot) / batch. */
export function softmaxCrossEntropyBackward(probs: Tensor, labels: Int32Array, dLogits: Tensor): void {
  const batch = probs.shape[0], classes = probs.shape[1];
  assertMatrix('softmaxCrossEntropyBackward dLogits', dLogits, batch, classes);
  const p = probs.data, d = dLogits.data;
  const scale = 1 / batch;
  for (let r = 0; r < batch; r++) {
    const row = r * classes;
    for (let c = 0; c < classes; c++) d[row + c] = p[row + c] * scale;
    d[row + labels[r]] -= scale;
  }
}
