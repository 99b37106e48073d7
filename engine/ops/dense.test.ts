import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.ts';
import { zerosTensor, type Tensor } from '../tensor.ts';
import { checkGradient, FLOAT32_UNIT_ROUNDOFF } from '../testing/gradcheck.ts';
import { fixedWeights, normalTensor } from '../testing/random.ts';
import { denseBackward, denseForward } from './dense.ts';

const u = FLOAT32_UNIT_ROUNDOFF;
// 7 x 9 x 6: not multiples of the kernels' 4 x 4 tiles, so every tail loop runs too.
const BATCH = 7, FAN_IN = 9, FAN_OUT = 6;

function setup(seed: number) {
  const rng = createRng(seed);
  const x = normalTensor(rng, [BATCH, FAN_IN]);
  const weight = normalTensor(rng, [FAN_IN, FAN_OUT], 1 / Math.sqrt(FAN_IN));
  const bias = normalTensor(rng, [FAN_OUT], 0.5);
  const y = zerosTensor([BATCH, FAN_OUT]);
  return { x, weight, bias, y };
}

describe('dense', () => {
  it('forward matches a float64 reference x W + b', () => {
    const { x, weight, bias, y } = setup(1);
    denseForward(x, weight, bias, y);
    for (let r = 0; r < BATCH; r++) {
      for (let j = 0; j < FAN_OUT; j++) {
        let sum = bias.data[j], magnitude = Math.abs(bias.data[j]);
        for (let i = 0; i < FAN_IN; i++) {
          sum += x.data[r * FAN_IN + i] * weight.data[i * FAN_OUT + j];
          magnitude += Math.abs(x.data[r * FAN_IN + i] * weight.data[i * FAN_OUT + j]);
        }
        // at most one float32 rounding per term added (fanIn + 1), each <= u times the running magnitude
        expect(Math.abs(y.data[r * FAN_OUT + j] - sum)).toBeLessThanOrEqual((FAN_IN + 1) * u * magnitude);
      }
    }
  });

  it('backward (dx, dW, db) matches central differences', () => {
    const { x, weight, bias, y } = setup(2);
    const r = fixedWeights(3, BATCH * FAN_OUT);
    const dy: Tensor = { data: r, shape: [BATCH, FAN_OUT] };
    const dx = zerosTensor([BATCH, FAN_IN]);
    const dWeight = zerosTensor([FAN_IN, FAN_OUT]);
    const dBias = zerosTensor([FAN_OUT]);
    denseForward(x, weight, bias, y);
    denseBackward(x, weight, dy, dx, dWeight, dBias, new Float32Array(FAN_IN * FAN_OUT));
    const evaluate = () => {
      denseForward(x, weight, bias, y);
      return y.data;
    };
    // L is linear in every entry: no truncation error, so a large step only shrinks the rounding term.
    // The analytic side is a float32 sum of <= 7 products (~7u relative); 1e-4 is far above it, and far
    // below the O(1) error of a wrong index or a missing transpose.
    const options = { eps: 0.1, tolerance: 1e-4, roundingsPerOutput: FAN_IN + 1 };
    for (const [name, param, grad] of [['dx', x, dx], ['dW', weight, dWeight], ['db', bias, dBias]] as const) {
      const result = checkGradient(param.data, Float64Array.from(grad.data), evaluate, r, options);
      expect(result.failures, name).toEqual([]);
    }
  });

  it('backward overwrites its gradients (calling it twice does not accumulate) and skips dx when null', () => {
    const { x, weight, bias, y } = setup(4);
    denseForward(x, weight, bias, y);
    const dy = normalTensor(createRng(5), [BATCH, FAN_OUT]);
    const dWeight = zerosTensor([FAN_IN, FAN_OUT]);
    const dBias = zerosTensor([FAN_OUT]);
    const scratch = new Float32Array(FAN_IN * FAN_OUT);
    denseBackward(x, weight, dy, null, dWeight, dBias, scratch);
    const first = [Float32Array.from(dWeight.data), Float32Array.from(dBias.data)];
    denseBackward(x, weight, dy, null, dWeight, dBias, scratch);
    expect(dWeight.data).toEqual(first[0]);
    expect(dBias.data).toEqual(first[1]);
  });

  it('a shape mismatch throws an error naming both shapes', () => {
    const { x, weight, bias, y } = setup(6);
    expect(() => denseForward(x, zerosTensor([FAN_IN + 1, FAN_OUT]), bias, y)).toThrow(/\[9, 6\].*\[10, 6\]/);
    expect(() => denseForward(x, weight, zerosTensor([FAN_OUT + 1]), y)).toThrow(/\[6\].*\[7\]/);
    expect(() => denseForward(x, weight, bias, zerosTensor([BATCH, FAN_OUT + 2]))).toThrow(/\[7, 6\].*\[7, 8\]/);
    const scratch = new Float32Array(FAN_IN * FAN_OUT);
    const dWeight = zerosTensor([FAN_IN, FAN_OUT]);
    const dBias = zerosTensor([FAN_OUT]);
    expect(() => denseBackward(x, weight, zerosTensor([BATCH + 1, FAN_OUT]), null, dWeight, dBias, scratch)).toThrow(/\[7, 6\].*\[8, 6\]/);
    expect(() => denseBackward(x, weight, y, zerosTensor([BATCH, FAN_IN - 1]), dWeight, dBias, scratch)).toThrow(/\[7, 9\].*\[7, 8\]/);
    expect(() => denseBackward(x, weight, y, null, zerosTensor([FAN_OUT, FAN_IN]), dBias, scratch)).toThrow(/\[9, 6\].*\[6, 9\]/);
    expect(() => denseBackward(x, weight, y, null, dWeight, zerosTensor([FAN_IN]), scratch)).toThrow(/\[6\].*\[9\]/);
  });
});
