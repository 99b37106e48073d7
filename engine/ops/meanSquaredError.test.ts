import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.ts';
import { tensorFrom, zerosTensor } from '../tensor.ts';
import { checkGradient } from '../testing/gradcheck.ts';
import { normalTensor } from '../testing/random.ts';
import { meanSquaredErrorBackward, meanSquaredErrorForward } from './meanSquaredError.ts';

describe('mean squared error', () => {
  it('matches a hand-computed value and gradient', () => {
    const prediction = tensorFrom([2, 2], [1, 2, 3, 4]);
    const target = tensorFrom([2, 2], [0, 2, 5, 4]);
    // errors 1, 0, -2, 0: (1 + 4) / 4
    expect(meanSquaredErrorForward(prediction, target)).toBe(1.25);
    const d = zerosTensor([2, 2]);
    meanSquaredErrorBackward(prediction, target, d);
    expect(Array.from(d.data)).toEqual([0.5, 0, -1, 0]); // 2 e / N, exact in binary
  });

  it('backward matches central differences', () => {
    const rng = createRng(1);
    const prediction = normalTensor(rng, [3, 5]);
    const target = normalTensor(rng, [3, 5]);
    const d = zerosTensor([3, 5]);
    meanSquaredErrorBackward(prediction, target, d);
    const result = checkGradient(prediction.data, Float64Array.from(d.data), () => [meanSquaredErrorForward(prediction, target)], [1], {
      eps: 1e-2,
      tolerance: 1e-5, // quadratic: the central difference is exact; the float32 analytic side is off by ~u = 6e-8
      roundingsPerOutput: 1e-8, // the loss is accumulated in float64
    });
    expect(result.failures).toEqual([]);
  });

  it('a shape mismatch throws an error naming both shapes', () => {
    expect(() => meanSquaredErrorForward(zerosTensor([2, 3]), zerosTensor([3, 2]))).toThrow(/\[2, 3\].*\[3, 2\]/);
    expect(() => meanSquaredErrorBackward(zerosTensor([2, 3]), zerosTensor([2, 3]), zerosTensor([6]))).toThrow(/\[2, 3\].*\[6\]/);
  });
});
