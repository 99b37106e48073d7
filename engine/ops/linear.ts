import type { Tensor } from '../tensor.ts';
import { checkBackward, checkForward } from './elementwise.ts';

/** Identity: phi(x) = x, phi'(x) = 1. A deep linear net isolates the weights' own gain. */
export const linear = (x: number): number => x;
export const linearDerivative = (_x: number): number => 1;

export function linearForward(pre: Tensor, post: Tensor): void {
  checkForward('linear', pre, post);
  post.data.set(pre.data);
}

export function linearBackward(pre: Tensor, post: Tensor, dPost: Tensor, dPre: Tensor): void {
  checkBackward('linear', pre, post, dPost, dPre);
  dPre.data.set(dPost.data);
}
