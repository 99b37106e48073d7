import { describe, expect, it } from 'vitest';
import { gapSeries, lastGap } from './gap.ts';

describe('gapSeries', () => {
  it('is test minus training loss from the first evaluation with a training mean', () => {
    const g = gapSeries([0, 50, 100], [NaN, 0.5, 0.1], [2.3, 0.8, 0.9]);
    expect(Array.from(g.steps)).toEqual([50, 100]);
    expect(g.gap[0]).toBeCloseTo(0.3, 12);
    expect(g.gap[1]).toBeCloseTo(0.8, 12);
    expect(lastGap(g)).toBeCloseTo(0.8, 12);
  });

  it('is empty before any training, and a diverged row stays non-finite', () => {
    expect(gapSeries([0], [NaN], [2.3]).steps.length).toBe(0);
    expect(lastGap(gapSeries([0], [NaN], [2.3]))).toBeNaN();
    const g = gapSeries([0, 10, 20], [NaN, 0.4, Infinity], [1, 0.5, Infinity]);
    expect(Number.isFinite(g.gap[1])).toBe(false);
    expect(lastGap(g)).toBeCloseTo(0.1, 12);
  });
});
