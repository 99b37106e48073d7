import { describe, expect, it } from 'vitest';
import { withConfig } from '../contract/config.ts';
import { runProbe } from '../experiment.ts';
import { STAT, STAT_COUNT, STAT_FIELDS, type StatField } from '../contract/probeLayout.ts';
import { DEAD_MIN_BATCH, quickProbe, quickProbeSupported } from './quickProbe.ts';

/** The field's natural scale, for an absolute tolerance: the spread of what it summarizes. */
function scaleOf(stats: Float64Array, o: number, field: StatField): number {
  if (field.startsWith('pre')) return Math.sqrt(stats[o + STAT.preM2]);
  if (field.startsWith('act') && field !== 'actGradM2') return Math.sqrt(stats[o + STAT.actM2]);
  return Math.abs(stats[o + STAT[field]]);
}

const CASES: Parameters<typeof withConfig>[0][] = [
  { depth: 12, width: 32, batch: 1, act: 'tanh', init: 'xavier_uniform', gain: 1.3 },
  { depth: 12, width: 32, batch: 2, act: 'relu', init: 'he_normal', bias: 0.1 },
  { depth: 9, width: 24, batch: 4, act: 'sigmoid', init: 'orthogonal', gain: 2 },
  { depth: 8, width: 20, batch: 8, act: 'gelu', init: 'standard', input: 'uniform' },
  { depth: 6, width: 16, batch: 1, act: 'selu', init: 'lecun_normal', seed: 5 },
  { depth: 30, width: 16, batch: 2, act: 'tanh', init: 'normal', std: 0.05 }, // vanishing
];

describe('quickProbe', () => {
  it.each(CASES)('is runProbe on the same examples, up to float32 rounding: %o', (query) => {
    const config = withConfig(query);
    const quick = quickProbe(config);
    const full = runProbe(config).probe;
    expect(quick.depth).toBe(full.depth);
    expect(quick.forwardOverflowLayer).toBe(full.forwardOverflowLayer);
    expect(quick.backwardOverflowLayer).toBe(full.backwardOverflowLayer);
    for (let l = 0; l < config.depth; l++) {
      const o = l * STAT_COUNT;
      for (const field of STAT_FIELDS) {
        const got = quick.stats[o + STAT[field]], want = full.stats[o + STAT[field]];
        if (field === 'dead' && config.batch < DEAD_MIN_BATCH) {
          expect(got).toBeNaN();
          continue;
        }
        if (Number.isNaN(want)) {
          expect(got, `${field} at layer ${l + 1}`).toBeNaN();
          continue;
        }
        const tolerance = field.startsWith('theory') ? 1e-4 * Math.abs(want) : 1e-4 * scaleOf(full.stats, o, field) + 1e-30;
        expect(Math.abs(got - want), `${field} at layer ${l + 1}: ${got} vs ${want}`).toBeLessThanOrEqual(tolerance);
      }
    }
  });

  it('is offered for plain stacks of random weights only', () => {
    expect(quickProbeSupported(withConfig({}))).toBe(true);
    expect(quickProbeSupported(withConfig({ residual: 1 }))).toBe(false);
    expect(quickProbeSupported(withConfig({ init: 'lsuv' }))).toBe(false);
    expect(quickProbeSupported(withConfig({ init: 'zeros' }))).toBe(false);
    expect(() => quickProbe(withConfig({ residual: 1 }))).toThrow();
  });
});
