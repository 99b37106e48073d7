import { assertSameShape, type Tensor } from '../tensor.ts';

/** Shape checks shared by every element-wise activation's forward and backward (no allocation). */
export function checkForward(name: string, pre: Tensor, post: Tensor): void {
  assertSameShape(name, pre, post, 'Forward output');
}

export function checkBackward(name: string, pre: Tensor, post: Tensor, dPost: Tensor, dPre: Tensor): void {
  assertSameShape(name, pre, post, 'Backward output');
  assertSameShape(name, pre, dPost, 'Backward dPost');
  assertSameShape(name, pre, dPre, 'Backward dPre');
}
