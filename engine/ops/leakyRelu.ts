import { LEAKY_SLOPE } from '../contract/names.ts';
import type { Tensor } from '../tensor.ts';
import { checkBackward, checkForward } from './elementwise.ts';

/** Leaky ReLU with negative slope a = LEAKY_SLOPE (PyTorch's default 0.01): x for x > 0, a x otherwise. */
export const leakyRelu = (x: number): number => (x > 0 ? x : LEAKY_SLOPE * x);
export const leakyReluDerivative = (x: number): number => (x > 0 ? 1 : LEAKY_SLOPE);

export function leakyReluForward(pre: Tensor, post: Tensor): void {
  checkForward('leakyRelu', pre, post);
  const h = pre.data, a = post.data;
  for (let i = 0; i < h.length; i++) {
    const v = h[i];
    a[i] = v > 0 ? v : LEAKY_SLOPE * v;
  }
}

export function leakyReluBackward(pre: Tensor, post: Tensor, dPost: Tensor, dPre: Tensor): void {
  checkBackward('leakyRelu', pre, post, dPost, dPre);
  const h = pre.data, g = dPost.data, d = dPre.data;
  for (let i = 0; i < h.length; i++) d[i] = h[i] > 0 ? g[i] : LEAKY_SLOPE * g[i];
}
