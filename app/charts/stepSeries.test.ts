import { describe, expect, it } from 'vitest';
import { DecimatingSeries } from '../../engine/contract/series.ts';
import { stepYAxis } from './stepAxis.ts';
import {
  column, divergenceSteps, latestRunStart, pixelIndices, firstNonFinite, formatStep, lastStep, nearestIndex, placeable, spreadRows, yExtent, type StepLine,
} from './stepSeries.ts';
import { describeSteps, percentNumber, stepTable } from './stepTable.ts';

const lineOf = (id: string, steps: number[], values: number[], color = 'red'): StepLine => ({ id, label: id, color, steps, values });

describe('step series helpers', () => {
  it('places finite values, and only positive ones on a log axis', () => {
    expect([1, 0, -1, NaN, Infinity].map((v) => placeable(v, 'linear'))).toEqual([true, true, true, false, false]);
    expect([1, 0, -1, NaN, Infinity].map((v) => placeable(v, 'log'))).toEqual([true, false, false, false, false]);
  });

  it('finds the nearest step by binary search, ties to the earlier', () => {
    const steps = [0, 50, 100, 150];
    expect(nearestIndex(steps, -10)).toBe(0);
    expect(nearestIndex(steps, 74)).toBe(1);
    expect(nearestIndex(steps, 75)).toBe(1);
    expect(nearestIndex(steps, 76)).toBe(2);
    expect(nearestIndex(steps, 1e9)).toBe(3);
    expect(nearestIndex([], 3)).toBe(-1);
  });

  it('takes the y extent over lines and bands, skipping what the scale cannot place', () => {
    const lines = [lineOf('a', [0, 1, 2], [2, NaN, 0.5]), lineOf('b', [0, 1], [-1, Infinity])];
    const bands = [{ id: 'c', label: 'c', color: 'x', steps: [0], lo: [-3], hi: [7] }];
    expect(yExtent(lines, bands, 'linear')).toEqual([-3, 7]);
    expect(yExtent(lines, [], 'log')).toEqual([0.5, 2]);
    expect(yExtent([lineOf('n', [0], [NaN])], [], 'linear')).toBeNull();
    expect(lastStep(lines, bands)).toBe(2);
  });

  it('marks where each line first turned non-finite, once per step', () => {
    expect(firstNonFinite([1, 2, 3])).toBe(-1);
    expect(firstNonFinite([1, Infinity, NaN])).toBe(1);
    const marks = divergenceSteps([
      lineOf('a', [0, 10, 20], [1, 2, NaN], 'red'),
      lineOf('b', [0, 10, 20], [1, Infinity, NaN], 'blue'),
      lineOf('c', [0, 20], [1, NaN], 'green'),
      lineOf('d', [0, 10], [1, 1], 'black'),
    ]);
    expect(marks).toEqual([{ step: 10, colors: ['blue'] }, { step: 20, colors: ['red', 'green'] }]);
  });

  it('keeps each pixel bucket\'s lowest and highest point of a dense line, and every break', () => {
    const ok = (v: number) => Number.isFinite(v);
    expect(pixelIndices([0, 1, 2], [1, 2, 3], (s) => s, ok, 2, 100)).toEqual([0, 1, 2]);
    const steps = Array.from({ length: 12 }, (_, i) => i);
    const values = [5, 1, 9, 2, /* bucket 1 */ 3, 3, 3, 3, /* bucket 2 */ 0, NaN, 8, 4];
    // 4 steps per bucket, 6 px wide: too many points, so thin.
    expect(pixelIndices(steps, values, (s) => s, ok, 4, 6)).toEqual([1, 2, 4, 8, 9, 10, 11]);
  });

  it('copies a column out of a decimating series', () => {
    const s = new DecimatingSeries(2, 4);
    for (let i = 0; i < 3; i++) s.offer([i * 10, i * i]);
    expect(Array.from(column(s, 0))).toEqual([0, 10, 20]);
    expect(Array.from(column(s, 1))).toEqual([0, 1, 4]);
    expect(Array.from(column(s, 0, 1))).toEqual([10, 20]);
  });

  it('finds where the latest run starts when a reset run was appended to the same history', () => {
    const s = new DecimatingSeries(1, 16);
    for (const step of [0, 50, 100, 150, 0, 50]) s.offer([step]);
    expect(latestRunStart(s)).toBe(4);
    const fresh = new DecimatingSeries(1, 16);
    for (const step of [0, 50, 50, 100]) fresh.offer([step]); // a re-evaluation repeats a step: not a restart
    expect(latestRunStart(fresh)).toBe(0);
  });

  it('spreads table rows evenly with the first and last kept', () => {
    expect(spreadRows(3, 5)).toEqual([0, 1, 2]);
    expect(spreadRows(101, 5)).toEqual([0, 25, 50, 75, 100]);
    const rows = spreadRows(1000, 60);
    expect(rows.length).toBe(60);
    expect(rows[0]).toBe(0);
    expect(rows[59]).toBe(999);
  });

  it('writes steps compactly', () => {
    expect(formatStep(0)).toBe('0');
    expect(formatStep(12500)).toBe('12,500');
    expect(formatStep(250000)).toBe('250k');
    expect(formatStep(1_200_000)).toBe('1.2M');
  });
});

describe('stepYAxis', () => {
  it('gives a linear axis nice ends and keeps a fixed domain as it is', () => {
    const a = stepYAxis([0.13, 0.87], 'linear', [300, 0], 6);
    expect(a.domain[0]).toBeLessThanOrEqual(0.13);
    expect(a.domain[1]).toBeGreaterThanOrEqual(0.87);
    const pct = stepYAxis([0, 1], 'linear', [300, 0], 5, percentNumber);
    expect(pct.domain).toEqual([0, 1]);
    expect(pct.ticks.map((t) => t.label)).toEqual(['0%', '20%', '40%', '60%', '80%', '100%']);
  });

  it('pads a flat line so it sits inside the plot', () => {
    const a = stepYAxis([2, 2], 'linear', [300, 0], 6);
    expect(a.domain[0]).toBeLessThan(2);
    expect(a.domain[1]).toBeGreaterThan(2);
    const z = stepYAxis([0, 0], 'linear', [300, 0], 6);
    expect(z.domain[0]).toBeLessThan(0);
    expect(z.domain[1]).toBeGreaterThan(0);
  });

  it('ticks 1-2-5 on a short log range and whole decades on a long one', () => {
    const short = stepYAxis([0.08, 2.3], 'log', [300, 0], 6);
    expect(short.ticks.map((t) => t.label)).toEqual(['0.05', '0.1', '0.2', '0.5', '1', '2', '5']);
    expect(short.domain).toEqual([0.05, 5]);
    const long = stepYAxis([1e-7, 3], 'log', [300, 0], 4);
    expect(long.ticks[0].label).toBe('10⁻⁷');
    expect(long.ticks.length).toBeLessThanOrEqual(5);
    expect(long.domain[0]).toBeLessThanOrEqual(1e-7);
    expect(long.domain[1]).toBeGreaterThanOrEqual(3);
    const crowded = stepYAxis([0.03, 3], 'log', [300, 0], 4);
    expect(crowded.ticks.map((t) => t.label)).toEqual(['0.03', '0.1', '0.3', '1', '3']);
  });

  it('ticks finely within a decade', () => {
    const a = stepYAxis([0.52, 0.86], 'log', [300, 0], 5);
    expect(a.ticks.map((t) => t.label)).toEqual(['0.6', '0.7', '0.8']);
    expect(a.domain[0]).toBeLessThan(0.52);
    expect(a.domain[1]).toBeGreaterThan(0.86);
  });
});

describe('stepTable', () => {
  it('puts a row per step of the first series, exact matches only unless asked for the nearest', () => {
    const { columns, rows } = stepTable([
      { header: 'test', group: 'a', steps: [0, 50, 100], values: [2.3, 1, 0.5] },
      { header: 'train', group: 'a', steps: [50, 100], values: [1.1, NaN] },
      { header: 'batch', steps: [1, 2, 49, 99], values: [9, 8, 7, 6], nearest: true },
      { header: 'acc', steps: [0, 50, 100], values: [0.1, 0.5, 0.987], format: percentNumber },
    ]);
    expect(columns).toEqual([{ header: 'test', group: 'a' }, { header: 'train', group: 'a' }, { header: 'batch' }, { header: 'acc' }]);
    expect(rows.map((r) => r.header)).toEqual(['0', '50', '100']);
    expect(rows.map((r) => r.cells)).toEqual([
      ['2.3', null, '9', '10%'],
      ['1', '1.1', '7', '50%'],
      ['0.5', 'NaN', '6', '98.7%'],
    ]);
  });

  it('says the chart in a sentence', () => {
    expect(describeSteps([{ label: 'test loss', steps: [0, 1200], values: [2.3, 0.1] }])).toBe('test loss 2.3 at step 0 to 0.1 at step 1,200');
    expect(describeSteps([])).toBe('no steps yet');
  });
});
