import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.ts';
import { tensorFrom, zerosTensor } from '../tensor.ts';
import { checkGradient } from '../testing/gradcheck.ts';
import { normalTensor } from '../testing/random.ts';
import { softmaxCrossEntropyBackward, softmaxCrossEntropyForward } from './softmaxCrossEntropy.ts';
import { softTargetCrossEntropyBackward, softTargetCrossEntropyForward } from './softTargetCrossEntropy.ts';

const BATCH = 4, CLASSES = 5;

/** Mixup-style targets: lambda on one class, 1 - lambda on another (maybe the same). */
function mixedTargets(lambda: number, own: number[], other: number[]): Float32Array {
  const t = new Float32Array(own.length * CLASSES);
  own.forEach((c, r) => { t[r * CLASSES + c] += lambda; t[r * CLASSES + other[r]] += 1 - lambda; });
  return t;
}

describe('softmax cross-entropy against soft targets (mixup\'s loss)', () => {
  it('one-hot targets give the hard-label loss and gradient exactly', () => {
    const logits = normalTensor(createRng(3), [BATCH, CLASSES], 2);
    const labels = Int32Array.of(0, 3, 4, 1);
    const hot = mixedTargets(1, [...labels], [...labels]);
    const p1 = zerosTensor([BATCH, CLASSES]), p2 = zerosTensor([BATCH, CLASSES]);
    expect(softTargetCrossEntropyForward(logits, hot, p1)).toBe(softmaxCrossEntropyForward(logits, labels, p2));
    const d1 = zerosTensor([BATCH, CLASSES]), d2 = zerosTensor([BATCH, CLASSES]);
    softTargetCrossEntropyBackward(p1, hot, d1);
    softmaxCrossEntropyBackward(p2, labels, d2);
    expect(Array.from(d1.data)).toEqual(Array.from(d2.data));
  });

  it('a lambda mix of two labels is lambda L(y_i) + (1 - lambda) L(y_j)', () => {
    const logits = tensorFrom([2, CLASSES], [1, 2, 3, 0, -1, 0.5, 0, 0, 2, 1]);
    const lambda = 0.3, own = [0, 4], other = [2, 1];
    const soft = softTargetCrossEntropyForward(logits, mixedTargets(lambda, own, other), zerosTensor([2, CLASSES]));
    const a = softmaxCrossEntropyForward(logits, Int32Array.from(own), zerosTensor([2, CLASSES]));
    const b = softmaxCrossEntropyForward(logits, Int32Array.from(other), zerosTensor([2, CLASSES]));
    expect(soft).toBeCloseTo(lambda * a + (1 - lambda) * b, 6); // targets are float32: 0.3 is stored to ~1e-8
  });

  it.each([0.5, 0.17, 0.93])('backward matches central differences of the loss (lambda %s)', (lambda) => {
    const logits = normalTensor(createRng(7), [BATCH, CLASSES], 2);
    const targets = mixedTargets(lambda, [0, 3, 4, 1], [2, 3, 0, 4]);
    const probs = zerosTensor([BATCH, CLASSES]), dLogits = zerosTensor([BATCH, CLASSES]);
    softTargetCrossEntropyForward(logits, targets, probs);
    softTargetCrossEntropyBackward(probs, targets, dLogits);
    const result = checkGradient(logits.data, Float64Array.from(dLogits.data), () => [softTargetCrossEntropyForward(logits, targets, probs)], [1], {
      eps: 1e-2,
      // As for hard labels: |L'''| <= 1/batch per entry, so truncation <= eps^2 / (6 batch); the loss is float64.
      tolerance: 1e-3,
      roundingsPerOutput: 1e-8,
      truncation: (1e-2 * 1e-2) / (6 * BATCH),
    });
    expect(result.failures).toEqual([]);
  });

  it('huge logits stay finite; a shape mismatch names both sizes', () => {
    const logits = tensorFrom([1, 3], [1000, -1000, 0]);
    const loss = softTargetCrossEntropyForward(logits, Float32Array.of(0.5, 0.5, 0), zerosTensor([1, 3]));
    expect(loss).toBe(1000); // 0.5 * 0 + 0.5 * 2000
    expect(() => softTargetCrossEntropyForward(logits, new Float32Array(2), zerosTensor([1, 3]))).toThrow('2 targets for 1 x 3 logits');
  });
});
