/**
 * The lecture's sentences quote numbers; this test runs the engine on each step's own link (the
 * probe, or training as the page trains it, every variant on the same batches) and checks that
 * every measured number reads exactly as the engine's own would, and that every counted one equals
 * the count derived by hand from the layer shapes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseQuery, variantsOf, type Config } from '../../engine/contract/config.ts';
import { parseDigits } from '../../engine/data/digits.ts';
import { runProbe } from '../../engine/experiment.ts';
import { stat, type ProbeData, type StatField } from '../../engine/contract/probeLayout.ts';
import { trackAt, trainedTo } from '../../engine/testing/trainingRuns.ts';
import { COUNTED, fill, formatQuoted, MEASURED, NUMBERS, placeholders } from './numbers.ts';
import { LECTURE_STEPS, stepById } from './steps.ts';

const digits = parseDigits(new Uint8Array(readFileSync(new URL('../../public/digits.bin', import.meta.url))));

function stepConfig(id: string): Config {
  const step = stepById(id);
  if (!step) throw new Error(`no step ${id}`);
  return parseQuery(step.query).config;
}
const runsOf = (id: string) => { const c = stepConfig(id); return [c, ...variantsOf(c)]; };
const probesOf = (id: string) => runsOf(id).map((c) => runProbe(c).probe);
const column = (probe: ProbeData, field: StatField) => Array.from({ length: probe.depth }, (_, l) => stat(probe, l, field));
const perBlock = (probe: ProbeData, field: StatField) => column(probe, field).filter((x) => !Number.isNaN(x));
/** Geometric mean of the layer-to-layer factor. */
const perLayer = (xs: readonly number[]) => (xs[xs.length - 1] / xs[0]) ** (1 / (xs.length - 1));

const trained = (config: Config, steps: number) => trainedTo(config, steps, config.data === 'digits' ? digits : null);


/** What the engine gives for each measured number, by name. */
function measure(): Record<string, number> {
  const out: Record<string, number> = {};
  const [vanishing] = probesOf('vanishing');
  const vPre = column(vanishing, 'preM2'), vGrad = column(vanishing, 'gradM2');
  Object.assign(out, { 'vanishing.l1': vPre[0], 'vanishing.l10': vPre[9], 'vanishing.grad10': vGrad[9], 'vanishing.grad1': vGrad[0] });

  const [exploding] = probesOf('exploding');
  const ePre = column(exploding, 'preM2');
  Object.assign(out, { 'exploding.l1': ePre[0], 'exploding.l20': ePre[19], 'exploding.overflow': exploding.forwardOverflowLayer });

  const [variance] = probesOf('variance');
  const varPre = column(variance, 'preM2');
  Object.assign(out, { 'variance.l1': varPre[0], 'variance.ratio': perLayer(varPre), 'variance.l10': varPre[9], 'variance.theory10': column(variance, 'theoryPreM2')[9] });

  const [standard, xavierUniform] = probesOf('third');
  const sPre = column(standard, 'preM2');
  Object.assign(out, { 'third.l1': sPre[0], 'third.ratio': perLayer(sPre), 'third.l10': sPre[9], 'third.xavier10': column(xavierUniform, 'preM2')[9] });

  const [std5, xav5] = probesOf('xavier');
  const gradRatio = (p: ProbeData) => { const g = column(p, 'gradM2'); return g[g.length - 1] / g[0]; };
  Object.assign(out, {
    'xavier.standard5': column(std5, 'preM2')[4], 'xavier.standardGradRatio': gradRatio(std5),
    'xavier.xavier5': column(xav5, 'preM2')[4], 'xavier.xavierGradRatio': gradRatio(xav5),
  });

  const [xavier30, he30] = probesOf('he');
  const hePre = column(he30, 'preM2');
  Object.assign(out, { 'he.xavier30': column(xavier30, 'preM2')[29], 'he.min': Math.min(...hePre), 'he.max': Math.max(...hePre) });

  const [plain, residual] = probesOf('residual');
  const plainJ = perBlock(plain, 'blockJacobian'), resJ = perBlock(residual, 'blockJacobian');
  Object.assign(out, {
    'residual.plainJmin': Math.min(...plainJ), 'residual.plainJmax': Math.max(...plainJ),
    'residual.resJmin': Math.min(...resJ), 'residual.resJmax': Math.max(...resJ),
    'residual.plainGrad1': column(plain, 'gradNorm')[0], 'residual.resGrad1': column(residual, 'gradNorm')[0],
  });
  return out;
}

function measureTraining(): Record<string, number> {
  // Both batch-norm slides open the same link: Figure 1 without and with BN, trained to step 1000.
  const [plainConfig, bnConfig] = runsOf('covariate-shift');
  expect(runsOf('batchnorm')).toEqual([plainConfig, bnConfig]);
  const plain = trained(plainConfig, 1000), bn = trained(bnConfig, 1000);
  const [withHeads, without] = runsOf('aux-classifiers').map((c) => trained(c, 1000));
  return {
    'ics.median0': trackAt(plain, 0).p50, 'ics.median400': trackAt(plain, 400).p50,
    'ics.bnP15': trackAt(bn, 400).p15, 'ics.bnP85': trackAt(bn, 400).p85,
    'bn.plainAcc': plain.metrics.testAccuracy, 'bn.bnAcc': bn.metrics.testAccuracy,
    'aux.with': withHeads.metrics.testAccuracy, 'aux.without': without.metrics.testAccuracy,
  };
}

/** Every name the two measuring tests checked. */
const checked = new Set<string>();

describe('the lecture’s numbers', { timeout: 900_000 }, () => {
  it('every placeholder names a number, and every number is quoted by a step', () => {
    const quoted = new Set<string>();
    for (const step of LECTURE_STEPS) {
      for (const sentence of step.sentences) {
        for (const name of placeholders(sentence)) {
          expect(NUMBERS[name], `${step.id}: {${name}}`).toBeDefined();
          quoted.add(name);
        }
        expect(fill(sentence)).not.toMatch(/[{}]|\?|NaN|undefined/);
      }
    }
    expect([...Object.keys(NUMBERS)].filter((n) => !quoted.has(n))).toEqual([]);
  });

  it('the probe numbers read as the engine gives them', () => {
    const measured = measure();
    for (const [name, value] of Object.entries(measured)) {
      expect(MEASURED[name], name).toBeDefined();
      expect(formatQuoted(MEASURED[name]), name).toBe(formatQuoted({ value, style: MEASURED[name].style }));
      checked.add(name);
    }
    expect(measured['exploding.overflow']).toBe(36);
  });

  it('the training numbers read as the engine gives them after the steps the sentences name', () => {
    const measured = measureTraining();
    for (const [name, value] of Object.entries(measured)) {
      expect(MEASURED[name], name).toBeDefined();
      expect(formatQuoted(MEASURED[name]), name).toBe(formatQuoted({ value, style: MEASURED[name].style }));
      checked.add(name);
    }
  });

  it('no measured number goes unchecked', () => {
    expect(Object.keys(MEASURED).filter((name) => !checked.has(name))).toEqual([]);
  });

  it('the counted numbers are what the layer shapes give by hand', () => {
    const v = (name: string) => COUNTED[name].value;
    expect(v('conv.out')).toBe(8 - (5 - 1));
    expect(v('lenet.out')).toBe(32 - (5 - 1));
    expect(v('lenet.conv')).toBe(6 * 5 * 5 + 6);
    expect(v('lenet.dense')).toBe(32 * 32 * (28 * 28 * 6) + 28 * 28 * 6);
    expect(v('stack5.two')).toBe(2 * 9 * 64 * 64);
    expect(v('stack5.one')).toBe(25 * 64 * 64);
    expect(v('stack7.three')).toBe(3 * 9 * 64 * 64);
    expect(v('stack7.one')).toBe(49 * 64 * 64);
    expect(v('head.dense')).toBe(25088 * 4096 + 4096 + 4096 * 4096 + 4096 + 4096 * 1000 + 1000);
    expect(v('head.gap')).toBe(512 * 1000 + 1000);
    expect(v('head.vgg')).toBe(138_357_544);
    expect(v('inception.with')).toBe(163_696);
    expect(v('inception.naive')).toBe(387_296);
    expect(v('aux.train')).toBe(13_004_888);
    expect(v('aux.infer')).toBe(6_624_904);
    expect(v('bottleneck.plain')).toBe(2 * 256 * 9 * 256);
    expect(v('bottleneck.neck')).toBe(256 * 64 + 64 * 9 * 64 + 64 * 256);
    expect(v('resnext.grouped')).toBe(256 * 128 + 32 * (4 * 9 * 4) + 128 * 256);
    expect(v('resnext.paths8')).toBe(256 * (32 + 4 * 9 + 32) * 8);
    expect(v('resnext.paths8')).toBe(204_800);
    expect(v('resnext.plain')).toBe(589_824);
    expect(v('dense.out')).toBe(64 + 6 * 32);
    expect(v('dense.trans')).toBe(128);
    expect(formatQuoted(COUNTED['resnext.paths8'])).toBe('204,800');
    expect(formatQuoted(COUNTED['head.dense'])).toBe('123.6M');
  });

  it('formats numbers the way the sentences read them', () => {
    expect(formatQuoted({ value: 2.66e-9, style: 'sig2' })).toBe('2.7e-9');
    expect(formatQuoted({ value: 3.9e42, style: 'sig2' })).toBe('3.9e42');
    expect(formatQuoted({ value: 0.0022, style: 'sig2' })).toBe('0.0022');
    expect(formatQuoted({ value: 2100, style: 'sig2' })).toBe('2100');
    expect(formatQuoted({ value: 1e-16, style: 'sig2' })).toBe('1e-16');
    expect(formatQuoted({ value: 0.9666, style: 'pct' })).toBe('96.7%');
    expect(formatQuoted({ value: 589824, style: 'int' })).toBe('589,824');
    expect(formatQuoted({ value: 1.0217, style: 'fixed2' })).toBe('1.02');
  });
});
