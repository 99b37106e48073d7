import { describe, expect, it } from 'vitest';
import { withConfig } from '../contract/config.ts';
import { loadTestDigits } from '../testing/trainingRuns.ts';
import { Trainer } from './trainer.ts';
import { weightHistograms } from './weightHistogram.ts';
import { WEIGHT_BINS } from '../contract/trainLayout.ts';
import { priorPenalty } from './prior.ts';

describe('weightHistograms', () => {
  it('counts every weight of every layer once, over +-max|w|, with the sums of the prior term', () => {
    const t = new Trainer(withConfig({ data: 'digits', ntrain: 10, depth: 2, width: 16, wd: 0.01, prior: 'laplace' }), loadTestDigits());
    t.run(20);
    const h = weightHistograms(t.net);
    expect(h.layers).toBe(3);
    expect(h.bins).toBe(WEIGHT_BINS);
    expect(Array.from(h.n)).toEqual([64 * 16, 16 * 16, 16 * 10]);
    for (let l = 0; l < 3; l++) {
      let c = 0;
      for (let b = 0; b < h.bins; b++) c += h.counts[l * h.bins + b];
      expect(c).toBe(h.n[l]);
      const w = t.net.units[l].weight.data;
      expect(h.extent[l]).toBe(Math.max(...Array.from(w, Math.abs)));
    }
    // the trainer's prior term is wd times the sum over layers of |w| (weights only)
    expect(t.priorTerm).toBeCloseTo(0.01 * h.absSum.reduce((a, b) => a + b, 0), 10);
    const decayed = t.params.filter((p) => p.decay);
    expect(decayed).toHaveLength(3);
    expect(priorPenalty('gauss', decayed)).toBeCloseTo(h.halfSquares.reduce((a, b) => a + b, 0), 8);
  });
});
