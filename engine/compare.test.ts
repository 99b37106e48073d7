import { describe, expect, it } from 'vitest';
import { withConfig } from './contract/config.ts';
import { COMPARISON_BATCH, COMPARISON_LINES } from './contract/comparison.ts';
import { runComparisonLine } from './compare.ts';
import { clearDrawCache, freshDraws } from './init/drawCache.ts';
import { forwardAndBackward } from './experiment.ts';

const line = (id: string) => COMPARISON_LINES.find((l) => l.id === id)!;

describe('the initializer comparison', () => {
  it('measures each line on at most COMPARISON_BATCH examples', () => {
    const base = withConfig({ depth: 4, width: 32, batch: 256 });
    const small = withConfig({ depth: 4, width: 32, batch: COMPARISON_BATCH });
    expect(runComparisonLine(base, line('he'))).toEqual(runComparisonLine(small, line('he')));
  });

  it('lines sharing draws give the bits fresh draws give (LSUV after orthogonal, He after Xavier, after a change of activation)', () => {
    const config = withConfig({ depth: 5, width: 24, batch: 48, act: 'relu' });
    const fresh = (id: string) => {
      const c = { ...config, ...line(id).overrides };
      clearDrawCache();
      const { cache } = forwardAndBackward(c, { keepDraws: false, draws: freshDraws });
      return Array.from({ length: 5 }, (_, l) => cache.taps[l].pre.data.reduce((s, x) => s + x * x, 0) / cache.taps[l].pre.data.length);
    };
    runComparisonLine(withConfig({ depth: 5, width: 24, batch: 48, act: 'tanh' }), line('orthogonal'));
    for (const id of ['orthogonal', 'lsuv', 'xavier', 'he', 'standard']) {
      const shared = Array.from(runComparisonLine(config, line(id)).preM2);
      expect(shared.map((x) => Math.fround(x))).toEqual(fresh(id).map((x) => Math.fround(x)));
    }
  });
});
