import { describe, expect, it } from 'vitest';
import { groupRuns } from './DataTable.tsx';
import { describeEnds, describeOffAxis } from './describe.ts';
import { layerCount, placeableValues, readoutText, seriesInBand, stepLayer, type LineSeries } from './lineSeries.ts';

const v = (value: number) => ({ kind: 'value', value }) as const;
const series: LineSeries[] = [
  { id: 'a', label: 'measured', color: 'red', kind: 'measured', values: [v(1), { kind: 'overflow' }, { kind: 'zero' }] },
  { id: 'b', label: 'theory', color: 'blue', kind: 'theory', values: [v(0.5), v(1e40), null] },
  { id: 'c', label: 'other', color: 'green', kind: 'measured', values: [{ kind: 'overflow' }] },
];

describe('line series', () => {
  it('counts layers, keeps only what a log axis can place, and gives each band its series', () => {
    expect(layerCount(series)).toBe(3);
    expect(placeableValues(series)).toEqual([1, 0.5, 1e40]);
    expect(seriesInBand(series, 'overflow')).toEqual(['a', 'c']);
    expect(seriesInBand(series, 'zero')).toEqual(['a']);
  });

  it('reads a layer out in words, zero, overflow and "not defined" included', () => {
    expect(readoutText(series, 0)).toBe('Layer 1: measured 1 · theory 0.5 · other overflow');
    expect(readoutText(series, 2)).toBe('Layer 3: measured 0 · theory — · other —');
  });

  it('steps through layers with the arrow keys, Home, End and Page keys, and lets go on Escape', () => {
    expect(stepLayer('ArrowRight', null, 5)).toBe(0);
    expect(stepLayer('ArrowRight', 4, 5)).toBe(4);
    expect(stepLayer('ArrowLeft', 0, 5)).toBe(0);
    expect(stepLayer('ArrowLeft', 3, 5)).toBe(2);
    expect(stepLayer('End', 1, 5)).toBe(4);
    expect(stepLayer('Home', 3, 5)).toBe(0);
    expect(stepLayer('PageUp', 0, 50)).toBe(10);
    expect(stepLayer('PageDown', 5, 50)).toBe(0);
    expect(stepLayer('Escape', 3, 5)).toBeNull();
    expect(stepLayer('a', 3, 5)).toBeUndefined();
  });
});

describe('describe', () => {
  it('names the ends and what left the axis', () => {
    expect(describeEnds([v(2), v(1), { kind: 'zero' }])).toBe('2 at layer 1 to 0 at layer 3');
    expect(describeEnds([v(2)])).toBe('2');
    expect(describeEnds([v(2), null])).toBe('2 at layer 1 to not defined at layer 2');
    expect(describeOffAxis([{ kind: 'overflow' }, { kind: 'overflow' }, { kind: 'zero' }])).toBe('2 layers overflowed; 1 layer is exactly 0');
    expect(describeOffAxis([v(1)])).toBe('');
  });
});

describe('groupRuns', () => {
  it('spans a group header over consecutive columns of that group only', () => {
    expect(groupRuns([{ header: 'a', group: 'G' }, { header: 'b', group: 'G' }, { header: 'c' }, { header: 'd', group: 'G' }])).toEqual([
      { name: 'G', start: 0, span: 2 }, { name: undefined, start: 2, span: 1 }, { name: 'G', start: 3, span: 1 },
    ]);
  });
});
