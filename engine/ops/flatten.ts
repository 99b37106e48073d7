import type { Tensor } from '../tensor.ts';

/**
 * Flatten [batch, channels, height, width] to [batch, channels height width], as torch.flatten(x, 1):
 * NCHW is row-major, so this is a VIEW. The result shares x's data (no copy, nothing to write), and
 * the backward is the same view of dy. Make the view once when the layer is built, not per step.
 */
export function flattenView(x: Tensor): Tensor {
  if (x.shape.length < 2) throw new Error(`flattenView: expected [batch, ...], got [${x.shape.join(', ')}]`);
  let features = 1;
  for (let i = 1; i < x.shape.length; i++) features *= x.shape[i];
  return { data: x.data, shape: [x.shape[0], features] };
}

/** The gradient of a flatten, viewed back in the input's shape (shares dy's data). */
export function unflattenView(dy: Tensor, inputShape: readonly number[]): Tensor {
  let size = 1;
  for (const d of inputShape) size *= d;
  if (dy.shape.length !== 2 || dy.shape[0] !== inputShape[0] || dy.data.length !== size) {
    throw new Error(`unflattenView: gradient [${dy.shape.join(', ')}] does not flatten input [${inputShape.join(', ')}]`);
  }
  return { data: dy.data, shape: [...inputShape] };
}
