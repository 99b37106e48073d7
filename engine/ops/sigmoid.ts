import * as P from '../math/portable.ts';
import type { Tensor } from '../tensor.ts';
import { checkBackward, checkForward } from './elementwise.ts';

/** Logistic sigmoid 1 / (1 + e^-x): mean 0.5, not zero-centred, saturating at 0 and 1. */
export const sigmoid = (x: number): number => 1 / (1 + P.exp(-x));
export const sigmoidDerivative = (x: number): number => {
  const s = 1 / (1 + P.exp(-x));
  return s * (1 - s);
};

export function sigmoidForward(pre: Tensor, post: Tensor): void {
  checkForward('sigmoid', pre, post);
  const h = pre.data, a = post.data;
  // For x -> -inf, e^-x overflows to Infinity and 1 / Infinity = 0: no NaN.
  for (let i = 0; i < h.length; i++) a[i] = 1 / (1 + P.exp(-h[i]));
}

export function sigmoidBackward(pre: Tensor, post: Tensor, dPost: Tensor, dPre: Tensor): void {
  checkBackward('sigmoid', pre, post, dPost, dPre);
  const a = post.data, g = dPost.data, d = dPre.data;
  for (let i = 0; i < a.length; i++) {
    const s = a[i];
    d[i] = g[i] * s * (1 - s);
  }
}
