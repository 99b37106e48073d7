import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, parseQuery } from '../../../engine/contract/config.ts';
import { createArchRun } from '../../../engine/arch/run.ts';
import { parseImageFile } from '../../../engine/data/digits.ts';
import { enterLab } from '../enterLab.ts';
import { impliedLab } from '../registry.ts';
import { ARCH_CHOICES, checkSpec, LENET5_28, pickerValue, TINY_CNN, unitRows, weightSharing } from './convArchs.ts';

const digits = parseImageFile(new Uint8Array(readFileSync(new URL('../../../public/digits.bin', import.meta.url))), 'digits.bin');

describe('the convolution lab\'s architectures', () => {
  it('LeNet-5\'s C1: 156 parameters against 4,821,600 for a dense layer between the padded 32x32 field and 6x28x28', () => {
    const { report, problem } = checkSpec(LENET5_28, 'mnist');
    expect(problem).toBeNull();
    expect(weightSharing(LENET5_28, report!)).toEqual({ field: [1, 32, 32], out: [6, 28, 28], convParams: 156, denseParams: 32 * 32 * 6 * 28 * 28 + 6 * 28 * 28 });
    expect(report!.rows[0].formula).toBe('⌊(28 + 2·2 − (5 − 1) − 1) / 1⌋ + 1 = 28');
    expect(report!.rows[0].fanIn).toBe(25);
  });

  it('the shape pass\'s conv and dense rows are the engine\'s units, in order, for every family on the digits', { timeout: 120_000 }, () => {
    for (const { value } of ARCH_CHOICES) {
      const { report, problem } = checkSpec(value, 'digits');
      if (problem) continue; // LeNet-5 does not fit 8x8 (its problem is checked below)
      const units = createArchRun(parseQuery(`data=digits&arch=${encodeURIComponent(value)}`).config, digits).archState().units;
      expect(unitRows(report!).map((r) => r.out), value).toEqual(units.map((u) => u.shape));
    }
  });

  it('names what cannot train: grammar problems with offsets, shapes that do not fit, classes', () => {
    expect(checkSpec('conv3-8,relu,maxx2', 'digits').grammar[0].offset).toBeGreaterThanOrEqual(13);
    expect(checkSpec('lenet5', 'digits').problem).toMatch(/8x8/);
    expect(checkSpec('conv3-4,relu,gap,fc7', 'digits').problem).toMatch(/10 classes/);
    expect(checkSpec(TINY_CNN, 'digits').problem).toBeNull();
    expect(pickerValue('conv3-4,relu,gap,fc10')).toBe('own');
    expect(pickerValue('tiny_resnet')).toBe('tiny_resnet');
  });

  it('opening the lab brings a tiny CNN on the digits; the other labs leave the architecture behind', () => {
    expect(enterLab('conv', DEFAULT_CONFIG)).toEqual({ data: 'digits', arch: TINY_CNN });
    const conv = { ...DEFAULT_CONFIG, data: 'mnist' as const, arch: 'tiny_nin' };
    expect(enterLab('conv', conv)).toBeNull();
    expect(enterLab('training', conv)).toEqual({ arch: '' });
    expect(impliedLab(conv)).toBe('conv');
  });
});
