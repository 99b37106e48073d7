import * as P from '../math/portable.ts';
import type { Tensor } from '../tensor.ts';
import { checkBackward, checkForward } from './elementwise.ts';

/** tanh: zero-centred and saturating at +-1; phi'(x) = 1 - tanh(x)^2, computed from the output. */
export const tanh = (x: number): number => P.tanh(x);
export const tanhDerivative = (x: number): number => {
  const t = P.tanh(x);
  return 1 - t * t;
};

export function tanhForward(pre: Tensor, post: Tensor): void {
  checkForward('tanh', pre, post);
  const h = pre.data, a = post.data;
  for (let i = 0; i < h.length; i++) a[i] = P.tanh(h[i]);
}

export function tanhBackward(pre: Tensor, post: Tensor, dPost: Tensor, dPre: Tensor): void {
  checkBackward('tanh', pre, post, dPost, dPre);
  const a = post.data, g = dPost.data, d = dPre.data;
  for (let i = 0; i < a.length; i++) {
    const t = a[i];
    d[i] = g[i] * (1 - t * t);
  }
}
