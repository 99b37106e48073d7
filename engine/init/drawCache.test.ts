import { describe, expect, it } from 'vitest';
import { withConfig } from '../contract/config.ts';
import { runProbe } from '../experiment.ts';
import { createRng } from '../rng.ts';
import { cachedDraws, clearDrawCache } from './drawCache.ts';
import { drawWeights } from './initializers.ts';

/** The probe's weights and statistics, drawn afresh (no cache). */
function fresh(query: Parameters<typeof withConfig>[0]) {
  clearDrawCache();
  const run = runProbe(withConfig(query));
  clearDrawCache();
  return run;
}

function expectSameProbe(a: ReturnType<typeof runProbe>, b: ReturnType<typeof runProbe>): void {
  expect(a.net.units.length).toBe(b.net.units.length);
  a.net.units.forEach((layer, l) => expect(layer.weight.data).toEqual(b.net.units[l].weight.data));
  expect(a.probe.stats).toEqual(b.probe.stats);
}

describe('cached weight draws', () => {
  it('give the same stream as drawing in one go, for each family', () => {
    const shapes: [number, number][] = [[5, 7], [7, 7], [7, 3]];
    for (const family of ['uniform', 'normal', 'orthogonal'] as const) {
      clearDrawCache();
      const rng = createRng(99);
      const direct = shapes.map(([i, o]) => drawWeights(family, i, o, rng));
      expect(cachedDraws(99, family, shapes.slice(0, 1))).toEqual(direct.slice(0, 1)); // then extended
      expect(cachedDraws(99, family, shapes)).toEqual(direct);
      expect(cachedDraws(99, family, shapes.slice(0, 2))).toEqual(direct.slice(0, 2)); // a prefix
    }
  });

  it('leave every probe bit for bit as a fresh one, across the changes a slider makes', () => {
    const steps: Parameters<typeof withConfig>[0][] = [
      { depth: 6, width: 16, batch: 16, act: 'tanh', gain: 1 },
      { depth: 6, width: 16, batch: 16, act: 'tanh', gain: 1.35 }, // rescale only
      { depth: 6, width: 16, batch: 16, act: 'tanh', gain: 1.35, init: 'he_uniform' }, // same family
      { depth: 9, width: 16, batch: 16, act: 'tanh', gain: 1.35 }, // deeper: extends
      { depth: 4, width: 16, batch: 16, act: 'tanh', gain: 1.35 }, // shallower: a prefix
      { depth: 4, width: 24, batch: 16, act: 'tanh', gain: 1.35 }, // wider: drawn afresh
      { depth: 4, width: 24, batch: 16, act: 'relu', init: 'he_normal' }, // another family
      { depth: 4, width: 24, batch: 16, act: 'relu', init: 'he_normal', seed: 7 }, // another seed
      { depth: 4, width: 24, batch: 16, act: 'tanh', init: 'orthogonal', gain: 0.9 },
      { depth: 4, width: 24, batch: 16, act: 'tanh', init: 'lsuv' },
    ];
    clearDrawCache();
    for (const query of steps) {
      const cached = runProbe(withConfig(query));
      expectSameProbe(cached, fresh(query));
    }
  });
});
