/**
 * The pretraining presets' notices are claims about training runs; these tests train each preset's
 * config and its vs baseline in the engine (pretraining first, as the page does) and check every
 * number quoted.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseQuery, variantOf, type Config } from '../../../../engine/contract/config.ts';
import { parseDigits } from '../../../../engine/data/digits.ts';
import { Trainer } from '../../../../engine/train/trainer.ts';
import { stat, type ProbeData } from '../../../../engine/contract/probeLayout.ts';
import { PRETRAIN_PRESETS } from './presets.ts';

const digits = parseDigits(new Uint8Array(readFileSync(new URL('../../../../public/digits.bin', import.meta.url))));

function configOf(id: string): Config {
  const preset = PRETRAIN_PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`no preset ${id}`);
  const parsed = parseQuery(preset.query);
  expect(parsed.problems).toEqual([]);
  return parsed.config;
}

function trained(config: Config, steps: number): Trainer {
  const t = new Trainer(config, digits);
  t.run(steps);
  if (t.metrics.evaluatedAt !== t.step) t.evaluate();
  expect(t.divergence).toBeNull();
  return t;
}
const accuracyAt = (config: Config, steps: number) => trained(config, steps).metrics.testAccuracy;

/** E[g²] at layer 1 over the last hidden layer's, on the probe's batch (hidden layers only). */
function gradientSpread(probe: ProbeData, depth: number): number {
  return stat(probe, 0, 'gradM2') / stat(probe, depth - 1, 'gradM2');
}

/** "1/140000": 1 over the ratio's reciprocal to two significant digits. */
const oneOver = (x: number) => `1/${Number((1 / x).toPrecision(2))}`;

/** A quoted percentage (one decimal) is the measured accuracy rounded. */
const quoted = (measured: number, percent: number) => expect((100 * measured).toFixed(1)).toBe(percent.toFixed(1));

function notice(id: string): string {
  return PRETRAIN_PRESETS.find((p) => p.id === id)!.notice;
}

describe('pretraining presets', { timeout: 300_000 }, () => {
  it('deep sigmoid: chance from the initializer (11.4%), 86.1% pretrained, at step 1000', () => {
    const config = configOf('pretrain-deep-sigmoid');
    expect(config.pretrain).toBe('dae');
    expect(variantOf(config)!.pretrain).toBe('none');
    expect(config.depth * config.ptsteps).toBe(1500);
    expect(notice('pretrain-deep-sigmoid')).toMatch(/11\.4%.*1500 steps.*86\.1%/);
    quoted(accuracyAt(variantOf(config)!, 1000), 11.4);
    const t = trained(config, 1000);
    quoted(t.metrics.testAccuracy, 86.1);
    const { before, after } = t.pretrainProbes;
    expect(oneOver(gradientSpread(before!, config.depth))).toBe('1/140000');
    expect(oneOver(gradientSpread(after!, config.depth))).toBe('1/230');
    expect(notice('pretrain-deep-sigmoid')).toContain('1/140000 of the last hidden layer\'s E[g²] from the initializer, 1/230 after pretraining');
  });

  it('deep tanh: 97.2% from Xavier init, 95.8% pretrained, at step 1000', () => {
    const config = configOf('pretrain-deep-tanh');
    expect(notice('pretrain-deep-tanh')).toMatch(/97\.2%.*95\.8%/);
    quoted(accuracyAt(variantOf(config)!, 1000), 97.2);
    quoted(accuracyAt(config, 1000), 95.8);
  });

  it('ReLU under He init: 93.6% from the initializer, 96.4% pretrained, at step 1000 (seed 1)', () => {
    const config = configOf('pretrain-relu-he');
    expect(config.seed).toBe(1);
    expect(notice('pretrain-relu-he')).toMatch(/93\.6%.*96\.4%/);
    quoted(accuracyAt(variantOf(config)!, 1000), 93.6);
    quoted(accuracyAt(config, 1000), 96.4);
  });

  it('few labels: 100 labelled, 1438 unlabelled; 90.0% pretrained, 88.9% from He init, at step 1000', () => {
    const config = configOf('pretrain-few-labels');
    const t = new Trainer(config, digits);
    expect(t.dataset.trainCount).toBe(100);
    expect(t.pretrainer!.autoencoders.length).toBe(3);
    expect(t.dataset.splitCount).toBe(1438);
    expect(notice('pretrain-few-labels')).toMatch(/100 in all.*1438 training inputs.*90\.0%.*88\.9%/);
    quoted(accuracyAt(variantOf(config)!, 1000), 88.9);
    quoted(accuracyAt(config, 1000), 90.0);
  });
});
