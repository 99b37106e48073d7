import * as P from '../math/portable.ts';
import type { Tensor } from '../tensor.ts';
import { checkBackward, checkForward } from './elementwise.ts';

/**
 * SELU (Klambauer et al. 2017): lambda * (x for x > 0, alpha (e^x - 1) otherwise), with the
 * constants that make N(0, 1) a fixed point of the mean-field map under lecun_normal weights.
 */
export const SELU_ALPHA = 1.6732632423543772848170429916717;
export const SELU_LAMBDA = 1.0507009873554804934193349852946;
export const selu = (x: number): number => SELU_LAMBDA * (x > 0 ? x : SELU_ALPHA * P.expm1(x));
export const seluDerivative = (x: number): number => SELU_LAMBDA * (x > 0 ? 1 : SELU_ALPHA * P.exp(x));

export function seluForward(pre: Tensor, post: Tensor): void {
  checkForward('selu', pre, post);
  const h = pre.data, a = post.data;
  for (let i = 0; i < h.length; i++) {
    const v = h[i];
    a[i] = v > 0 ? SELU_LAMBDA * v : SELU_LAMBDA * SELU_ALPHA * P.expm1(v);
  }
}

export function seluBackward(pre: Tensor, post: Tensor, dPost: Tensor, dPre: Tensor): void {
  checkBackward('selu', pre, post, dPost, dPre);
  const h = pre.data, g = dPost.data, d = dPre.data;
  const scale = SELU_LAMBDA * SELU_ALPHA;
  for (let i = 0; i < h.length; i++) {
    const v = h[i];
    d[i] = v > 0 ? SELU_LAMBDA * g[i] : g[i] * scale * P.exp(v);
  }
}
