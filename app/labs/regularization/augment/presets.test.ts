/**
 * The augmentation presets' notices are claims about training runs: each run of each preset is
 * trained here (the Trainer the page's worker runs) and every number quoted is checked, the link's
 * own seed and the mean over seeds 1–5.
 */
import { describe, expect, it } from 'vitest';
import { parseQuery, variantsOf, type Config } from '../../../../engine/contract/config.ts';
import { Trainer } from '../../../../engine/train/trainer.ts';
import { loadTestDigits } from '../../../../engine/testing/trainingRuns.ts';
import { percent } from '../../training/predictions.ts';
import { PRESETS } from '../../../presets/presets.ts';
import { readDataFile } from '../../../../engine/cli/train.ts';
import { AUGMENT_PRESETS, ELASTIC, SCARCE_DIGITS, SHIFTS, SIMARD, STACKED } from './presets.ts';

const digits = loadTestDigits();
const mnist = readDataFile(parseQuery('data=mnist').config);
const STEPS = 1500;
const SEEDS = [1, 2, 3, 4, 5];

const accuracies = new Map<string, number>();
/** Test accuracy at step 1500 of one configuration (cached: the presets share runs). */
function accuracy(config: Config): number {
  const key = JSON.stringify(config);
  let a = accuracies.get(key);
  if (a === undefined) {
    const t = new Trainer(config, config.data === 'mnist' ? mnist : digits);
    t.run(STEPS);
    if (t.metrics.evaluatedAt !== t.step) t.evaluate();
    a = t.metrics.testAccuracy;
    accuracies.set(key, a);
  }
  return a;
}

const base = parseQuery(SCARCE_DIGITS).config;
const withAug = (aug: string, seed: number): Config => ({ ...base, aug, seed });
const meanOf = (aug: string) => SEEDS.reduce((s, seed) => s + accuracy(withAug(aug, seed)), 0) / SEEDS.length;

/** What each preset quotes: seed 1 and the mean over seeds 1–5 (none quoted for MNIST), per run in vs order. */
const QUOTED: Record<string, { augs: string[]; seed1: string[]; mean: string[] }> = {
  'aug-shifts': { augs: ['', SHIFTS], seed1: ['90.3%', '82.2%'], mean: ['89.5%', '82.7%'] },
  'aug-elastic': { augs: ['', ELASTIC], seed1: ['90.3%', '92.5%'], mean: ['89.5%', '92.7%'] },
  'aug-stacked': { augs: ['', STACKED], seed1: ['90.3%', '74.4%'], mean: ['89.5%', '74.3%'] },
  'aug-four': { augs: ['', SHIFTS, ELASTIC, STACKED], seed1: ['90.3%', '82.2%', '92.5%', '74.4%'], mean: ['89.5%', '82.7%', '92.7%', '74.3%'] },
  'aug-mnist': { augs: ['', SHIFTS, SIMARD], seed1: ['74.8%', '80.9%', '85.0%'], mean: [] },
};

describe('augmentation presets on 100 digits', { timeout: 600_000 }, () => {
  it('are in the lab\'s preset list, each run being the augmentation its notice names', () => {
    expect(AUGMENT_PRESETS.map((p) => p.id)).toEqual(Object.keys(QUOTED));
    for (const preset of AUGMENT_PRESETS) {
      expect(PRESETS).toContain(preset);
      const parsed = parseQuery(preset.query);
      expect(parsed.problems).toEqual([]);
      expect([parsed.config, ...variantsOf(parsed.config)].map((c) => c.aug)).toEqual(QUOTED[preset.id].augs);
      expect(parsed.config.ntrain).toBe(10);
    }
  });

  it.each(AUGMENT_PRESETS.map((p) => [p.id, p] as const))('%s: every number quoted is what the engine measures', (id, preset) => {
    const quoted = QUOTED[id];
    const runs = [parseQuery(preset.query).config, ...variantsOf(parseQuery(preset.query).config)];
    runs.forEach((config, i) => {
      expect(config.seed).toBe(1);
      expect(percent(accuracy(config)), `${id} run ${i + 1} at step ${STEPS}`).toBe(quoted.seed1[i]);
      if (quoted.mean.length > 0) expect(percent(meanOf(config.aug)), `${id} run ${i + 1}, mean over seeds 1-5`).toBe(quoted.mean[i]);
    });
    for (const number of [...quoted.seed1, ...quoted.mean]) expect(preset.notice).toContain(number);
    // No other percentage in the notice than those checked.
    expect([...new Set(preset.notice.match(/\d+(\.\d+)?%/g))].sort()).toEqual([...new Set([...quoted.seed1, ...quoted.mean])].sort());
  });
});
