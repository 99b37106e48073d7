import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUG_OPS, describeAug, formatAug, parseAug } from './augment.ts';
import { CONFIG_KEYS, describeRuns, parseQuery, toQuery, variantsOf, withConfig } from './config.ts';
import { invalidAug, validAug } from '../testing/augArbitrary.ts';

describe('the aug grammar', () => {
  it('reads ops in any order and writes them in the pipeline order, numbers as String() writes them', () => {
    expect(parseAug('noise:0.10_shift:1_elastic:2.0:1')).toEqual({ ok: true, spec: { noise: [0.1], shift: [1], elastic: [2, 1] }, canonical: 'shift:1_elastic:2:1_noise:0.1' });
    expect(parseAug('')).toEqual({ ok: true, spec: {}, canonical: '' });
    expect(formatAug({ mixup: [0.2], cutout: [4], rotate: [15], scale: [0.1], subpixel: [0.5] })).toBe('subpixel:0.5_rotate:15_scale:0.1_cutout:4_mixup:0.2');
  });

  it('refuses a bad op by its position and name, and says what it accepts', () => {
    const why = (t: string) => { const p = parseAug(t); return p.ok ? 'accepted' : p.why; };
    expect(why('shift:1_rotat:15')).toBe('op 2 ("rotat:15") names no augmentation (shift, subpixel, rotate, scale, elastic, noise, cutout, mixup)');
    expect(why('shift:9')).toBe('op 1 ("shift:9"): shift\'s pixels "9" is outside 0..8 (largest |dx|, |dy| in whole pixels)');
    expect(why('noise:0.1_shift:1.5')).toBe('op 2 ("shift:1.5"): shift\'s pixels "1.5" is not a whole number (largest |dx|, |dy| in whole pixels)');
    expect(why('elastic:2')).toBe('op 1 ("elastic:2"): elastic takes 2 strengths (elastic:alpha:sigma)');
    expect(why('elastic:2:x')).toBe('op 1 ("elastic:2:x"): elastic\'s sigma "x" is not a number');
    expect(why('shift:1_shift:2')).toBe('op 2 ("shift:2") gives shift a second time');
    expect(why('shift:1_')).toMatch(/^op 2 \(""\) names no augmentation/);
    expect(why('x'.repeat(300))).toBe('is longer than 256 characters');
  });

  it('property: a valid list gives its canonical form, which reads back to itself; a broken one is refused', () => {
    fc.assert(fc.property(validAug, (v) => {
      const p = parseAug(v.text);
      expect(p.ok && p.canonical).toBe(v.expected);
      expect(parseAug(v.expected!)).toMatchObject({ ok: true, canonical: v.expected });
    }), { numRuns: 2000 });
    fc.assert(fc.property(invalidAug, (v) => { expect(parseAug(v.text).ok, v.text).toBe(false); }), { numRuns: 2000 });
  });

  it('aug is appended after the older keys: a link names it readably, a bad one is a problem and no augmentation', () => {
    expect(CONFIG_KEYS.indexOf('aug')).toBeGreaterThan(CONFIG_KEYS.indexOf('channels'));
    const { config, problems } = parseQuery('data=digits&aug=noise:0.1_shift:1');
    expect(problems).toEqual([]);
    expect(config.aug).toBe('shift:1_noise:0.1');
    expect(toQuery(config)).toMatch(/&aug=shift:1_noise:0.1$/);
    const bad = parseQuery('data=digits&aug=shift:1_blur:2');
    expect(bad.config.aug).toBe('');
    expect(bad.problems.map((p) => p.message)).toEqual([
      'aug=shift:1_blur:2 op 2 ("blur:2") names no augmentation (shift, subpixel, rotate, scale, elastic, noise, cutout, mixup) (empty, or ops separated by "_" from shift, subpixel, rotate, scale, elastic, noise, cutout, mixup, each name:strength (elastic:alpha:sigma), e.g. shift:1_elastic:2:1_noise:0.1); using ',
    ]);
  });

  it('works as an A/B override: up to three augmented variants beside a plain run', () => {
    const { config, problems } = parseQuery('data=digits&vs=aug:shift:1;aug:elastic:2:1;aug:shift:1_elastic:2:1_noise:0.05');
    expect(problems).toEqual([]);
    expect(variantsOf(config).map((c) => c.aug)).toEqual(['shift:1', 'elastic:2:1', 'shift:1_elastic:2:1_noise:0.05']);
    expect(parseQuery('data=digits&vs=aug:shift:12').problems[0].message).toMatch(/^vs: "aug:shift:12" op 1 \("shift:12"\): shift's pixels "12" is outside 0..8/);
  });

  it('names a run in words', () => {
    expect(describeAug('')).toBe('no augmentation');
    expect(describeAug('shift:1_elastic:2:1_noise:0.1')).toBe('shifts ≤ 1 px, elastic α 2 σ 1, noise σ 0.1');
    expect(describeAug('shift:1_subpixel:0.5_rotate:10_scale:0.1_elastic:2:1_noise:0.1_cutout:3_mixup:0.2')).toBe('stacked: shift, sub-pixel, rotation, scaling, elastic, noise, cutout, mixup');
    expect(AUG_OPS.length).toBe(8);
    expect(withConfig({}).aug).toBe('');
    expect(describeRuns(parseQuery('data=digits&vs=aug:shift:1;aug:mixup:0.2').config)).toEqual(['no augmentation', 'shifts ≤ 1 px', 'mixup α 0.2']);
  });
});
