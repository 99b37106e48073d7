import { assertSameShape, type Tensor } from '../tensor.ts';

/** Mean squared error over every element (PyTorch's nn.MSELoss, reduction 'mean'). */
export function meanSquaredErrorForward(prediction: Tensor, target: Tensor): number {
  assertSameShape('meanSquaredErrorForward target', prediction, target);
  const y = prediction.data, t = target.data;
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const e = y[i] - t[i];
    sum += e * e;
  }
  return sum / y.length;
}

/** dL/dprediction = 2 (prediction - target) / N. */
export function meanSquaredErrorBackward(prediction: Tensor, target: Tensor, dPrediction: Tensor): void {
  assertSameShape('meanSquaredErrorBackward target', prediction, target);
  assertSameShape('meanSquaredErrorBackward dPrediction', prediction, dPrediction);
  const y = prediction.data, t = target.data, d = dPrediction.data;
  const scale = 2 / y.length;
  for (let i = 0; i < y.length; i++) d[i] = scale * (y[i] - t[i]);
}
