/**
 * The training presets' notices are claims about a training run; these tests train the preset's
 * config (and its `vs` variant) in the engine, as the page would, and check every number quoted.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseQuery, variantOf, type Config } from '../../../engine/contract/config.ts';
import { parseDigits } from '../../../engine/data/digits.ts';
import { trackAt, trainedTo } from '../../../engine/testing/trainingRuns.ts';
import { PRESETS } from '../../presets/presets.ts';

const digits = parseDigits(new Uint8Array(readFileSync(new URL('../../../public/digits.bin', import.meta.url))));

function configOf(id: string): Config {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`no preset ${id}`);
  return parseQuery(preset.query).config;
}

const trained = (config: Config, steps: number) => trainedTo(config, steps, digits);


const near = (a: number, b: number, tol = 0.05) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThan(tol);

describe('training presets', { timeout: 240_000 }, () => {
  it('Figure 1: the unit drifts without BN and stays centred with it; 91.4% vs 96.7% at step 1000', () => {
    const config = configOf('bn-figure-1');
    const plain = trained(config, 1000);
    const bn = trained(variantOf(config)!, 1000);
    expect(config.norm).toBe('none');
    expect(variantOf(config)!.norm).toBe('batch');
    near(trackAt(plain, 0).p50, 4.6);
    near(trackAt(plain, 400).p50, 7.4, 0.06);
    const bn400 = trackAt(bn, 400);
    near(bn400.p50, 0.04, 0.02);
    near(bn400.p15, -0.94);
    near(bn400.p85, 0.94);
    near(plain.metrics.testAccuracy, 0.9136, 0.0015);
    near(bn.metrics.testAccuracy, 0.9666, 0.0015);
  });

  it('batch norm on batches of 2: 26% / 48% at step 1000; without BN 87% / 81%', () => {
    const config = configOf('bn-batch-2');
    const bn = trained(config, 1000);
    const plain = trained(variantOf(config)!, 1000);
    near(bn.metrics.trainAccuracy, 0.26, 0.006);
    near(bn.metrics.testAccuracy, 0.48, 0.006);
    near(plain.metrics.trainAccuracy, 0.87, 0.006);
    near(plain.metrics.testAccuracy, 0.81, 0.006);
  });

  it('train/eval mismatch: 96% training, 54% with running statistics, 94% with batch statistics', () => {
    const config = configOf('bn-train-eval');
    const eval_ = trained(config, 300);
    near(eval_.metrics.trainAccuracy, 0.96, 0.006);
    near(eval_.metrics.testAccuracy, 0.54, 0.006);
    const batch = trained({ ...config, testbn: 'batch' }, 300);
    near(batch.metrics.testAccuracy, 0.94, 0.006);
  });

  it('a 10-layer sigmoid net: chance without BN, 97% with it, after 1000 steps', () => {
    const config = configOf('deep-sigmoid-bn');
    const plain = trained(config, 1000);
    const bn = trained(variantOf(config)!, 1000);
    near(plain.metrics.testAccuracy, 0.114, 0.006);
    near(bn.metrics.testAccuracy, 0.967, 0.006);
  });
});
