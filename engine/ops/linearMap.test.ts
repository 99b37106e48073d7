import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.ts';
import { tensorFrom, zerosTensor } from '../tensor.ts';
import { checkGradient } from '../testing/gradcheck.ts';
import { fixedWeights, normalTensor } from '../testing/random.ts';
import { denseForward } from './dense.ts';
import { linearMapBackward, linearMapForward } from './linearMap.ts';

// Not multiples of the kernels' 4 x 4 tiles.
const BATCH = 7, FAN_IN = 3, FAN_OUT = 6;

describe('linearMap: y = x W (a projection shortcut)', () => {
  it('forward is dense with a zero bias, bit for bit', () => {
    const rng = createRng(1);
    const x = normalTensor(rng, [BATCH, FAN_IN]), w = normalTensor(rng, [FAN_IN, FAN_OUT]);
    const y = zerosTensor([BATCH, FAN_OUT]), z = zerosTensor([BATCH, FAN_OUT]);
    linearMapForward(x, w, y);
    denseForward(x, w, zerosTensor([FAN_OUT]), z);
    expect(y.data).toEqual(z.data);
  });

  it('backward (dx, dW) matches central differences; dx null skips the input gradient', () => {
    const rng = createRng(2);
    const x = normalTensor(rng, [BATCH, FAN_IN]), w = normalTensor(rng, [FAN_IN, FAN_OUT], 1 / Math.sqrt(FAN_IN));
    const y = zerosTensor([BATCH, FAN_OUT]);
    const r = fixedWeights(3, BATCH * FAN_OUT);
    const dx = zerosTensor([BATCH, FAN_IN]), dW = zerosTensor([FAN_IN, FAN_OUT]);
    linearMapBackward(x, w, tensorFrom([BATCH, FAN_OUT], r), dx, dW, new Float32Array(FAN_IN * FAN_OUT));
    const evaluate = () => { linearMapForward(x, w, y); return y.data; };
    // Linear in every entry: no truncation error (as dense.test.ts).
    const options = { eps: 0.1, tolerance: 1e-4, roundingsPerOutput: FAN_IN + 1 };
    expect(checkGradient(x.data, Float64Array.from(dx.data), evaluate, r, options).failures).toEqual([]);
    expect(checkGradient(w.data, Float64Array.from(dW.data), evaluate, r, options).failures).toEqual([]);
    const dW2 = zerosTensor([FAN_IN, FAN_OUT]);
    linearMapBackward(x, w, tensorFrom([BATCH, FAN_OUT], r), null, dW2, new Float32Array(0));
    expect(dW2.data).toEqual(dW.data);
  });

  it('names both shapes on a mismatch', () => {
    expect(() => linearMapForward(zerosTensor([2, 3]), zerosTensor([4, 5]), zerosTensor([2, 5]))).toThrow(/\[3, 5\].*\[4, 5\]/);
  });
});
