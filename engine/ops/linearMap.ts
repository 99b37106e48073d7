import { matmulAB, matmulABT, matmulATB } from '../kernels/matmul.ts';
import { assertMatrix, type Tensor } from '../tensor.ts';

/**
 * y = x W without a bias: the projection shortcut of a residual block whose input and output
 * widths differ (He et al. 2015, option B: a learned linear map where the identity cannot apply).
 * W is stored fanIn x fanOut like a dense layer's.
 */
export function linearMapForward(x: Tensor, weight: Tensor, y: Tensor): void {
  const batch = x.shape[0], fanIn = x.shape[1], fanOut = weight.shape[1];
  assertMatrix('linearMapForward weight', weight, fanIn, fanOut);
  assertMatrix('linearMapForward output', y, batch, fanOut);
  matmulAB(x.data, weight.data, y.data, batch, fanIn, fanOut);
}

/**
 * Backward of y = x W given dL/dy: dW = x^T dy, dx = dy W^T (skipped when dx is null).
 * scratch must hold fanIn * fanOut floats.
 */
export function linearMapBackward(x: Tensor, weight: Tensor, dy: Tensor, dx: Tensor | null, dWeight: Tensor, scratch: Float32Array): void {
  const batch = x.shape[0], fanIn = x.shape[1], fanOut = weight.shape[1];
  assertMatrix('linearMapBackward weight', weight, fanIn, fanOut);
  assertMatrix('linearMapBackward dy', dy, batch, fanOut);
  assertMatrix('linearMapBackward dWeight', dWeight, fanIn, fanOut);
  matmulATB(x.data, dy.data, dWeight.data, fanIn, batch, fanOut);
  if (dx) {
    assertMatrix('linearMapBackward dx', dx, batch, fanIn);
    matmulABT(dy.data, weight.data, dx.data, batch, fanOut, fanIn, scratch);
  }
}
