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
import { PRETRAIN_PRESETS } from './presets.ts';

const digits = parseDigits(new Uint8Array(readFileSync(new URL('../../../../public/digits.bin', import.meta.url))));

function configOf(id: string): Config {
  const preset = PRETRAIN_PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`no preset ${id}`);
  const parsed = parseQuery(preset.query);
  expect(parsed.problems).toEqual([]);
  return parsed.config;
}

function accuracyAt(config: Config, steps: number): number {
  const t = new Trainer(config, digits);
  t.run(steps);
  if (t.metrics.evaluatedAt !== t.step) t.evaluate();
  expect(t.divergence).toBeNull();
  return t.metrics.testAccuracy;
}

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
    quoted(accuracyAt(config, 1000), 86.1);
  });

  it('deep tanh: 97.2% from Xavier init, 95.8% pretrained, at step 1000', () => {
    const config = configOf('pretrain-deep-tanh');
    expect(notice('pretrain-deep-tanh')).toMatch(/97\.2%.*95\.8%/);
    quoted(accuracyAt(variantOf(config)!, 1000), 97.2);
    quoted(accuracyAt(config, 1000), 95.8);
  });
});
