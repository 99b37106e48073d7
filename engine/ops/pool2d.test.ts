import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.ts';
import { tensorFrom, zerosTensor, type Tensor } from '../tensor.ts';
import { checkGradient } from '../testing/gradcheck.ts';
import { fixedWeights, normalTensor } from '../testing/random.ts';
import {
  avgPool2dBackward, avgPool2dForward, globalAvgPoolBackward, globalAvgPoolForward, maxPool2dBackward, maxPool2dForward,
  pool2dOutputShape, pool2dSpec, type Pool2dSpec,
} from './pool2d.ts';

/**
 * Distinct values 0.05 apart in a shuffled order: every window's maximum beats its runner-up by
 * more than twice the check's step, so a central difference never crosses a tie (max pooling is not
 * differentiable at one; ties are tested exactly, below, and against PyTorch in the fixture).
 */
function distinctTensor(seed: number, shape: number[]): Tensor {
  const rng = createRng(seed), n = shape.reduce((a, b) => a * b, 1);
  const values = Array.from({ length: n }, (_, i) => 0.05 * (i - n / 2));
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    [values[i], values[j]] = [values[j], values[i]];
  }
  return tensorFrom(shape, values);
}

const CASES: { name: string; spec: Pool2dSpec; h: number; w: number }[] = [
  { name: '2x2 stride 2 on odd 7x5 (last row and column dropped)', spec: pool2dSpec({ kernel: 2 }), h: 7, w: 5 },
  { name: '3x3 stride 2 padding 1 (overlapping windows)', spec: pool2dSpec({ kernel: 3, stride: 2, padding: 1 }), h: 7, w: 6 },
  { name: '3x2 kernel, stride (1, 2), padding (1, 0)', spec: pool2dSpec({ kernel: [3, 2], stride: [1, 2], padding: [1, 0] }), h: 5, w: 7 },
];

function gradcheckPool(spec: Pool2dSpec, h: number, w: number, kind: 'max' | 'avg' | 'avgExcludePad') {
  const x = distinctTensor(1, [2, 3, h, w]);
  const [n, c, oh, ow] = pool2dOutputShape('test', x, spec);
  const y = zerosTensor([n, c, oh, ow]), argmax = new Int32Array(y.data.length), dx = zerosTensor(x.shape);
  const r = fixedWeights(2, y.data.length);
  const evaluate = () => {
    if (kind === 'max') maxPool2dForward(x, spec, y, argmax);
    else avgPool2dForward(x, spec, y, kind === 'avg');
    return y.data;
  };
  evaluate();
  if (kind === 'max') maxPool2dBackward({ data: r, shape: y.shape }, argmax, dx);
  else avgPool2dBackward({ data: r, shape: y.shape }, spec, dx, kind === 'avg');
  // Piecewise linear away from ties: no truncation error; eps 0.01 < half the 0.05 gap between values.
  return checkGradient(x.data, Float64Array.from(dx.data), evaluate, r, { eps: 0.01, tolerance: 1e-4, roundingsPerOutput: 2 });
}

describe('max pooling', () => {
  it.each(CASES)('$name: dx matches central differences', ({ spec, h, w }) => {
    expect(gradcheckPool(spec, h, w, 'max').failures).toEqual([]);
  });

  // The values and indices of the next three cases are what torch 1.13's F.max_pool2d(..., return_indices=True) gives.
  it('pads with -Infinity: an all-negative border window still picks a real pixel', () => {
    const x = tensorFrom([1, 1, 2, 2], [-5, -6, -7, -8]);
    const y = zerosTensor([1, 1, 3, 3]), argmax = new Int32Array(9);
    maxPool2dForward(x, pool2dSpec({ kernel: 2, stride: 1, padding: 1 }), y, argmax);
    expect(Array.from(y.data)).toEqual([-5, -5, -6, -5, -5, -6, -7, -7, -8]);
    expect(Array.from(argmax)).toEqual([0, 0, 1, 0, 0, 1, 2, 2, 3]);
  });

  it('ties go to the first maximum in row-major window order, which takes the whole gradient', () => {
    const x = tensorFrom([1, 1, 2, 4], [1, 3, 2, 2, 3, 0, 2, 2]);
    const y = zerosTensor([1, 1, 1, 2]), argmax = new Int32Array(2), dx = zerosTensor(x.shape);
    maxPool2dForward(x, pool2dSpec({ kernel: 2 }), y, argmax);
    expect(Array.from(y.data)).toEqual([3, 2]);
    expect(Array.from(argmax)).toEqual([1, 2]); // (0, 1) before (1, 0); (0, 2) before (0, 3), (1, 2), (1, 3)
    maxPool2dBackward(tensorFrom([1, 1, 1, 2], [10, 20]), argmax, dx);
    expect(Array.from(dx.data)).toEqual([0, 10, 20, 0, 0, 0, 0, 0]);
  });

  it('max2 (the written-out 2x2 stride-2 path) agrees with a plain window scan, ties and NaN included', () => {
    const rng = createRng(7), shape = [3, 2, 9, 6];
    // Few distinct values (many ties), a few NaN and -Infinity.
    const values = Array.from({ length: 3 * 2 * 9 * 6 }, () => {
      const u = rng.uniform();
      return u < 0.05 ? NaN : u < 0.1 ? -Infinity : Math.floor(u * 4);
    });
    const x = tensorFrom(shape, values), y = zerosTensor([3, 2, 4, 3]), argmax = new Int32Array(y.data.length);
    maxPool2dForward(x, pool2dSpec({ kernel: 2 }), y, argmax);
    let at = 0;
    for (let nc = 0; nc < 6; nc++) {
      for (let oy = 0; oy < 4; oy++) {
        for (let ox = 0; ox < 3; ox++, at++) {
          let best = -Infinity, index = 2 * oy * 6 + 2 * ox;
          for (const [dy, dx] of [[0, 0], [0, 1], [1, 0], [1, 1]]) {
            const i = (2 * oy + dy) * 6 + 2 * ox + dx, v = x.data[nc * 54 + i];
            if (v > best || Number.isNaN(v)) { best = v; index = i; }
          }
          expect([y.data[at], argmax[at]]).toEqual([best, index]);
        }
      }
    }
  });

  it('NaN wins its window (NaN propagates); Infinity is an ordinary maximum; all -Infinity picks the first', () => {
    const x = tensorFrom([1, 1, 2, 6], [1, NaN, Infinity, 0, -Infinity, -Infinity, NaN, 5, 1, 2, -Infinity, -Infinity]);
    const y = zerosTensor([1, 1, 1, 3]), argmax = new Int32Array(3);
    maxPool2dForward(x, pool2dSpec({ kernel: 2 }), y, argmax);
    expect(Array.from(y.data)).toEqual([NaN, Infinity, -Infinity]);
    expect(Array.from(argmax)).toEqual([6, 2, 4]); // the last NaN seen, as PyTorch's `|| isnan(val)`
  });

  it('shape mismatches name both shapes; padding over half the kernel is refused', () => {
    const x = zerosTensor([2, 3, 6, 6]);
    expect(() => maxPool2dForward(x, pool2dSpec({ kernel: 2 }), zerosTensor([2, 3, 2, 3]), new Int32Array(36))).toThrow(/\[2, 3, 3, 3\].*\[2, 3, 2, 3\]/);
    expect(() => maxPool2dForward(x, pool2dSpec({ kernel: 2 }), zerosTensor([2, 3, 3, 3]), new Int32Array(5))).toThrow(/argmax holds 5/);
    expect(() => maxPool2dForward(x, pool2dSpec({ kernel: 2, padding: 2 }), zerosTensor([2, 3, 5, 5]), new Int32Array(150))).toThrow(/at most half/);
    expect(() => maxPool2dForward(zerosTensor([2, 3]), pool2dSpec({ kernel: 2 }), x, new Int32Array(1))).toThrow(/NCHW.*\[2, 3\]/);
  });
});

describe('average pooling', () => {
  it.each(CASES)('$name: dx matches central differences (both padding counts)', ({ spec, h, w }) => {
    expect(gradcheckPool(spec, h, w, 'avg').failures).toEqual([]);
    expect(gradcheckPool(spec, h, w, 'avgExcludePad').failures).toEqual([]);
  });

  it('count_include_pad: the default divides a border window by kh kw, false by its real pixels', () => {
    const x = tensorFrom([1, 1, 2, 2], [1, 2, 3, 4]);
    const y = zerosTensor([1, 1, 3, 3]), spec = pool2dSpec({ kernel: 2, stride: 1, padding: 1 });
    avgPool2dForward(x, spec, y);
    expect(Array.from(y.data)).toEqual([0.25, 0.75, 0.5, 1, 2.5, 1.5, 0.75, 1.75, 1]);
    avgPool2dForward(x, spec, y, false);
    expect(Array.from(y.data)).toEqual([1, 1.5, 2, 2, 2.5, 3, 3, 3.5, 4]);
  });

  it('NaN and Infinity spoil exactly their windows', () => {
    const x = tensorFrom([1, 1, 2, 6], [NaN, 1, Infinity, 1, Infinity, 1, 1, 1, 1, 1, -Infinity, 1]);
    const y = zerosTensor([1, 1, 1, 3]);
    avgPool2dForward(x, pool2dSpec({ kernel: 2 }), y);
    expect(Array.from(y.data)).toEqual([NaN, Infinity, NaN]);
  });
});

describe('global average pooling', () => {
  it('is the mean of each plane; its backward spreads dy / (h w); [n, c] and [n, c, 1, 1] outputs', () => {
    const x = normalTensor(createRng(3), [2, 3, 5, 3]);
    const y = zerosTensor([2, 3]), y4 = zerosTensor([2, 3, 1, 1]), dx = zerosTensor(x.shape);
    globalAvgPoolForward(x, y);
    globalAvgPoolForward(x, y4);
    expect(y4.data).toEqual(y.data);
    for (let nc = 0; nc < 6; nc++) {
      let s = 0;
      for (let p = 0; p < 15; p++) s += x.data[nc * 15 + p];
      expect(y.data[nc]).toBe(Math.fround(s / 15));
    }
    const r = fixedWeights(4, 6);
    globalAvgPoolBackward({ data: r, shape: [2, 3] }, dx);
    const evaluate = () => { globalAvgPoolForward(x, y); return y.data; };
    expect(checkGradient(x.data, Float64Array.from(dx.data), evaluate, r, { eps: 0.1, tolerance: 1e-4, roundingsPerOutput: 1 }).failures).toEqual([]);
    expect(() => globalAvgPoolForward(x, zerosTensor([2, 4]))).toThrow(/\[2, 3\] or \[2, 3, 1, 1\].*\[2, 4\]/);
  });
});
