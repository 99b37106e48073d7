import { describe, expect, it } from 'vitest';
import { DecimatingSeries } from '../../../engine/contract/series.ts';
import { STEP_FIELDS, stepColumns } from '../../../engine/contract/trainLayout.ts';
import { cellReadout, describeMatrix, lastRow, layerName, layersOf, layerTimeMatrix, logDomain, logPosition } from './layerTime.ts';

/** Two layers (a hidden layer and the head), rows for steps 1..3; each value encodes (step, layer, field). */
function history(): DecimatingSeries {
  const s = new DecimatingSeries(stepColumns(2), 8);
  for (let step = 1; step <= 3; step++) {
    const row: number[] = STEP_FIELDS.map((_, i) => (i === 0 ? step : 0.5));
    for (let l = 0; l < 2; l++) for (let f = 0; f < 4; f++) row.push(10 ** -(f + 1) * (l + 1) * step);
    s.offer(row);
  }
  return s;
}

describe('layerTimeMatrix', () => {
  it('picks the chosen field per layer, layer-major, with the step of each column', () => {
    const s = history();
    expect(layersOf(s)).toBe(2);
    const m = layerTimeMatrix(s, 'updateRatio');
    expect(m.layers).toBe(2);
    expect(m.columns).toBe(3);
    expect(Array.from(m.steps)).toEqual([1, 2, 3]);
    expect(m.values[0 * 3 + 2]).toBeCloseTo(1e-4 * 1 * 3);
    expect(m.values[1 * 3 + 0]).toBeCloseTo(1e-4 * 2 * 1);
    expect(layerTimeMatrix(s, 'actVar').values[0]).toBeCloseTo(0.1);
    expect(layerTimeMatrix(s, 'gradNorm').values[0]).toBeCloseTo(0.01);
  });

  it('names the last layer the output layer and reads cells back', () => {
    const m = layerTimeMatrix(history(), 'updateRatio');
    expect(layerName(0, 2)).toBe('1');
    expect(layerName(1, 2)).toBe('output');
    expect(cellReadout(m, 'updateRatio', 1, 2)).toBe('Step 3, the output layer: ‖ΔW‖ / ‖W‖ = 6e-4');
    expect(describeMatrix(m, 'updateRatio')).toMatch(/steps 1 to 3/);
  });

  it('lastRow gives every field of the newest row per layer', () => {
    const last = lastRow(history())!;
    expect(last.step).toBe(3);
    expect(last.layers).toHaveLength(2);
    expect(last.layers[1][0]).toBeCloseTo(0.1 * 2 * 3);
  });
});

describe('logDomain', () => {
  it('spans whole decades and takes in the rule-of-thumb value', () => {
    expect(logDomain([0.02, 0.5])).toEqual([-2, 0]);
    expect(logDomain([0.02, 0.5], 1e-3)).toEqual([-3, 0]);
    expect(logDomain([3, 3])).toEqual([0, 1]);
  });

  it('ignores zeros, NaN and Infinity; falls back when nothing is placeable', () => {
    expect(logDomain([0, NaN, Infinity, 10])).toEqual([1, 2]);
    expect(logDomain([0, NaN])).toEqual([-1, 1]);
    expect(logDomain([1e-50, 1e50])[1] - logDomain([1e-50, 1e50])[0]).toBe(40);
  });

  it('logPosition clamps into 0..1 and is NaN off the log scale', () => {
    expect(logPosition(1e-2, [-3, -1])).toBeCloseTo(0.5);
    expect(logPosition(1e-9, [-3, -1])).toBe(0);
    expect(logPosition(0, [-3, -1])).toBeNaN();
    expect(logPosition(Infinity, [-3, -1])).toBeNaN();
  });
});
