import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.ts';
import { tensorFrom, zerosTensor } from '../tensor.ts';
import { checkGradient } from '../testing/gradcheck.ts';
import { fixedWeights, normalTensor } from '../testing/random.ts';
import { addInto, scaledAddBackward, scaledAddForward } from './scaledAdd.ts';

const SHAPE = [5, 7];

describe('scaledAdd: out = skip + alpha branch', () => {
  it.each([1, 0.3, 0])('forward and backward (alpha %s): the skip\'s gradient is dOut, the branch\'s alpha dOut (central differences)', (alpha) => {
    const rng = createRng(4);
    const skip = normalTensor(rng, SHAPE), branch = normalTensor(rng, SHAPE), out = zerosTensor(SHAPE);
    scaledAddForward(skip, branch, alpha, out);
    out.data.forEach((v, i) => expect(v).toBe(Math.fround(skip.data[i] + alpha * branch.data[i]))); // float64 arithmetic, one rounding
    const r = fixedWeights(5, 35);
    const dBranch = zerosTensor(SHAPE);
    scaledAddBackward(tensorFrom(SHAPE, r), alpha, dBranch);
    const evaluate = () => { scaledAddForward(skip, branch, alpha, out); return out.data; };
    // Linear in every entry: no truncation; one rounding per output.
    const options = { eps: 0.1, tolerance: 1e-5, roundingsPerOutput: 1 };
    expect(checkGradient(skip.data, Float64Array.from(r), evaluate, r, options).failures).toEqual([]);
    expect(checkGradient(branch.data, Float64Array.from(dBranch.data), evaluate, r, options).failures).toEqual([]);
  });

  it('passes NaN and Infinity through, and names both shapes on a mismatch', () => {
    const out = zerosTensor([1, 3]);
    scaledAddForward(tensorFrom([1, 3], [NaN, Infinity, 1]), tensorFrom([1, 3], [0, 1, -Infinity]), 1, out);
    expect(Array.from(out.data)).toEqual([NaN, Infinity, -Infinity]);
    expect(() => scaledAddForward(zerosTensor([2, 3]), zerosTensor([3, 2]), 1, zerosTensor([3, 2]))).toThrow(/\[3, 2\].*\[2, 3\]/);
  });

  it('addInto accumulates a second path\'s gradient', () => {
    const acc = tensorFrom([2], [1, 2]);
    addInto(acc, tensorFrom([2], [0.5, -2]));
    expect(Array.from(acc.data)).toEqual([1.5, 0]);
    expect(() => addInto(acc, zerosTensor([3]))).toThrow(/addInto/);
  });
});
