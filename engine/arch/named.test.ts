import { describe, expect, it } from 'vitest';
import { NAMED_ARCHS } from './named/index.ts';
import { analyseArch, flattenRows } from './shapePass.ts';

/**
 * torchvision's own figures, from the meta of each Weights entry in torchvision/models/*.py:
 * "num_params", and "_ops" in GFLOPS, which count the multiply-accumulates of conv and linear
 * layers at 3x224x224. All for the released ImageNet weights.
 */
const TORCHVISION: Readonly<Record<string, { params: number; gmacs: number }>> = {
  alexnet: { params: 61_100_840, gmacs: 0.714 },
  vgg11: { params: 132_863_336, gmacs: 7.609 },
  vgg11_bn: { params: 132_868_840, gmacs: 7.609 },
  vgg16: { params: 138_357_544, gmacs: 15.47 },
  vgg16_bn: { params: 138_365_992, gmacs: 15.47 },
  vgg19: { params: 143_667_240, gmacs: 19.632 },
  vgg19_bn: { params: 143_678_248, gmacs: 19.632 },
  // GoogLeNet's released weights come without the auxiliary heads (aux_logits=False): main path only
  googlenet: { params: 6_624_904, gmacs: 1.498 },
  resnet18: { params: 11_689_512, gmacs: 1.814 },
  resnet34: { params: 21_797_672, gmacs: 3.664 },
  resnet50: { params: 25_557_032, gmacs: 4.089 },
  resnet101: { params: 44_549_160, gmacs: 7.801 },
  resnet152: { params: 60_192_808, gmacs: 11.514 },
  resnext50_32x4d: { params: 25_028_904, gmacs: 4.23 },
  densenet121: { params: 7_978_856, gmacs: 2.834 },
  densenet169: { params: 14_149_480, gmacs: 3.36 },
  densenet201: { params: 20_013_928, gmacs: 4.291 },
};

describe('named architectures against torchvision', () => {
  for (const [name, expected] of Object.entries(TORCHVISION)) {
    it(`${name}: ${expected.params.toLocaleString('en')} parameters exactly, MACs within 1% of ${expected.gmacs} G`, () => {
      const report = analyseArch(NAMED_ARCHS[name].spec, [3, 224, 224]);
      expect(report.problems).toEqual([]);
      expect(report.output).toEqual([1000]);
      expect(report.mainTotals.params).toBe(expected.params);
      expect(Math.abs(report.mainTotals.macs / 1e9 - expected.gmacs) / expected.gmacs).toBeLessThan(0.01);
    });
  }

  it('googlenet with its two auxiliary heads (torchvision GoogLeNet(aux_logits=True), the default untrained model): 13,004,888', () => {
    const report = analyseArch(NAMED_ARCHS.googlenet.spec, [3, 224, 224]);
    expect(report.totals.params).toBe(13_004_888);
    const aux = flattenRows(report.rows).filter((r) => r.kind === 'aux');
    expect(aux.map((r) => r.name)).toEqual(['aux1', 'aux2']);
    expect(aux.map((r) => r.out)).toEqual([[1000], [1000]]);
  });

  it('every named architecture analyses without a problem on its own input', () => {
    for (const [name, named] of Object.entries(NAMED_ARCHS)) {
      const report = analyseArch(named.spec, named.input);
      expect(report.problems, name).toEqual([]);
      expect(report.output?.[0], name).toBe(name === 'nin' || name === 'alexnet' || name.startsWith('vgg') || name.startsWith('res') || name.startsWith('dense') || name === 'googlenet' ? 1000 : 10);
      expect(named.note.length, name).toBeGreaterThan(20);
    }
  });

  it('LeNet-5: 61,706 parameters with C3 fully connected (the paper\'s 60 of 96 connections would give 60,806)', () => {
    const report = analyseArch(NAMED_ARCHS.lenet5.spec, [1, 32, 32]);
    expect(report.totals.params).toBe(61_706);
    expect(report.rows.map((r) => [r.name, r.out])).toContainEqual(['c1', [6, 28, 28]]);
    expect(report.rows.find((r) => r.name === 'c1')?.params).toBe(156);
    expect(report.rows.find((r) => r.name === 'c3')?.params).toBe(2_416);
  });

  it('the tiny members: a few thousand to ~100k parameters, on 1x8x8 digits and on 1x28x28 images alike', () => {
    for (const name of ['tiny_vgg', 'tiny_nin', 'tiny_inception', 'tiny_resnet', 'tiny_resnext', 'tiny_densenet']) {
      for (const input of [[1, 8, 8], [1, 28, 28]]) {
        const report = analyseArch(NAMED_ARCHS[name].spec, input);
        expect(report.problems, name).toEqual([]);
        expect(report.output, name).toEqual([10]);
        expect(report.totals.params, name).toBeGreaterThanOrEqual(3_000);
        expect(report.totals.params, name).toBeLessThanOrEqual(100_000);
      }
      // forward MACs of a batch of 32 digits: a few million
      expect(32 * analyseArch(NAMED_ARCHS[name].spec, [1, 8, 8]).totals.macs, name).toBeLessThan(10e6);
    }
  });
});
