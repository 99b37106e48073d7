import type { Tensor } from '../tensor.ts';
import { checkBackward, checkForward } from './elementwise.ts';

/** ReLU max(0, x). NaN stays NaN (as in PyTorch) so an overflow is never hidden. */
export const relu = (x: number): number => (x > 0 ? x : x !== x ? x : 0);
/** Subgradient 0 at x = 0, as in PyTorch. */
export const reluDerivative = (x: number): number => (x > 0 ? 1 : 0);

export function reluForward(pre: Tensor, post: Tensor): void {
  checkForward('relu', pre, post);
  const h = pre.data, a = post.data;
  for (let i = 0; i < h.length; i++) {
    const v = h[i];
    a[i] = v > 0 ? v : v !== v ? v : 0;
  }
}

export function reluBackward(pre: Tensor, post: Tensor, dPost: Tensor, dPre: Tensor): void {
  checkBackward('relu', pre, post, dPost, dPre);
  const h = pre.data, g = dPost.data, d = dPre.data;
  for (let i = 0; i < h.length; i++) d[i] = h[i] > 0 ? g[i] : 0;
}
