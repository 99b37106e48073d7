import * as P from '../math/portable.ts';
import type { Tensor } from '../tensor.ts';
import { checkBackward, checkForward } from './elementwise.ts';

/** ELU with alpha = 1 (Clevert et al. 2015): x for x > 0, e^x - 1 otherwise. */
export const elu = (x: number): number => (x > 0 ? x : P.expm1(x));
export const eluDerivative = (x: number): number => (x > 0 ? 1 : P.exp(x));

export function eluForward(pre: Tensor, post: Tensor): void {
  checkForward('elu', pre, post);
  const h = pre.data, a = post.data;
  for (let i = 0; i < h.length; i++) {
    const v = h[i];
    a[i] = v > 0 ? v : P.expm1(v);
  }
}

export function eluBackward(pre: Tensor, post: Tensor, dPost: Tensor, dPre: Tensor): void {
  checkBackward('elu', pre, post, dPost, dPre);
  const h = pre.data, a = post.data, g = dPost.data, d = dPre.data;
  // For x <= 0, phi'(x) = e^x = phi(x) + 1, read from the output.
  for (let i = 0; i < h.length; i++) d[i] = h[i] > 0 ? g[i] : g[i] * (a[i] + 1);
}
