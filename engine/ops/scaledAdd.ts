import { assertSameShape, type Tensor } from '../tensor.ts';

/**
 * The residual connection's merge, out = skip + alpha branch (He et al. 2015: x_{k+1} = x_k + F(x_k),
 * with the branch scale alpha of Fixup / SkipInit-style scaled residuals; alpha = 1 is the original).
 * Its Jacobian is I on the skip and alpha I on the branch: the "+ I" that carries gradients through.
 */
export function scaledAddForward(skip: Tensor, branch: Tensor, alpha: number, out: Tensor): void {
  assertSameShape('scaledAddForward skip', branch, skip);
  assertSameShape('scaledAddForward output', branch, out);
  const s = skip.data, b = branch.data, o = out.data;
  if (alpha === 1) for (let i = 0; i < o.length; i++) o[i] = s[i] + b[i];
  else for (let i = 0; i < o.length; i++) o[i] = s[i] + alpha * b[i];
}

/**
 * Backward of out = skip + alpha branch given dL/dout: dL/dbranch = alpha dL/dout, written to
 * dBranch. dL/dskip is dL/dout itself (the identity): the caller adds dOut where the skip came from.
 */
export function scaledAddBackward(dOut: Tensor, alpha: number, dBranch: Tensor): void {
  assertSameShape('scaledAddBackward dBranch', dOut, dBranch);
  const d = dOut.data, db = dBranch.data;
  if (alpha === 1) db.set(d);
  else for (let i = 0; i < d.length; i++) db[i] = alpha * d[i];
}

/** acc += x, element-wise: a gradient arriving at a tensor along a second path (a skip, an auxiliary head). */
export function addInto(acc: Tensor, x: Tensor): void {
  assertSameShape('addInto', acc, x);
  const a = acc.data, b = x.data;
  for (let i = 0; i < a.length; i++) a[i] += b[i];
}
