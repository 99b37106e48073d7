import { describe, expect, it } from 'vitest';
import { NORM_FIELDS } from '../../../engine/contract/trainLayout.ts';
import { beforeAfterRows, noiseRows, normLayers, spread } from './batchStats.ts';

/** A norm array for `layers` layers of `width` units; fields[f] gives unit u's value of field f. */
function normArray(layers: number, width: number, value: (layer: number, field: number, unit: number) => number): Float32Array {
  const out = new Float32Array(layers * NORM_FIELDS.length * width);
  for (let l = 0; l < layers; l++) for (let f = 0; f < NORM_FIELDS.length; f++) for (let u = 0; u < width; u++) {
    out[(l * NORM_FIELDS.length + f) * width + u] = value(l, f, u);
  }
  return out;
}

describe('normLayers', () => {
  it('splits NORM_FIELDS x width blocks per layer, in order', () => {
    const layers = normLayers(normArray(2, 3, (l, f, u) => 100 * l + 10 * f + u), 2);
    expect(layers).toHaveLength(2);
    expect(Array.from(layers[1].runningVar)).toEqual([130, 131, 132]);
    expect(Array.from(layers[0].beta)).toEqual([50, 51, 52]);
  });

  it('refuses a length that does not divide into the layers', () => {
    expect(normLayers(new Float32Array(7), 2)).toEqual([]);
  });
});

describe('spread', () => {
  it('interpolates percentiles like numpy and skips non-finite values', () => {
    const s = spread([4, 0, 2, 1, 3, NaN, Infinity]);
    expect(s.min).toBe(0);
    expect(s.max).toBe(4);
    expect(s.p50).toBe(2);
    expect(s.p15).toBeCloseTo(0.6);
    expect(s.p85).toBeCloseTo(3.4);
    expect(spread([]).p50).toBeNaN();
  });
});

describe('beforeAfterRows', () => {
  it('after normalization a unit has mean beta and variance gamma² v / (v + eps)', () => {
    const eps = 1e-5;
    // fields: batchMean, batchVar, runningMean, runningVar, gamma, beta
    const layers = normLayers(normArray(1, 2, (_, f, u) => [5 + u, 4 * (u + 1), 0, 1, 2, 0.5][f]), 1);
    const [row] = beforeAfterRows(layers, eps);
    expect(row.meanBefore.min).toBe(5);
    expect(row.varBefore.max).toBe(8);
    expect(row.meanAfter.p50).toBeCloseTo(0.5);
    expect(row.varAfter.min).toBeCloseTo(4 * (4 / (4 + eps)), 6);
    expect(row.varNormalized.max).toBeCloseTo(8 / (8 + eps), 9);
    expect(row.varNormalized.max).toBeLessThan(1);
  });
});

describe('noiseRows', () => {
  it('compares the RMS distance of batch from running means with sqrt(mean running var / B)', () => {
    // Units' batch means are 0.5 and -0.5 away from running means of 0; running variance 4.
    const layers = normLayers(normArray(1, 2, (_, f, u) => [u === 0 ? 0.5 : -0.5, 3, 0, 4, 1, 0][f]), 1);
    const [row] = noiseRows(layers, 16, 0.1, false);
    expect(row.expected).toBeCloseTo(Math.sqrt(4 / 16));
    expect(row.observed).toBeCloseTo(0.5);
  });

  it('measures from the running mean before this batch when the step already folded the batch in', () => {
    // r_before = 0, b = 1, m = 0.1: r = 0.1, so b - r = 0.9 and b - r_before = 1.
    const layers = normLayers(normArray(1, 1, (_, f) => [1, 1, 0.1, 1, 1, 0][f]), 1);
    expect(noiseRows(layers, 4, 0.1, true)[0].observed).toBeCloseTo(1);
    expect(noiseRows(layers, 4, 0.1, false)[0].observed).toBeCloseTo(0.9);
    expect(noiseRows(layers, 4, 1, true)[0].observed).toBeCloseTo(0.9); // momentum 1 keeps no past: nothing to undo
  });
});
