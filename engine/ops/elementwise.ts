import { assertSameShape, type Tensor } from '../tensor.ts';

/** Shape checks shared by every element-wise activation's forward and backward. */
export function checkForward(name: string, pre: Tensor, post: Tensor): void {
  assertSameShape(`${name}Forward output`, pre, post);
}

export function checkBackward(name: string, pre: Tensor, post: Tensor, dPost: Tensor, dPre: Tensor): void {
  assertSameShape(`${name}Backward output`, pre, post);
  assertSameShape(`${name}Backward dPost`, pre, dPost);
  assertSameShape(`${name}Backward dPre`, pre, dPre);
}
