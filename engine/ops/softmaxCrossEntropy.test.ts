import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.ts';
import { tensorFrom, zerosTensor } from '../tensor.ts';
import { checkGradient, FLOAT32_UNIT_ROUNDOFF } from '../testing/gradcheck.ts';
import { normalTensor } from '../testing/random.ts';
import { softmaxCrossEntropyBackward, softmaxCrossEntropyForward } from './softmaxCrossEntropy.ts';

const u = FLOAT32_UNIT_ROUNDOFF;

describe('softmax cross-entropy', () => {
  it('matches hand-computed values', () => {
    const logits = tensorFrom([2, 3], [1, 2, 3, 0, 0, 0]);
    const probs = zerosTensor([2, 3]);
    const loss = softmaxCrossEntropyForward(logits, Int32Array.of(2, 0), probs);
    // row 1: log(e + e^2 + e^3) - 3 = log(1 + e^-1 + e^-2); row 2: log 3. Computed in float64 from exact inputs.
    expect(loss).toBeCloseTo((0.4076059644443804 + 1.0986122886681098) / 2, 14);
    // probabilities are stored in float32: one rounding each
    const want = [0.09003057317038046, 0.24472847105479767, 0.6652409557748219, 1 / 3, 1 / 3, 1 / 3];
    want.forEach((p, i) => expect(Math.abs(probs.data[i] - p)).toBeLessThanOrEqual(u * p));
    const dLogits = zerosTensor([2, 3]);
    softmaxCrossEntropyBackward(probs, Int32Array.of(2, 0), dLogits);
    // (p - onehot) / batch
    const wantGrad = [want[0] / 2, want[1] / 2, (want[2] - 1) / 2, (1 / 3 - 1) / 2, 1 / 6, 1 / 6];
    wantGrad.forEach((g, i) => expect(Math.abs(dLogits.data[i] - g)).toBeLessThanOrEqual(2 * u * Math.abs(g) + u));
  });

  it('backward matches central differences of the loss', () => {
    const batch = 4, classes = 5;
    const logits = normalTensor(createRng(1), [batch, classes], 2);
    const labels = Int32Array.of(0, 3, 4, 1);
    const probs = zerosTensor([batch, classes]);
    const dLogits = zerosTensor([batch, classes]);
    softmaxCrossEntropyForward(logits, labels, probs);
    softmaxCrossEntropyBackward(probs, labels, dLogits);
    const result = checkGradient(logits.data, Float64Array.from(dLogits.data), () => [softmaxCrossEntropyForward(logits, labels, probs)], [1], {
      eps: 1e-2,
      // |d^3 L / dz^3| <= 1/batch (third cumulant of a distribution on [0, 1] is <= 1/(6 sqrt 3) < 1):
      // truncation <= eps^2 / (6 batch) = 4e-6 absolute; the loss is float64 from float32 logits.
      tolerance: 1e-3,
      roundingsPerOutput: 1e-8, // float64 loss: rounding ~1e-16, negligible
      truncation: (1e-2 * 1e-2) / (6 * batch),
    });
    expect(result.failures).toEqual([]);
  });

  it('huge logits (+-1000) stay finite: shifted log-sum-exp', () => {
    const logits = tensorFrom([3, 3], [1000, 0, -1000, 1000, 1000, 0, -1000, -1000, -1000]);
    const probs = zerosTensor([3, 3]);
    const labels = Int32Array.of(0, 1, 2);
    const loss = softmaxCrossEntropyForward(logits, labels, probs);
    // rows: 0 (p = 1), log 2 (two equal maxima), log 3 (all equal): mean (0 + log 2 + log 3) / 3
    expect(loss).toBeCloseTo((Math.LN2 + Math.log(3)) / 3, 12);
    expect(Array.from(probs.data).every(Number.isFinite)).toBe(true);
    expect(Array.from(probs.data)).toEqual([1, 0, 0, 0.5, 0.5, 0, Math.fround(1 / 3), Math.fround(1 / 3), Math.fround(1 / 3)]);
    const wrong = softmaxCrossEntropyForward(tensorFrom([1, 2], [1000, -1000]), Int32Array.of(1), zerosTensor([1, 2]));
    expect(wrong).toBe(2000); // log-sum-exp = 1000, minus the label's logit -1000
    const dLogits = zerosTensor([3, 3]);
    softmaxCrossEntropyBackward(probs, labels, dLogits);
    expect(Array.from(dLogits.data).every(Number.isFinite)).toBe(true);
  });

  it('rejects labels outside the classes and a label count that is not the batch', () => {
    const logits = zerosTensor([2, 3]);
    expect(() => softmaxCrossEntropyForward(logits, Int32Array.of(0, 3), zerosTensor([2, 3]))).toThrow(/3/);
    expect(() => softmaxCrossEntropyForward(logits, Int32Array.of(0, -1), zerosTensor([2, 3]))).toThrow(/-1/);
    expect(() => softmaxCrossEntropyForward(logits, Int32Array.of(0), zerosTensor([2, 3]))).toThrow(/1 labels for batch 2/);
    expect(() => softmaxCrossEntropyForward(logits, Int32Array.of(0, 1), zerosTensor([3, 2]))).toThrow(/\[2, 3\].*\[3, 2\]/);
    expect(() => softmaxCrossEntropyBackward(zerosTensor([2, 3]), Int32Array.of(0, 1), zerosTensor([2, 4]))).toThrow(/\[2, 3\].*\[2, 4\]/);
  });
});
