import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.ts';
import { tensorFrom, zerosTensor } from '../tensor.ts';
import { checkGradient } from '../testing/gradcheck.ts';
import { normalTensor } from '../testing/random.ts';
import { reconstructionBackward, reconstructionForward, type ReconstructionLoss } from './reconstructionLoss.ts';

describe('reconstruction loss', () => {
  it('squared error: hand-computed, the decoded value is the pre-activation', () => {
    const a = tensorFrom([2, 2], [1, 2, 0, -1]), t = tensorFrom([2, 2], [0, 2, 1, 1]), y = zerosTensor([2, 2]);
    // ((1)^2 + 0 + (1)^2 + (2)^2) / 2, summed per example, mean over 2 examples
    expect(reconstructionForward('squaredError', a, t, y)).toBe((0.5 + 0 + 0.5 + 2) / 2);
    expect(Array.from(y.data)).toEqual([1, 2, 0, -1]);
  });

  it('cross-entropy: -t log s - (1 - t) log(1 - s) with s = sigmoid(a); minimum H(t) at s = t', () => {
    const a = tensorFrom([1, 3], [0, 2, -3]), t = tensorFrom([1, 3], [0.5, 1, 0]), y = zerosTensor([1, 3]);
    const s = (x: number) => 1 / (1 + Math.exp(-x));
    const want = Math.LN2 - Math.log(s(2)) - Math.log(1 - s(-3));
    expect(reconstructionForward('crossEntropy', a, t, y)).toBeCloseTo(want, 12);
    expect(y.data[0]).toBe(0.5);
    // at a = 0 and t = 0.5 the loss is H(0.5) = log 2, not 0: the entropy of the target
    expect(reconstructionForward('crossEntropy', tensorFrom([1, 1], [0]), tensorFrom([1, 1], [0.5]), zerosTensor([1, 1]))).toBeCloseTo(Math.LN2, 14);
  });

  it('huge pre-activations (+-1000) stay finite under cross-entropy', () => {
    const a = tensorFrom([1, 4], [1000, -1000, 1000, -1000]), t = tensorFrom([1, 4], [1, 0, 0, 1]), y = zerosTensor([1, 4]);
    const loss = reconstructionForward('crossEntropy', a, t, y);
    expect(loss).toBe(2000); // right answers cost 0, each wrong one 1000
    expect(Array.from(y.data)).toEqual([1, 0, 1, 0]);
    const d = zerosTensor([1, 4]);
    reconstructionBackward(y, t, d);
    expect(Array.from(d.data)).toEqual([0, 0, 1, -1]);
  });

  it('NaN passes through: the loss is NaN, not a number that hides it', () => {
    const a = tensorFrom([1, 2], [NaN, 0]), t = tensorFrom([1, 2], [0, 0]);
    expect(reconstructionForward('squaredError', a, t, zerosTensor([1, 2]))).toBeNaN();
    expect(reconstructionForward('crossEntropy', a, t, zerosTensor([1, 2]))).toBeNaN();
  });

  it('refuses mismatched shapes, naming both', () => {
    expect(() => reconstructionForward('squaredError', zerosTensor([2, 3]), zerosTensor([2, 2]), zerosTensor([2, 3]))).toThrow(/2,3|2, 3/);
  });

  for (const kind of ['squaredError', 'crossEntropy'] as ReconstructionLoss[]) {
    it(`${kind}: backward matches central differences of the loss`, () => {
      const batch = 3, features = 5, rng = createRng(7);
      const a = normalTensor(rng, [batch, features], 2);
      const t = zerosTensor([batch, features]);
      for (let i = 0; i < t.data.length; i++) t.data[i] = kind === 'crossEntropy' ? rng.uniform() : rng.normal();
      const y = zerosTensor([batch, features]), d = zerosTensor([batch, features]);
      reconstructionForward(kind, a, t, y);
      reconstructionBackward(y, t, d);
      const result = checkGradient(a.data, Float64Array.from(d.data), () => [reconstructionForward(kind, a, t, y)], [1], {
        eps: 1e-2,
        tolerance: 1e-3,
        roundingsPerOutput: 1e-8, // the loss is float64
        // squared error is quadratic (no third derivative); softplus''' <= 1/(6 sqrt 3) < 0.1, over the batch
        truncation: kind === 'squaredError' ? 0 : (1e-4 * 0.1) / (6 * batch),
      });
      expect(result.failures).toEqual([]);
      expect(result.checked).toBe(batch * features);
    });
  }
});
