/**
 * The regularization presets' notices are claims about numbers: each preset's runs (the primary
 * and every variant, trained alone: the lockstep loop gives the same numbers) are trained for the
 * steps the notice names and every number quoted is checked.
 */
import { describe, expect, it } from 'vitest';
import { parseQuery, toQuery, variantsOf, type Config } from '../../../engine/contract/config.ts';
import { priorScale } from '../../../engine/contract/prior.ts';
import { Trainer } from '../../../engine/train/trainer.ts';
import { loadTestDigits } from '../../../engine/testing/trainingRuns.ts';
import { matchPreset, presetConfig, PRESETS } from '../../presets/presets.ts';
import { REGULARIZATION_PRESETS } from './presets.ts';

const digits = loadTestDigits();
const byId = (id: string) => REGULARIZATION_PRESETS.find((p) => p.id === id)!;
/** The priors' presets (augment/ and pretrain/ test their own). */
const PRIOR_PRESETS = ['map-digits-10', 'map-moons-15', 'laplace-vs-gauss-digits', 'adam-l2-vs-adamw'].map(byId);

function trained(config: Config, steps: number): Trainer {
  const t = new Trainer(config, config.data === 'digits' ? digits : null, { ics: false });
  t.run(steps);
  if (t.metrics.evaluatedAt !== t.step) t.evaluate();
  return t;
}

/** [primary, ...variants] of a preset, trained. */
const runsOf = (id: string, steps: number) => {
  const config = parseQuery(byId(id).query).config;
  return [config, ...variantsOf(config)].map((c) => trained(c, steps));
};

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const fixed = (x: number, d: number) => x.toFixed(d);
/** The share of a run's weights (not biases) within 0.01 of zero. */
function nearZero(t: Trainer): number {
  let small = 0, all = 0;
  for (const p of t.params) if (p.decay) for (const w of p.value) { all++; if (Math.abs(w) < 0.01) small++; }
  return small / all;
}
const quotes = (id: string, ...numbers: string[]) => {
  for (const n of numbers) expect(byId(id).notice, `${id} quotes ${n}`).toContain(n);
};

describe('regularization presets', { timeout: 240_000 }, () => {
  it('are valid A/B links with unique ids and titles', () => {
    const all = [...PRESETS, ...REGULARIZATION_PRESETS.filter((p) => !PRESETS.includes(p))];
    expect(new Set(all.map((p) => p.id)).size).toBe(all.length);
    for (const p of PRIOR_PRESETS) {
      expect(p, 'a prior preset').toBeDefined();
      expect(parseQuery(p.query).problems, p.id).toEqual([]);
      expect(variantsOf(presetConfig(p)).length, p.id).toBe(1);
      expect(matchPreset(parseQuery(toQuery(presetConfig(p))).config, REGULARIZATION_PRESETS), p.id).toBe(p);
    }
  });

  it('10 digits per class: MLE vs Gaussian prior at step 2000', () => {
    const [map, mle] = runsOf('map-digits-10', 2000);
    expect(map.dataset.trainCount).toBe(100);
    expect(priorScale('gauss', 0.01, 100)).toBeCloseTo(1, 12);
    quotes('map-digits-10', fixed(mle.metrics.trainLoss, 4), fixed(mle.metrics.testLoss, 3), pct(mle.metrics.testAccuracy),
      fixed(map.metrics.trainLoss, 3), fixed(map.metrics.testLoss, 3), pct(map.metrics.testAccuracy));
    expect(map.metrics.testLoss - map.metrics.trainLoss).toBeLessThan(mle.metrics.testLoss - mle.metrics.trainLoss);
  });

  it('15 noisy moons per class: MLE is confidently wrong, the prior less so', () => {
    const [map, mle] = runsOf('map-moons-15', 2000);
    expect(map.dataset.trainCount).toBe(30);
    quotes('map-moons-15', fixed(mle.metrics.trainLoss, 4), fixed(mle.metrics.testLoss, 2), pct(mle.metrics.testAccuracy),
      fixed(map.metrics.testLoss, 2), pct(map.metrics.testAccuracy), fixed(priorScale('gauss', 0.01, 30), 2));
  });

  it('Laplace vs Gaussian at the same lambda: the share of weights near zero', () => {
    const [laplace, gauss] = runsOf('laplace-vs-gauss-digits', 2000);
    quotes('laplace-vs-gauss-digits', pct(nearZero(laplace)), pct(nearZero(gauss)), pct(laplace.metrics.testAccuracy),
      `b = 1/(Nλ) = ${priorScale('laplace', 0.001, 100)}`, `σ = ${fixed(priorScale('gauss', 0.001, 100), 2)}`);
    expect(pct(gauss.metrics.testAccuracy)).toBe(pct(laplace.metrics.testAccuracy)); // "Both reach"
  });

  it('Adam: coupled L2 vs decoupled decay', () => {
    const [coupled, decoupled] = runsOf('adam-l2-vs-adamw', 2000);
    quotes('adam-l2-vs-adamw', fixed(coupled.priorTerm, 3), fixed(coupled.metrics.trainLoss, 3), fixed(decoupled.priorTerm, 2), fixed(decoupled.metrics.trainLoss, 4));
  });
});
