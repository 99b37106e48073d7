import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.ts';
import { zerosTensor, type Tensor } from '../tensor.ts';
import { conv2dReference } from '../testing/convReference.ts';
import { checkGradient, FLOAT32_UNIT_ROUNDOFF } from '../testing/gradcheck.ts';
import { fixedWeights, normalTensor } from '../testing/random.ts';
import { conv2dBackward, conv2dForward, conv2dSpec, createConv2dWorkspace, type Conv2dMethod, type Conv2dSpec } from './conv2d.ts';
import { outputExtent } from './nchw.ts';

const u = FLOAT32_UNIT_ROUNDOFF;

/** Odd sizes throughout, so no case lines up with the products' 8-row tiles. */
const BASE_CASES: { name: string; spec: Conv2dSpec; h: number; w: number; method?: Conv2dMethod }[] = [
  { name: 'plain 3x3, 3 -> 5', spec: conv2dSpec({ inChannels: 3, outChannels: 5, kernel: 3 }), h: 7, w: 5 },
  { name: 'stride 2 + padding 1', spec: conv2dSpec({ inChannels: 2, outChannels: 3, kernel: 3, stride: 2, padding: 1 }), h: 7, w: 9 },
  { name: 'dilation 2 + padding 2', spec: conv2dSpec({ inChannels: 3, outChannels: 2, kernel: 3, padding: 2, dilation: 2 }), h: 5, w: 6 },
  { name: 'stride 2 + padding 1 + dilation 2', spec: conv2dSpec({ inChannels: 2, outChannels: 3, kernel: 3, stride: 2, padding: 1, dilation: 2 }), h: 9, w: 7 },
  { name: 'non-square 3x2 kernel, strides (1, 2)', spec: conv2dSpec({ inChannels: 2, outChannels: 3, kernel: [3, 2], stride: [1, 2], padding: [1, 0] }), h: 5, w: 7 },
  { name: 'groups 2', spec: conv2dSpec({ inChannels: 4, outChannels: 6, kernel: 3, padding: 1, groups: 2 }), h: 5, w: 5 },
  { name: 'groups 4', spec: conv2dSpec({ inChannels: 8, outChannels: 4, kernel: 3, stride: 2, groups: 4 }), h: 7, w: 7 },
  { name: '1x1', spec: conv2dSpec({ inChannels: 5, outChannels: 3, kernel: 1 }), h: 3, w: 5 },
  { name: 'depthwise 3x3', spec: conv2dSpec({ inChannels: 3, outChannels: 3, kernel: 3, padding: 1, groups: 3 }), h: 5, w: 5 },
  { name: 'depthwise, channel multiplier 2', spec: conv2dSpec({ inChannels: 3, outChannels: 6, kernel: 3, stride: 2, groups: 3 }), h: 7, w: 5 },
  { name: 'depthwise, stride 2 + padding 2 + dilation 2', spec: conv2dSpec({ inChannels: 2, outChannels: 4, kernel: 3, stride: 2, padding: 2, dilation: 2, groups: 2 }), h: 9, w: 8 },
];
/** Depthwise shapes run through the direct loops by default: run them through im2col too. */
const CASES = [
  ...BASE_CASES,
  ...BASE_CASES.filter((c) => c.name.startsWith('depthwise')).map((c) => ({ ...c, name: `${c.name}, forced im2col`, method: 'im2col' as const })),
];
const BATCH = 3;

function setup(spec: Conv2dSpec, h: number, w: number, seed: number, batch = BATCH, method: Conv2dMethod = 'auto') {
  const rng = createRng(seed);
  const outH = outputExtent(h, spec.kernelH, spec.strideH, spec.padH, spec.dilationH);
  const outW = outputExtent(w, spec.kernelW, spec.strideW, spec.padW, spec.dilationW);
  const cg = spec.inChannels / spec.groups;
  const x = normalTensor(rng, [batch, spec.inChannels, h, w]);
  const weight = normalTensor(rng, [spec.outChannels, cg, spec.kernelH, spec.kernelW], 1 / Math.sqrt(cg * spec.kernelH * spec.kernelW));
  const bias = normalTensor(rng, [spec.outChannels], 0.5);
  const y = zerosTensor([batch, spec.outChannels, outH, outW]);
  const ws = createConv2dWorkspace(spec, h, w, BATCH, method);
  return { x, weight, bias, y, ws, outH, outW, fanIn: cg * spec.kernelH * spec.kernelW };
}

describe('conv2d forward', () => {
  it.each(CASES)('$name matches the float64 definition', ({ spec, h, w, method }) => {
    const s = setup(spec, h, w, 1, BATCH, method);
    expect(s.ws.method).toBe(method ?? (spec.groups > 1 && spec.groups === spec.inChannels ? 'depthwise' : 'im2col'));
    conv2dForward(s.x, s.weight, s.bias, s.y, s.ws);
    const ref = conv2dReference(s.x.data, BATCH, h, w, s.weight.data, s.bias.data, spec);
    // The product sums in float64 and rounds once; the bias adds one more rounding.
    ref.y.forEach((v, i) => expect(Math.abs(s.y.data[i] - v)).toBeLessThanOrEqual(2 * u * ref.magnitude[i] + 1e-30));
  });

  it('a smaller batch than the workspace was made for, and no bias', () => {
    const { spec, h, w } = CASES[5];
    const s = setup(spec, h, w, 2, 2);
    conv2dForward(s.x, s.weight, null, s.y, s.ws);
    const ref = conv2dReference(s.x.data, 2, h, w, s.weight.data, null, spec);
    ref.y.forEach((v, i) => expect(Math.abs(s.y.data[i] - v)).toBeLessThanOrEqual(2 * u * ref.magnitude[i] + 1e-30));
  });

  it('a NaN pixel spoils exactly the outputs whose windows read it; padding never does', () => {
    const spec = conv2dSpec({ inChannels: 2, outChannels: 4, kernel: 3, padding: 1, groups: 2 });
    const s = setup(spec, 5, 5, 3);
    s.x.data[(1 * 2 + 0) * 25 + 0 * 5 + 4] = NaN; // image 1, channel 0 (group 0), corner (0, 4)
    conv2dForward(s.x, s.weight, s.bias, s.y, s.ws);
    const ref = conv2dReference(s.x.data, BATCH, 5, 5, s.weight.data, s.bias.data, spec);
    let nans = 0;
    ref.y.forEach((v, i) => {
      expect(Number.isNaN(s.y.data[i])).toBe(Number.isNaN(v));
      nans += +Number.isNaN(v);
    });
    expect(nans).toBe(2 * 4); // 2 output channels of group 0, a 2x2 block of windows at the corner
  });

  it('Infinity in the input gives +-Infinity where the weight is nonzero, NaN where +Inf meets -Inf', () => {
    const spec = conv2dSpec({ inChannels: 1, outChannels: 2, kernel: [1, 2] });
    const x: Tensor = { data: Float32Array.from([Infinity, 1, -Infinity, Infinity]), shape: [1, 1, 1, 4] };
    const weight: Tensor = { data: Float32Array.from([1, -1, 1, 1]), shape: [2, 1, 1, 2] };
    const y = zerosTensor([1, 2, 1, 3]);
    const ws = createConv2dWorkspace(spec, 1, 4, 1);
    conv2dForward(x, weight, null, y, ws);
    // out 0: x - x';  out 1: x + x'
    expect(Array.from(y.data)).toEqual([Infinity, Infinity, -Infinity, Infinity, -Infinity, NaN]);
  });
});

describe('conv2d backward', () => {
  it.each(CASES)('$name: dx, dWeight and dBias match central differences', ({ spec, h, w, method }) => {
    const s = setup(spec, h, w, 4, BATCH, method);
    const r = fixedWeights(5, s.y.data.length);
    const dx = zerosTensor(s.x.shape), dWeight = zerosTensor(s.weight.shape), dBias = zerosTensor(s.bias.shape);
    conv2dForward(s.x, s.weight, s.bias, s.y, s.ws);
    conv2dBackward(s.x, s.weight, { data: r, shape: s.y.shape }, dx, dWeight, dBias, s.ws);
    const evaluate = () => {
      conv2dForward(s.x, s.weight, s.bias, s.y, s.ws);
      return s.y.data;
    };
    // L is linear in every entry (no truncation), so a large step only shrinks the rounding term; the
    // analytic side is a float64 sum rounded once, plus <= kh kw float32 additions in col2im. A wrong
    // tap, stride or group offset is off by O(1).
    const options = { eps: 0.1, tolerance: 1e-4, roundingsPerOutput: 2 };
    for (const [name, param, grad] of [['dx', s.x, dx], ['dWeight', s.weight, dWeight], ['dBias', s.bias, dBias]] as const) {
      expect(checkGradient(param.data, Float64Array.from(grad.data), evaluate, r, options).failures, name).toEqual([]);
    }
  });

  it('overwrites its gradients, skips dx when null, and works without a bias', () => {
    const { spec, h, w } = CASES[6];
    const s = setup(spec, h, w, 6);
    const dy = normalTensor(createRng(7), s.y.shape);
    const dWeight = zerosTensor(s.weight.shape), dBias = zerosTensor(s.bias.shape), dx = zerosTensor(s.x.shape);
    conv2dForward(s.x, s.weight, s.bias, s.y, s.ws);
    conv2dBackward(s.x, s.weight, dy, dx, dWeight, dBias, s.ws);
    const first = [Float32Array.from(dx.data), Float32Array.from(dWeight.data), Float32Array.from(dBias.data)];
    conv2dBackward(s.x, s.weight, dy, dx, dWeight, dBias, s.ws);
    expect([dx.data, dWeight.data, dBias.data]).toEqual(first);
    const dWeightOnly = zerosTensor(s.weight.shape);
    conv2dBackward(s.x, s.weight, dy, null, dWeightOnly, null, s.ws);
    expect(dWeightOnly.data).toEqual(first[1]);
  });

  it('a NaN in dy spoils dBias of its channel only, and dWeight of that channel\'s rows only', () => {
    const spec = conv2dSpec({ inChannels: 2, outChannels: 3, kernel: 3 });
    const s = setup(spec, 5, 5, 8);
    const dy = normalTensor(createRng(9), s.y.shape);
    dy.data[(0 * 3 + 1) * 9 + 4] = NaN; // image 0, channel 1
    const dWeight = zerosTensor(s.weight.shape), dBias = zerosTensor([3]);
    conv2dForward(s.x, s.weight, s.bias, s.y, s.ws);
    conv2dBackward(s.x, s.weight, dy, null, dWeight, dBias, s.ws);
    expect(Array.from(dBias.data).map(Number.isNaN)).toEqual([false, true, false]);
    const k = 2 * 9;
    dWeight.data.forEach((v, i) => expect(Number.isNaN(v)).toBe(Math.floor(i / k) === 1));
  });

  it('refuses a workspace that holds another input\'s patches', () => {
    const { spec, h, w } = CASES[0];
    const s = setup(spec, h, w, 10);
    const other = normalTensor(createRng(11), s.x.shape);
    conv2dForward(other, s.weight, s.bias, s.y, s.ws);
    expect(() => conv2dBackward(s.x, s.weight, s.y, null, zerosTensor(s.weight.shape), null, s.ws)).toThrow(/another input/);
  });
});

describe('conv2d shapes', () => {
  it('mismatches throw errors naming both shapes', () => {
    const { spec, h, w } = CASES[5]; // 4 -> 6, groups 2, 5x5, pad 1
    const s = setup(spec, h, w, 12);
    expect(() => conv2dForward(zerosTensor([3, 3, 5, 5]), s.weight, s.bias, s.y, s.ws)).toThrow(/\[3, 4, 5, 5\].*\[3, 3, 5, 5\]/);
    expect(() => conv2dForward(s.x, zerosTensor([6, 4, 3, 3]), s.bias, s.y, s.ws)).toThrow(/\[6, 2, 3, 3\].*\[6, 4, 3, 3\]/);
    expect(() => conv2dForward(s.x, s.weight, zerosTensor([5]), s.y, s.ws)).toThrow(/\[6\].*\[5\]/);
    expect(() => conv2dForward(s.x, s.weight, s.bias, zerosTensor([3, 6, 3, 3]), s.ws)).toThrow(/\[3, 6, 5, 5\].*\[3, 6, 3, 3\]/);
    expect(() => conv2dForward(zerosTensor([4, 4, 5, 5]), s.weight, s.bias, s.y, s.ws)).toThrow(/batch 4 exceeds/);
    expect(() => conv2dForward(zerosTensor([3, 20]), s.weight, s.bias, s.y, s.ws)).toThrow(/NCHW.*\[3, 20\]/);
    conv2dForward(s.x, s.weight, s.bias, s.y, s.ws);
    expect(() => conv2dBackward(s.x, s.weight, zerosTensor([3, 6, 4, 5]), null, zerosTensor(s.weight.shape), null, s.ws)).toThrow(/\[3, 6, 5, 5\].*\[3, 6, 4, 5\]/);
  });

  it('groups must divide both channel counts; the window must fit', () => {
    expect(() => createConv2dWorkspace(conv2dSpec({ inChannels: 4, outChannels: 6, kernel: 3, groups: 4 }), 5, 5, 1)).toThrow(/4 groups must divide/);
    expect(() => createConv2dWorkspace(conv2dSpec({ inChannels: 1, outChannels: 1, kernel: 3, dilation: 3 }), 6, 6, 1)).toThrow(/window of 3.*dilation 3.*extent of 6/);
    expect(() => createConv2dWorkspace(conv2dSpec({ inChannels: 4, outChannels: 4, kernel: 3, groups: 2 }), 6, 6, 1, 'depthwise')).toThrow(/one input channel per group.*4 in 2 groups/);
  });
});

describe('conv2d over 40 random specs (sizes 1-4 kernels, strides 1-3, dilations 1-2, padding 0-2, groups 1-3)', () => {
  const rng = createRng(99);
  const pick = (lo: number, hi: number) => lo + Math.floor(rng.uniform() * (hi - lo + 1));
  const specs = Array.from({ length: 40 }, (_, i) => {
    const groups = pick(1, 3), kernelH = pick(1, 4), kernelW = pick(1, 4), dilation = pick(1, 2), padding = pick(0, 2);
    const spec = conv2dSpec({
      inChannels: groups * pick(1, 3), outChannels: groups * pick(1, 3), kernel: [kernelH, kernelW],
      stride: [pick(1, 3), pick(1, 3)], padding: [Math.min(padding, kernelH), padding], dilation, groups,
    });
    // The smallest extent the dilated kernel fits, plus a few pixels.
    const h = Math.max(1, dilation * (kernelH - 1) + 1 - 2 * spec.padH) + pick(0, 4);
    const w = Math.max(1, dilation * (kernelW - 1) + 1 - 2 * spec.padW) + pick(0, 4);
    return { i, spec, h, w, batch: pick(1, 3) };
  });

  it.each(specs)('spec $i: forward matches the definition, backward matches central differences', ({ spec, h, w, batch }) => {
    const s = setup(spec, h, w, 7, batch);
    conv2dForward(s.x, s.weight, s.bias, s.y, s.ws);
    const ref = conv2dReference(s.x.data, batch, h, w, s.weight.data, s.bias.data, spec);
    ref.y.forEach((v, i) => expect(Math.abs(s.y.data[i] - v)).toBeLessThanOrEqual(2 * u * ref.magnitude[i] + 1e-30));
    const r = fixedWeights(8, s.y.data.length);
    const dx = zerosTensor(s.x.shape), dWeight = zerosTensor(s.weight.shape), dBias = zerosTensor(s.bias.shape);
    conv2dBackward(s.x, s.weight, { data: r, shape: s.y.shape }, dx, dWeight, dBias, s.ws);
    const evaluate = () => { conv2dForward(s.x, s.weight, s.bias, s.y, s.ws); return s.y.data; };
    const options = { eps: 0.1, tolerance: 1e-4, roundingsPerOutput: 2 };
    for (const [name, param, grad] of [['dx', s.x, dx], ['dWeight', s.weight, dWeight], ['dBias', s.bias, dBias]] as const) {
      expect(checkGradient(param.data, Float64Array.from(grad.data), evaluate, r, options).failures, name).toEqual([]);
    }
  });
});
