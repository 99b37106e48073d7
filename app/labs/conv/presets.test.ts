/**
 * Every number a convolution preset's notice quotes, computed by the engine for the same link (the
 * run the worker trains, the same the CLI's --steps prints). Small step counts: the notes quote 100.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ARCH_UNIT, ARCH_UNIT_FIELDS, type ArchState } from '../../../engine/contract/archLayout.ts';
import { resolveArch } from '../../../engine/contract/arch/named/index.ts';
import { analyseArch } from '../../../engine/contract/arch/shapePass.ts';
import { parseQuery, variantsOf, type Config } from '../../../engine/contract/config.ts';
import { createArchRun } from '../../../engine/arch/run.ts';
import { parseImageFile } from '../../../engine/data/digits.ts';
import { checkSpec, weightSharing } from './convArchs.ts';
import { CONV_PRESETS, DENSENET_12, NIN_DENSE, PLAIN_8, RESIDUAL_8, VGG_BN } from './presets.ts';

const files = new Map<string, ReturnType<typeof parseImageFile>>();
function dataOf(config: Config) {
  const name = config.data === 'mnist' ? 'mnist.bin' : config.data === 'fashion' ? 'fashion.bin' : 'digits.bin';
  let f = files.get(name);
  if (!f) files.set(name, f = parseImageFile(new Uint8Array(readFileSync(new URL(`../../../public/${name}`, import.meta.url))), name));
  return f;
}

const presetConfig = (id: string) => parseQuery(CONV_PRESETS.find((p) => p.id === id)!.query).config;
const notice = (id: string) => CONV_PRESETS.find((p) => p.id === id)!.notice;

function at0(config: Config): ArchState {
  return createArchRun(config, dataOf(config)).archState();
}

function accuracyAt(config: Config, steps: number): string {
  const run = createArchRun(config, dataOf(config));
  for (let i = 0; i < steps; i++) run.trainStep();
  return `${(100 * run.summary().testAccuracy).toFixed(1)}%`;
}

const field = (s: ArchState, l: number, f: (typeof ARCH_UNIT_FIELDS)[number]) => s.stats[l * ARCH_UNIT_FIELDS.length + ARCH_UNIT[f]];
/** Three significant digits as the notes write them: 0.184, 1.66, 2.98e-5. */
const sig = (x: number) => (x === 0 ? '0' : Math.abs(x) < 1e-3 ? x.toExponential(2) : x.toPrecision(3));
const params = (arch: string) => analyseArch(resolveArch(arch).spec!, [1, 8, 8]).totals.params.toLocaleString('en-US');

describe('the convolution presets\' notices', { timeout: 600_000 }, () => {
  it('every preset trains on its data (the spec fits the images and ends in the classes)', () => {
    for (const p of CONV_PRESETS) {
      const c = parseQuery(p.query);
      expect(c.problems, p.id).toEqual([]);
      expect(checkSpec(c.config.arch, c.config.data).problem, p.id).toBeNull();
    }
  });

  it('LeNet-5: 156 parameters in C1 against 4,821,600 dense, and its accuracy at step 100', () => {
    const c = presetConfig('conv-lenet5');
    const sharing = weightSharing(c.arch, checkSpec(c.arch, c.data).report!)!;
    expect(sharing.field).toEqual([1, 32, 32]);
    expect(notice('conv-lenet5')).toContain(`C1 has ${sharing.convParams} parameters`);
    expect(notice('conv-lenet5')).toContain(sharing.denseParams.toLocaleString('en-US'));
    expect(notice('conv-lenet5')).toContain(`${accuracyAt(c, 100)} of the test digits right at step 100`);
  });

  it('He vs Xavier at step 0: the signal and the gradient of the first and twelfth conv', () => {
    const c = presetConfig('conv-he-xavier');
    const [he] = variantsOf(c);
    const x = at0(c), h = at0(he);
    const text = notice('conv-he-xavier');
    expect(x.units[0].fanIn).toBe(9);
    expect(x.units[1].fanIn).toBe(72);
    for (const s of [x, h]) for (const l of [0, 11]) expect(text).toContain(sig(field(s, l, 'measuredSq')));
    for (const s of [x, h]) for (const l of [0, 11]) expect(text).toContain(sig(field(s, l, 'gradSq')));
  });

  it('plain vs residual: accuracies at step 100, and the residual net\'s gradient and stream at step 0', () => {
    const plain = presetConfig('conv-plain-deep'), res = presetConfig('conv-residual-deep');
    expect(plain.arch).toBe(PLAIN_8);
    expect(res.arch).toBe(RESIDUAL_8);
    expect(variantsOf(res).map((v) => v.arch)).toEqual([PLAIN_8]); // the plain net beside it
    const p = accuracyAt(plain, 100), r = accuracyAt(res, 100);
    for (const id of ['conv-plain-deep', 'conv-residual-deep']) {
      expect(notice(id)).toContain(p);
      expect(notice(id)).toContain(r);
    }
    const s = at0(res);
    expect(notice('conv-residual-deep')).toContain(sig(field(s, 1, 'gradSq')));
    expect(notice('conv-residual-deep')).toContain(sig(field(s, 7, 'gradSq')));
    expect(s.stream.kinds.slice(0, 5)).toEqual(['conv', 'resblock', 'resblock', 'resblock', 'resblock']);
    expect(notice('conv-residual-deep')).toContain(`${sig(s.stream.variance[0])} after the stem, ${sig(s.stream.variance[4])} after the fourth`);
  });

  it('batch norm: tiny VGG with and without at learning rate 0.5', () => {
    const c = presetConfig('conv-bn');
    expect(c.arch).toBe(VGG_BN);
    expect(notice('conv-bn')).toContain(`${accuracyAt(c, 100)} test accuracy at step 100`);
    expect(variantsOf(c).map((v) => v.arch)).toEqual(['tiny_vgg']); // trained beside it, in lockstep
    expect(notice('conv-bn')).toContain(`reaches ${accuracyAt(variantsOf(c)[0], 100)}`);
  });

  it('NiN: global average pooling against a dense head, parameters and accuracy', () => {
    const c = presetConfig('conv-nin-gap');
    const text = notice('conv-nin-gap');
    expect(text).toContain(`${params('tiny_nin')} parameters, ${accuracyAt(c, 100)}`);
    expect(variantsOf(c).map((v) => v.arch)).toEqual([NIN_DENSE]);
    expect(text).toContain(`${params(NIN_DENSE)} parameters and reach ${accuracyAt(variantsOf(c)[0], 100)}`);
    const extra = analyseArch(resolveArch(NIN_DENSE).spec!, [1, 8, 8]).totals.params - analyseArch(resolveArch('tiny_nin').spec!, [1, 8, 8]).totals.params;
    expect(text).toContain(`extra ${extra.toLocaleString('en-US')} weights`);
  });

  it('Inception with and without the auxiliary head', () => {
    const c = presetConfig('conv-inception-aux');
    const [without] = variantsOf(c);
    expect(without.auxw).toBe(0);
    const text = notice('conv-inception-aux');
    expect(text).toContain(`${accuracyAt(c, 100)} test accuracy with it, ${accuracyAt(without, 100)} without`);
    const auxUnit = at0(c).units.findIndex((u) => u.moduleKind === 'aux');
    expect(text).toContain(`${sig(field(at0(c), auxUnit, 'gradSq'))} at step 0 with the head, ${sig(field(at0(without), auxUnit, 'gradSq'))} without`);
  });

  it('DenseNet growth rates 6 and 12', () => {
    const c = presetConfig('conv-densenet-growth');
    const text = notice('conv-densenet-growth');
    expect(text).toContain(`${params('tiny_densenet')} parameters, ${accuracyAt(c, 100)}`);
    expect(variantsOf(c).map((v) => v.arch)).toEqual([DENSENET_12]);
    expect(text).toContain(`has ${params(DENSENET_12)} and reaches ${accuracyAt(variantsOf(c)[0], 100)}`);
  });
});
