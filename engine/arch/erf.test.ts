import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../contract/config.ts';
import { erfSummary } from '../contract/erf.ts';
import { cutAt, effectiveReceptiveField } from './erf.ts';
import { parseArch } from './grammar.ts';

const stack = (n: number, act: string) => Array.from({ length: n }, () => `conv3-${act === 'linear' ? 1 : 8}${act === 'linear' ? '' : `,${act}`}`).join(',');

describe('the effective receptive field', () => {
  it('two linear uniform 3x3 convs: the outer product of 1 2 3 2 1, times the constant squared', () => {
    const r = effectiveReceptiveField({ spec: stack(2, 'linear'), input: [1, 9, 9], layer: null, seed: 1, init: 'constant' });
    const c = DEFAULT_CONFIG.const, b = [0, 0, 1, 2, 3, 2, 1, 0, 0];
    expect(r.theoretical).toBe(5);
    expect(r.unit).toEqual([4, 4]);
    for (let i = 0; i < 9; i++) for (let j = 0; j < 9; j++) expect(r.map[i * 9 + j]).toBeCloseTo(c ** 2 * b[i] * b[j], 6);
    expect(r.summary.sd).toBeCloseTo(Math.sqrt(4 / 3), 5); // each layer adds variance 2/3 per axis
    expect(r.summary.side95).toBe(5);
  });

  it('a stack of 3x3 convs with ReLU: smaller than 2n + 1, its sd growing like sqrt(n)', () => {
    const sd = (n: number) => {
      const r = effectiveReceptiveField({ spec: stack(n, 'relu'), input: [1, 40, 40], layer: null, seed: 3, init: 'he_normal', batch: 8 });
      expect(r.theoretical).toBe(2 * n + 1);
      expect(r.summary.side68).toBeLessThan(2 * n + 1);
      expect(r.summary.side68 / r.summary.sd).toBeGreaterThan(1.8); // a Gaussian's 68% square is about 2.7 sd wide
      expect(r.summary.side68 / r.summary.sd).toBeLessThan(4);
      return r.summary.sd;
    };
    const s4 = sd(4), s16 = sd(16);
    expect(s16 / s4).toBeGreaterThan(1.5);
    expect(s16 / s4).toBeLessThan(2.7);
    expect(s16).toBeLessThan(33 / 4);
  }, 20_000);

  it('cuts the spec after the row named, inside groups; a row inside a block is measured at the block\'s output', () => {
    const vgg = parseArch('features:(conv3-8,relu,conv3-8,relu,max2),gap').spec!;
    expect(cutAt(vgg, [1, 16, 16], 'features.2')!.last.name).toBe('features.2');
    const res = parseArch('conv3-8,relu,res8,gap').spec!;
    expect(cutAt(res, [1, 16, 16], 'block1.conv1')!.last.name).toBe('block1.relu2');
    expect(cutAt(res, [1, 16, 16], null)!.last.name).toBe('block1.relu2');
  });

  it('refuses a net over the cost cap with the builder\'s message', () => {
    expect(() => effectiveReceptiveField({ spec: 'vgg16', input: [3, 224, 224], layer: null, seed: 1, init: 'he_normal' })).toThrow(/needs about .* Use a smaller network, input or batch/);
  });

  it('summarises a point as one pixel and nothing as zeros', () => {
    const point = new Float32Array(25); point[12] = 1;
    expect(erfSummary(point, 5, 5)).toEqual({ centre: [2, 2], sd: 0, side68: 1, side95: 1 });
    expect(erfSummary(new Float32Array(25), 5, 5).side68).toBe(0);
  });
});

describe('the effective receptive field of a bigger net', () => {
  it('batch norm as at inference: no gradient outside the theoretical field (tiny_resnet)', () => {
    const r = effectiveReceptiveField({ spec: 'tiny_resnet', input: [1, 28, 28], layer: 'block3.relu2', seed: 1, init: 'he_normal' });
    expect(r.theoretical).toBe(21);
    let rows = 0;
    for (let i = 0; i < 28; i++) if (r.map.subarray(i * 28, i * 28 + 28).some((v) => v > 0)) rows++;
    expect(rows).toBeLessThanOrEqual(21);
    expect(r.summary.side95).toBeLessThanOrEqual(21);
  });


  it('takes fewer images rather than refusing: VGG-16 at 32x32', () => {
    const r = effectiveReceptiveField({ spec: 'vgg16', input: [3, 32, 32], layer: 'features.16', seed: 1, init: 'he_normal' });
    expect(r.batch).toBeLessThan(16);
    expect(r.batch).toBeGreaterThanOrEqual(1);
    expect(r.theoretical).toBe(44); // beyond the 32x32 image
    expect(r.summary.side68).toBeLessThan(32);
  }, 20_000);
});
