import * as P from '../math/portable.ts';
import { erf } from '../math/erf.ts';
import type { Tensor } from '../tensor.ts';
import { checkBackward, checkForward } from './elementwise.ts';

/**
 * GELU, the exact form x * Phi(x) with Phi the standard normal CDF (Hendrycks & Gimpel 2016;
 * PyTorch's default, approximate='none'), not the tanh approximation.
 * phi'(x) = Phi(x) + x * pdf(x).
 */
const INV_SQRT2 = 0.7071067811865476;
const INV_SQRT_2PI = 0.3989422804014327;
// At x = -Infinity the formula reads -Infinity * 0; the limits are used instead (0 for the value,
// 0 and 1 for the derivative at -/+Infinity), like relu(-Infinity) = 0.
export const gelu = (x: number): number => (x === -Infinity ? 0 : 0.5 * x * (1 + erf(x * INV_SQRT2)));
export const geluDerivative = (x: number): number =>
  x === Infinity ? 1 : x === -Infinity ? 0 : 0.5 * (1 + erf(x * INV_SQRT2)) + x * INV_SQRT_2PI * P.exp(-0.5 * x * x);

export function geluForward(pre: Tensor, post: Tensor): void {
  checkForward('gelu', pre, post);
  const h = pre.data, a = post.data;
  for (let i = 0; i < h.length; i++) a[i] = gelu(h[i]);
}

export function geluBackward(pre: Tensor, post: Tensor, dPost: Tensor, dPre: Tensor): void {
  checkBackward('gelu', pre, post, dPost, dPre);
  const h = pre.data, g = dPost.data, d = dPre.data;
  for (let i = 0; i < h.length; i++) d[i] = g[i] * geluDerivative(h[i]);
}
