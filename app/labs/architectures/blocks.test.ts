/** Every count below is worked out by hand from the layer shapes (weights C_in·k·k·C_out, biases C_out, MACs weights·H·W). */
import { describe, expect, it } from 'vitest';
import { COMPARISONS, countVariant, parseShape, ratioText, type Variant } from './blocks.ts';

const counts = (id: string) => COMPARISONS.find((c) => c.id === id)!.variants.map(countVariant);

describe('the lecture comparisons', () => {
  it('two 3x3 vs one 5x5 at C = 64: 18C² vs 25C², receptive field 5 both', () => {
    const [two, one] = counts('stack5');
    expect(two.params).toBe(18 * 64 * 64);
    expect(one.params).toBe(25 * 64 * 64);
    expect([two.rf, one.rf]).toEqual([5, 5]);
    expect(two.macs).toBe(18 * 64 * 64 * 56 * 56);
  });

  it('three 3x3 vs one 7x7: 27C² vs 49C², receptive field 7 both', () => {
    const [three, one] = counts('stack7');
    expect([three.params, one.params]).toEqual([27 * 4096, 49 * 4096]);
    expect([three.rf, one.rf]).toEqual([7, 7]);
  });

  it('Inception 3a: 163,696 parameters with the 1x1 reductions, 387,296 without', () => {
    const [reduced, naive] = counts('inception');
    // 1x1: 192·64+64; 3x3: 192·96+96 + 96·9·128+128; 5x5: 192·16+16 + 16·25·32+32; pool proj: 192·32+32
    expect(reduced.params).toBe(12_352 + 18_528 + 110_720 + 3_088 + 12_832 + 6_176);
    // 1x1: 192·64+64; 3x3: 192·9·128+128; 5x5: 192·25·32+32; the pool has none
    expect(naive.params).toBe(12_352 + 221_312 + 153_632);
    expect(reduced.output).toEqual([256, 28, 28]);
    expect(naive.output).toEqual([64 + 128 + 32 + 192, 28, 28]);
  });

  it('bottleneck 256 → 64 → 64 → 256: 69,632 weights against 1,179,648 for two 3x3 at 256', () => {
    const [plain, bneck] = counts('bottleneck');
    expect(plain.params).toBe(2 * 256 * 9 * 256);
    expect(bneck.params).toBe(256 * 64 + 64 * 9 * 64 + 64 * 256);
    expect(bneck.params).toBe(69_632);
  });

  it('ResNeXt: 70,144 (32×4d), 204,800 = 256(32 + 4·9 + 32)·8, 589,824 for a plain 3x3', () => {
    const [grouped, eight, plain] = counts('resnext');
    expect(grouped.params).toBe(256 * 128 + 128 * 9 * 4 + 128 * 256);
    expect(eight.params).toBe(256 * (32 + 4 * 9 + 32) * 8);
    expect(eight.params).toBe(204_800);
    expect(plain.params).toBe(589_824);
  });

  it('a dense block grows 64 + 6·32 = 256 channels; the transition takes them to 128 at half the size', () => {
    const [block, withTransition] = counts('dense');
    expect(block.output).toEqual([256, 56, 56]);
    expect(withTransition.output).toEqual([128, 28, 28]);
    // layer i (from 0) on 64 + 32i channels: BN 2(64 + 32i), 1x1 to 128, BN 256, 3x3 128 → 32
    let expected = 0;
    for (let i = 0; i < 6; i++) { const c = 64 + 32 * i; expected += 2 * c + c * 128 + 256 + 128 * 9 * 32; }
    expect(block.params).toBe(expected);
    expect(withTransition.params - block.params).toBe(2 * 256 + 256 * 128);
  });

  it('VGG-16\'s dense head holds 123,642,856 of its 138,357,544 parameters; a 1x1 conv and GAP 513,000', () => {
    const [head, nin, whole] = counts('head');
    expect(head.params).toBe(25_088 * 4096 + 4096 + 4096 * 4096 + 4096 + 4096 * 1000 + 1000);
    expect(head.params).toBe(123_642_856);
    expect(nin.params).toBe(512 * 1000 + 1000);
    expect(whole.params).toBe(138_357_544);
  });

  it('GoogLeNet: 13,004,888 parameters in training, 6,624,904 without its two aux heads', () => {
    const [train, inference] = counts('aux');
    expect(inference.params).toBe(6_624_904);
    // each head: 1x1 conv to 128 (no bias) + BN, fc 2048 → 1024, fc 1024 → 1000; on 512 and 528 channels
    const head = (c: number) => c * 128 + 256 + 2048 * 1024 + 1024 + 1024 * 1000 + 1000;
    expect(train.params - inference.params).toBe(head(512) + head(528));
    expect(train.params).toBe(13_004_888);
  });

  it('LeNet\'s first layer: 156 parameters; a dense layer between the same shapes 4,821,696', () => {
    const [conv, dense] = counts('lenet');
    expect(conv.params).toBe(6 * 25 + 6);
    expect(conv.output).toEqual([6, 28, 28]);
    expect(dense.params).toBe(1024 * 4704 + 4704);
    expect(ratioText(conv, dense)).toBe('1/30,908');
    expect(ratioText(counts('stack5')[0], counts('stack5')[1])).toBe('0.72×');
  });
});

describe('editing a variant', () => {
  it('reads shapes and reports problems without throwing', () => {
    expect(parseShape('192×28×28')).toEqual([192, 28, 28]);
    expect(parseShape('3x32x32')).toEqual([3, 32, 32]);
    expect(parseShape('a×b')).toBeNull();
    const v: Variant = { label: 'x', spec: 'conv3-8,oops', input: '3×8×8' };
    expect(countVariant(v).problem).toMatch(/^at 8: expected a layer/);
    expect(countVariant({ ...v, spec: 'conv3-8', input: 'nope' }).problem).toMatch(/not C×H×W/);
    expect(countVariant({ ...v, spec: 'conv9-8p0' }).problem).toMatch(/does not fit/);
    expect(countVariant({ ...v, spec: 'conv3-8 | max2' }).problem).toMatch(/cannot be concatenated/);
  });
});
