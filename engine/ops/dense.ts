import { matmulAB, matmulABT, matmulATB } from '../kernels/matmul.ts';
import { assertMatrix, assertVector, type Tensor } from '../tensor.ts';

/**
 * Fully connected layer y = x W + b. The weight is stored fanIn x fanOut (input-major) so the
 * forward product and the weight gradient both stream contiguous rows; exports transpose it to
 * PyTorch's nn.Linear layout (fanOut x fanIn).
 */
export function denseForward(x: Tensor, weight: Tensor, bias: Tensor, y: Tensor): void {
  const batch = x.shape[0], fanIn = x.shape[1];
  const fanOut = weight.shape[1];
  assertMatrix('denseForward weight', weight, fanIn, fanOut);
  assertVector('denseForward bias', bias, fanOut);
  assertMatrix('denseForward output', y, batch, fanOut);
  matmulAB(x.data, weight.data, y.data, batch, fanIn, fanOut);
  const yd = y.data, bd = bias.data;
  for (let r = 0; r < batch; r++) {
    const row = r * fanOut;
    for (let j = 0; j < fanOut; j++) yd[row + j] += bd[j];
  }
}

/**
 * Backward of y = x W + b given dL/dy: dW = x^T dy, db = sum over the batch of dy,
 * dx = dy W^T (skipped when dx is null, as for the first layer whose input needs no gradient).
 * scratch must hold fanIn * fanOut floats.
 */
export function denseBackward(
  x: Tensor, weight: Tensor, dy: Tensor,
  dx: Tensor | null, dWeight: Tensor, dBias: Tensor, scratch: Float32Array,
): void {
  const batch = x.shape[0], fanIn = x.shape[1];
  const fanOut = weight.shape[1];
  assertMatrix('denseBackward weight', weight, fanIn, fanOut);
  assertMatrix('denseBackward dy', dy, batch, fanOut);
  assertMatrix('denseBackward dWeight', dWeight, fanIn, fanOut);
  assertVector('denseBackward dBias', dBias, fanOut);
  matmulATB(x.data, dy.data, dWeight.data, fanIn, batch, fanOut);
  const dyd = dy.data, dbd = dBias.data;
  dbd.fill(0);
  for (let r = 0; r < batch; r++) {
    const row = r * fanOut;
    for (let j = 0; j < fanOut; j++) dbd[j] += dyd[row + j];
  }
  if (dx) {
    assertMatrix('denseBackward dx', dx, batch, fanIn);
    matmulABT(dy.data, weight.data, dx.data, batch, fanOut, fanIn, scratch);
  }
}
