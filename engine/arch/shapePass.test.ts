import { describe, expect, it } from 'vitest';
import { parseArch } from './grammar.ts';
import { NAMED_ARCHS } from './named/index.ts';
import { analyseArch, flattenRows, type ArchRow } from './shapePass.ts';

const run = (text: string, input: number[]) => analyseArch(parseArch(text).spec!, input);
const byName = (rows: readonly ArchRow[]) => new Map(flattenRows(rows).map((r) => [r.name, r]));

describe('analyseArch', () => {
  it('follows shapes, parameters, MACs and activation memory layer by layer', () => {
    const r = run('conv3-8,relu,max2,gap,fc10', [1, 8, 8]);
    expect(r.rows.map((x) => [x.name, x.kind, x.out, x.params, x.macs, x.activations])).toEqual([
      ['conv1', 'conv', [8, 8, 8], 80, 8 * 64 * 9, 512],
      ['relu1', 'relu', [8, 8, 8], 0, 0, 512],
      ['maxpool1', 'maxpool', [8, 4, 4], 0, 0, 128],
      ['gap1', 'gap', [8, 1, 1], 0, 0, 8],
      ['fc1', 'fc', [10], 90, 80, 10],
    ]);
    expect(r.totals).toEqual({ params: 170, macs: 8 * 64 * 9 + 80, activations: 512 + 512 + 128 + 8 + 10 });
    expect(r.output).toEqual([10]);
  });

  it('the receptive field grows by (k - 1) x jump and the jump multiplies by the stride', () => {
    const r = run('conv3-8,conv3-8,max2,conv3-8,conv3-8,max2,conv3-8', [1, 32, 32]);
    expect(r.rows.map((x) => [x.rf, x.jump])).toEqual([[3, 1], [5, 1], [6, 2], [10, 2], [14, 2], [16, 4], [24, 4]]);
    // dilation 2 spans 5 positions: 1 + 4
    expect(run('conv3-8d2', [1, 16, 16]).rows[0].rf).toBe(5);
    // ResNet-50's stem: 7x7 stride 2, then 3x3 stride-2 pool: rf 7 + 2*2 = 11, jump 4
    const stem = byName(analyseArch(NAMED_ARCHS.resnet50.spec, [3, 224, 224]).rows);
    expect([stem.get('maxpool')!.rf, stem.get('maxpool')!.jump]).toEqual([11, 4]);
    expect(stem.get('layer4')!.jump).toBe(32);
  });

  it('names rows torchvision-style and keeps blocks as a tree', () => {
    const rows = byName(analyseArch(NAMED_ARCHS.resnet50.spec, [3, 224, 224]).rows);
    expect(rows.get('layer1.0.conv1')!.out).toEqual([64, 56, 56]);
    expect(rows.get('layer1.0.downsample.0')!.params).toBe(64 * 256);
    expect(rows.has('layer1.1.downsample.0')).toBe(false); // the shape is kept: identity shortcut
    expect(rows.get('layer2.0.conv2')!.out).toEqual([128, 28, 28]); // stride on the 3x3 (v1.5)
    expect(rows.get('layer2.0.conv1')!.out).toEqual([128, 56, 56]);
    expect(rows.get('layer2')!.kind).toBe('group');
    expect(rows.get('layer2.3')!.kind).toBe('bottleneck');
    expect(rows.get('layer4')!.out).toEqual([2048, 7, 7]);
    const block = rows.get('layer3.2')!;
    expect(block.params).toBe(block.children!.reduce((a, c) => a + c.params, 0));
  });

  it('an Inception module concatenates its four branches; an aux head leaves the main path alone', () => {
    const rows = byName(analyseArch(NAMED_ARCHS.googlenet.spec, [3, 224, 224]).rows);
    expect(rows.get('maxpool1')!.out).toEqual([64, 56, 56]); // ceil_mode
    expect(rows.get('inception3a')!.out).toEqual([256, 28, 28]); // 64 + 128 + 32 + 32
    expect(rows.get('inception3a.branch3.1.conv')!.params).toBe(16 * 32 * 9); // torchvision's 3x3 "5x5"
    expect(rows.get('aux1.adaptpool1')!.out).toEqual([512, 4, 4]);
    expect(rows.get('inception4b')!.params).toBe(rows.get('inception4b.branch1')!.params + rows.get('inception4b.branch2')!.params + rows.get('inception4b.branch3')!.params + rows.get('inception4b.branch4')!.params);
    expect(rows.get('inception5b')!.out).toEqual([1024, 7, 7]);
  });

  it('a dense block adds the growth rate per layer; a transition halves the size', () => {
    const rows = byName(analyseArch(NAMED_ARCHS.densenet121.spec, [3, 224, 224]).rows);
    expect(rows.get('features.denseblock1.denselayer1.conv1')!.params).toBe(64 * 128);
    expect(rows.get('features.denseblock1.denselayer6.conv1')!.params).toBe((64 + 5 * 32) * 128);
    expect(rows.get('features.denseblock1')!.out).toEqual([256, 56, 56]);
    expect(rows.get('features.transition1')!.out).toEqual([128, 28, 28]);
    expect(rows.get('features.denseblock4')!.out).toEqual([1024, 7, 7]);
  });

  it('a shape that cannot work ends the pass with a problem naming the layer', () => {
    const r = run('conv3-8,max2,max2,conv5-8p0', [1, 8, 8]);
    expect(r.output).toBeNull();
    expect(r.problems).toEqual(['conv2: a 5x5 kernel (dilation 1, padding 0) does not fit the 8x2x2 input']);
    expect(r.rows).toHaveLength(3);
    expect(run('conv3-8,relu', [64]).problems[0]).toMatch(/^conv1: a convolution needs an image input/);
  });

  // A guard against a pass that allocates weights (VGG-16 would need 553 MB), not a benchmark: the bound is generous.
  it('a full-size VGG-16 is analysed in milliseconds', () => {
    const started = performance.now();
    for (let i = 0; i < 10; i++) analyseArch(NAMED_ARCHS.vgg16.spec, [3, 224, 224]);
    expect((performance.now() - started) / 10).toBeLessThan(250);
  });
});
