import { describe, expect, it } from 'vitest';
import { withConfig } from '../../../engine/contract/config.ts';
import { STAT, STAT_COUNT, type ProbeData } from '../../../engine/contract/probeLayout.ts';
import { gradientGrowthReading, notAppliedText, theorySource } from './probeNotes.ts';

function probe(grad: number[], theory: number[]): ProbeData {
  const depth = grad.length, stats = new Float64Array(depth * STAT_COUNT).fill(NaN);
  grad.forEach((g, l) => { stats[l * STAT_COUNT + STAT.gradM2] = g; stats[l * STAT_COUNT + STAT.theoryGradM2] = theory[l]; });
  return { depth, widths: new Int32Array(depth), stats, preHist: new Float32Array(0), actHist: new Float32Array(0), forwardOverflowLayer: 0, backwardOverflowLayer: 0, theoryWeightVar: NaN, theoryActFactor: NaN };
}

describe('the initialization lab’s notes beside its probe', () => {
  it('lists the keys the probe did not use, with why', () => {
    expect(notAppliedText(withConfig({}))).toBeNull();
    expect(notAppliedText(withConfig({ lr: 0.5, bnpos: 'after' }))).toBe(
      'Not used by this probe: lr=0.5 (a training key: the probe takes no step); bnpos=after (batch norm’s key (norm=none)).'.replace('’', '\''),
    );
  });

  it('names the source of the batch-norm theory, π/(π − 1) for BN then ReLU', () => {
    expect(theorySource(withConfig({}), 'gradient')).toBeNull();
    expect(theorySource(withConfig({ norm: 'batch', act: 'relu' }), 'gradient')).toMatch(/π\/\(π − 1\) ≈ 1.467.*Yang, Pennington/);
    expect(theorySource(withConfig({ norm: 'batch' }), 'signal')).toMatch(/v\/\(v \+ ε\)/);
  });

  it('reads the measured growth per layer against the theory’s from the numbers shown', () => {
    expect(gradientGrowthReading(probe([8, 4, 2, 1], [27, 9, 3, 1]))).toBe('this run: E[g²] ×2 per layer going down (geometric mean over layers 4 to 1), theory ×3.');
    expect(gradientGrowthReading(probe([0, 1], [1, 1]))).toBeNull();
  });
});
