import { describe, expect, it } from 'vitest';
import { adaptiveAvgPoolInfo, batchNormInfo, concatInfo, convInfo, convOutputSize, convTransposeInfo, denseInfo, flattenInfo, globalAvgPoolInfo, poolInfo, ShapeError } from './shapes.ts';

describe('convInfo', () => {
  it("LeNet's C1: 32x32 -> 28x28x6 with 156 parameters (6 x (5*5 + 1))", () => {
    const c1 = convInfo([1, 32, 32], { outChannels: 6, kernel: [5, 5] });
    expect(c1.out).toEqual([6, 28, 28]);
    expect(c1.params).toBe(156);
    expect(c1.macs).toBe(6 * 28 * 28 * 25);
    expect(c1.fanIn).toBe(25);
    expect(c1.fanOut).toBe(150);
  });

  it('at stride 1 without padding a w-wide kernel leaves W - (w - 1)', () => {
    for (const [n, k] of [[32, 5], [7, 3], [10, 10], [9, 1]]) {
      expect(convInfo([3, n, n + 1], { outChannels: 2, kernel: [k, k] }).out).toEqual([2, n - (k - 1), n + 1 - (k - 1)]);
    }
  });

  it('two 3x3 layers see what one 5x5 sees, with 2*9 = 18 weights per channel pair instead of 25', () => {
    const a = convInfo([64, 32, 32], { outChannels: 64, kernel: [3, 3], padding: 1, bias: false });
    const b = convInfo(a.out, { outChannels: 64, kernel: [3, 3], padding: 1, bias: false });
    const five = convInfo([64, 32, 32], { outChannels: 64, kernel: [5, 5], padding: 2, bias: false });
    expect(b.out).toEqual(five.out);
    expect(a.params + b.params).toBe(64 * 64 * 18);
    expect(five.params).toBe(64 * 64 * 25);
    // receptive field: 1 + 2 + 2 = 5 = 1 + 4
    expect(1 + (a.field.extent - 1) + (b.field.extent - 1)).toBe(five.field.extent);
  });

  it('the output-size rule with stride, padding and dilation', () => {
    expect(convOutputSize(224, 7, 2, 3, 1)).toBe(112); // ResNet's stem
    expect(convOutputSize(224, 11, 4, 2, 1)).toBe(55); // AlexNet's first layer
    expect(convOutputSize(7, 3, 1, 0, 2)).toBe(3); // dilation 2: the kernel spans 5
    expect(convInfo([8, 16, 16], { outChannels: 8, kernel: [3, 3], dilation: 2, padding: 'half' }).out).toEqual([8, 16, 16]);
    expect(convInfo([8, 16, 16], { outChannels: 8, kernel: [3, 3], dilation: 2 }).field.extent).toBe(5);
  });

  it('groups divide the fan-in, the parameters and the MACs; fan_out is PyTorch\'s C_out*kh*kw', () => {
    const g = convInfo([128, 56, 56], { outChannels: 128, kernel: [3, 3], padding: 1, groups: 32, bias: false });
    expect(g.fanIn).toBe(4 * 9);
    expect(g.fanOut).toBe(128 * 9);
    expect(g.params).toBe(128 * 4 * 9);
    expect(g.macs).toBe(128 * 56 * 56 * 4 * 9);
  });

  it("the lecture's bottleneck: eight paths of width 32 on 256 channels, 256(32 + 4*9 + 32)*8 weights", () => {
    // the eight paths side by side are one 1x1 to 8*32, one 3x3 in 8 groups, one 1x1 back to 256
    const reduce = convInfo([256, 14, 14], { outChannels: 256, kernel: [1, 1], bias: false });
    const paths = convInfo(reduce.out, { outChannels: 256, kernel: [3, 3], padding: 1, groups: 8, bias: false });
    const expand = convInfo(paths.out, { outChannels: 256, kernel: [1, 1], bias: false });
    expect(reduce.params + paths.params + expand.params).toBe(256 * (32 + 4 * 9 + 32) * 8);
    expect(convInfo([256, 14, 14], { outChannels: 256, kernel: [3, 3], padding: 1, bias: false }).params).toBe(589_824);
  });

  it('throws a ShapeError naming the input when the kernel does not fit or the groups do not divide', () => {
    expect(() => convInfo([3, 4, 4], { outChannels: 8, kernel: [5, 5] })).toThrow(ShapeError);
    expect(() => convInfo([3, 4, 4], { outChannels: 8, kernel: [5, 5] })).toThrow(/3x4x4/);
    expect(() => convInfo([6, 8, 8], { outChannels: 8, kernel: [3, 3], groups: 4 })).toThrow(/groups=4/);
    expect(() => convInfo([6], { outChannels: 8, kernel: [3, 3] })).toThrow(/image input/);
  });
});

describe('convTransposeInfo', () => {
  it('o = (n - 1)s - 2p + d(k - 1) + output_padding + 1, undoing a strided conv', () => {
    const down = convInfo([16, 15, 15], { outChannels: 32, kernel: [3, 3], stride: 2, padding: 1 });
    expect(down.out).toEqual([32, 8, 8]);
    const up = convTransposeInfo(down.out, { outChannels: 16, kernel: [3, 3], stride: 2, padding: 1 });
    expect(up.out).toEqual([16, 15, 15]);
    expect(convTransposeInfo(down.out, { outChannels: 16, kernel: [3, 3], stride: 2, padding: 1, outputPadding: 1 }).out).toEqual([16, 16, 16]);
    expect(up.params).toBe(32 * 16 * 9 + 16);
    expect(up.fanIn).toBe(16 * 9); // PyTorch reads weight [C_in, C_out, k, k]: size(1) * k * k
    expect(() => convTransposeInfo([4, 4, 4], { outChannels: 4, kernel: [3, 3], stride: 2, outputPadding: 2 })).toThrow(ShapeError);
  });
});

describe('poolInfo', () => {
  it('max and average pooling: stride defaults to the kernel', () => {
    expect(poolInfo([6, 28, 28], { op: 'avg', kernel: 2 }).out).toEqual([6, 14, 14]);
    expect(poolInfo([64, 112, 112], { op: 'max', kernel: 3, stride: 2, padding: 1 }).out).toEqual([64, 56, 56]);
    expect(poolInfo([64, 55, 55], { op: 'max', kernel: 3, stride: 2 }).out).toEqual([64, 27, 27]);
  });

  it("ceil_mode as GoogLeNet uses it: 112 -> 56 and 28 -> 14 (floor would give 55 and 13)", () => {
    expect(poolInfo([64, 112, 112], { op: 'max', kernel: 3, stride: 2, ceil: true }).out).toEqual([64, 56, 56]);
    expect(poolInfo([64, 112, 112], { op: 'max', kernel: 3, stride: 2 }).out).toEqual([64, 55, 55]);
    expect(poolInfo([480, 28, 28], { op: 'max', kernel: 3, stride: 2, ceil: true }).out).toEqual([480, 14, 14]);
    expect(poolInfo([832, 14, 14], { op: 'max', kernel: 2, stride: 2, ceil: true }).out).toEqual([832, 7, 7]);
    // the 3x3 stride-1 pool of an Inception branch keeps the size
    expect(poolInfo([192, 28, 28], { op: 'max', kernel: 3, stride: 1, padding: 1, ceil: true }).out).toEqual([192, 28, 28]);
    // a last window that would start in the right padding is dropped: 5 -> 3, not 4
    expect(poolInfo([1, 5, 5], { op: 'max', kernel: 2, stride: 2, padding: 1, ceil: true }).out).toEqual([1, 3, 3]);
  });

  it('refuses a padding above half the kernel, as PyTorch does', () => {
    expect(() => poolInfo([1, 8, 8], { op: 'max', kernel: 2, padding: 2 })).toThrow(ShapeError);
  });
});

describe('the other helpers', () => {
  it('dense: in*out + out parameters; an image is flattened first', () => {
    expect(denseInfo([120], 84)).toMatchObject({ out: [84], params: 120 * 84 + 84, macs: 120 * 84, fanIn: 120, fanOut: 84 });
    expect(denseInfo([512, 7, 7], 4096).params).toBe(102_764_544); // VGG's first classifier layer
    expect(denseInfo([10], 5, false).params).toBe(50);
  });

  it('global and adaptive average pooling, flatten, concat, batch norm', () => {
    expect(globalAvgPoolInfo([2048, 7, 7]).out).toEqual([2048, 1, 1]);
    expect(adaptiveAvgPoolInfo([512, 7, 7], 7)).toMatchObject({ out: [512, 7, 7], field: { extent: 1, stride: 1 } });
    expect(adaptiveAvgPoolInfo([512, 14, 14], 4).out).toEqual([512, 4, 4]);
    expect(adaptiveAvgPoolInfo([512, 14, 14], 4).field.extent).toBe(4); // windows of 3 or 4 rows
    expect(flattenInfo([16, 5, 5]).out).toEqual([400]);
    expect(concatInfo([[64, 28, 28], [128, 28, 28], [32, 28, 28], [32, 28, 28]]).out).toEqual([256, 28, 28]);
    expect(() => concatInfo([[64, 28, 28], [64, 14, 14]])).toThrow(/spatial sizes differ/);
    expect(batchNormInfo([64, 56, 56]).params).toBe(128);
    expect(batchNormInfo([84]).params).toBe(168);
  });
});
