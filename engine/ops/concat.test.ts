import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.ts';
import { zerosTensor } from '../tensor.ts';
import { checkGradient } from '../testing/gradcheck.ts';
import { fixedWeights, normalTensor } from '../testing/random.ts';
import { concatBackward, concatForward } from './concat.ts';
import { flattenView, unflattenView } from './flatten.ts';

describe('channel concatenation', () => {
  const rng = createRng(1);
  const xs = [normalTensor(rng, [2, 1, 3, 5]), normalTensor(rng, [2, 3, 3, 5]), normalTensor(rng, [2, 2, 3, 5])];

  it('places each input\'s channels after the previous ones, image by image', () => {
    const y = zerosTensor([2, 6, 3, 5]);
    concatForward(xs, y);
    for (let n = 0; n < 2; n++) {
      let c = 0;
      for (const x of xs) {
        for (let k = 0; k < x.shape[1]; k++, c++) {
          for (let p = 0; p < 15; p++) expect(y.data[(n * 6 + c) * 15 + p]).toBe(x.data[(n * x.shape[1] + k) * 15 + p]);
        }
      }
    }
  });

  it('backward of 3 inputs scatters dy\'s slices: each matches central differences', () => {
    const y = zerosTensor([2, 6, 3, 5]);
    const r = fixedWeights(2, y.data.length);
    const dxs = xs.map((x) => zerosTensor(x.shape));
    concatBackward({ data: r, shape: y.shape }, dxs);
    const evaluate = () => { concatForward(xs, y); return y.data; };
    xs.forEach((x, i) => {
      expect(checkGradient(x.data, Float64Array.from(dxs[i].data), evaluate, r, { eps: 0.1, tolerance: 1e-6, roundingsPerOutput: 0 }).failures).toEqual([]);
    });
  });

  it('NaN and Infinity are copied as they are, in both directions', () => {
    const a = zerosTensor([1, 1, 1, 2]), b = zerosTensor([1, 1, 1, 2]);
    a.data.set([NaN, Infinity]);
    b.data.set([-Infinity, 0]);
    const y = zerosTensor([1, 2, 1, 2]);
    concatForward([a, b], y);
    expect(Array.from(y.data)).toEqual([NaN, Infinity, -Infinity, 0]);
    concatBackward(y, [b, a]);
    expect([...b.data, ...a.data]).toEqual([NaN, Infinity, -Infinity, 0]);
  });

  it('mismatched batch, height or width, or a wrong output, name both shapes', () => {
    expect(() => concatForward([xs[0], zerosTensor([2, 3, 4, 5])], zerosTensor([2, 4, 3, 5]))).toThrow(/\[2, 3, 3, 5\].*\[2, 3, 4, 5\]/);
    expect(() => concatForward(xs, zerosTensor([2, 5, 3, 5]))).toThrow(/\[2, 6, 3, 5\].*\[2, 5, 3, 5\]/);
    expect(() => concatBackward(zerosTensor([2, 7, 3, 5]), xs)).toThrow(/\[2, 6, 3, 5\].*\[2, 7, 3, 5\]/);
    expect(() => concatForward([], zerosTensor([1]))).toThrow(/nothing/);
  });
});

describe('flatten', () => {
  it('is a view: [n, c, h, w] -> [n, c h w] over the same data, and back for the gradient', () => {
    const x = zerosTensor([2, 3, 4, 5]);
    const flat = flattenView(x);
    expect(flat.shape).toEqual([2, 60]);
    expect(flat.data).toBe(x.data);
    const back = unflattenView(flat, x.shape);
    expect(back.shape).toEqual([2, 3, 4, 5]);
    expect(back.data).toBe(x.data);
    expect(() => unflattenView(zerosTensor([2, 59]), x.shape)).toThrow(/\[2, 59\].*\[2, 3, 4, 5\]/);
  });
});
