import { describe, expect, it } from 'vitest';
import { COMPARISON_LINES, type ComparisonLineResult } from '../../../engine/contract/comparison.ts';
import { withConfig } from '../../../engine/contract/config.ts';
import { COMPUTING, comparisonSeries, comparisonState, comparisonTable, describeComparison, lineInUse } from './comparisonRows.ts';

const line = (pre: number[], grad = pre.map((v) => v * 2)): ComparisonLineResult => ({
  preM2: Float64Array.from(pre), gradM2: Float64Array.from(grad),
  theoryPreM2: Float64Array.from(pre, (v) => v * 0.5), theoryGradM2: Float64Array.from(grad, (v) => v * 0.5),
});

describe('comparisonState', () => {
  it('is current while only the keys the comparison overrides differ', () => {
    const base = withConfig({ depth: 5, act: 'relu' });
    expect(comparisonState(null, base)).toBe('none');
    expect(comparisonState(base, withConfig({ depth: 5, act: 'relu', init: 'he_normal', std: 3 }))).toBe('current');
    expect(comparisonState(base, withConfig({ depth: 6, act: 'relu' }))).toBe('previous');
    expect(comparisonState(base, withConfig({ depth: 5, act: 'tanh' }))).toBe('previous');
  });
});

describe('lineInUse', () => {
  it('finds the line whose overrides the config has', () => {
    expect(lineInUse(withConfig({ init: 'he_normal' }))?.id).toBe('he');
    expect(lineInUse(withConfig({ init: 'normal', std: 0.01 }))?.id).toBe('small');
    expect(lineInUse(withConfig({ init: 'normal', std: 1 }))?.id).toBe('unit');
    expect(lineInUse(withConfig({ init: 'normal', std: 0.5 }))).toBeNull();
    expect(lineInUse(withConfig({ init: 'he_normal', gain: 2 }))).toBeNull();
    expect(lineInUse(withConfig({ init: 'xavier_uniform' }))).toBeNull();
  });
});

describe('comparison series and table', () => {
  const lines = [line([0.01, 1e-4]), line([100, Infinity]), undefined, line([1, 0.5])];

  it('draws the lines that arrived, in their own colours, overflow kept', () => {
    const series = comparisonSeries(lines, 'forward', false, 'unit');
    expect(series.map((s) => s.id)).toEqual(['small', 'unit', 'xavier']);
    expect(new Set(series.map((s) => s.color)).size).toBe(3);
    expect(series[1].values).toEqual([{ kind: 'value', value: 100 }, { kind: 'overflow' }]);
    expect(series.map((s) => s.emphasis)).toEqual([false, true, false]);
    const withTheory = comparisonSeries(lines, 'backward', true, null);
    expect(withTheory.map((s) => `${s.id}:${s.kind}`)).toEqual(['small-theory:theory', 'small:measured', 'unit-theory:theory', 'unit:measured', 'xavier-theory:theory', 'xavier:measured']);
    expect(withTheory[1].values[0]).toEqual({ kind: 'value', value: 0.02 });
  });

  it('has a column per line and says which are still computing', () => {
    const { columns, rows } = comparisonTable(lines, 'forward', false);
    expect(columns.map((c) => c.header)).toEqual(COMPARISON_LINES.map((l) => l.label));
    expect(rows).toHaveLength(2);
    expect(rows[1].cells).toEqual([{ kind: 'value', value: 1e-4 }, { kind: 'overflow' }, COMPUTING, { kind: 'value', value: 0.5 }, COMPUTING, COMPUTING, COMPUTING]);
    const both = comparisonTable(lines, 'forward', true);
    expect(both.columns).toHaveLength(14);
    expect(both.columns[0]).toEqual({ header: 'measured', group: COMPARISON_LINES[0].label });
    expect(both.rows[0].cells.slice(0, 2)).toEqual([{ kind: 'value', value: 0.01 }, { kind: 'value', value: 0.005 }]);
  });

  it('names every line that arrived and the ones still computing', () => {
    const text = describeComparison(lines, 'forward');
    expect(text).toContain('under 7 initializers, 2 hidden layers');
    expect(text).toContain('N(0, 1): 100 at layer 1 to overflow at layer 2');
    expect(text).toContain('Still computing: standard U(±1/√n), He (normal), orthogonal, LSUV.');
  });
});
