import { describe, expect, it } from 'vitest';
import { STAT, STAT_COUNT, type ProbeData } from '../../../engine/contract/probeLayout.ts';
import { describeGradient, describeWeightGradient, gradientRows, gradientSeries, weightGradientSeries } from './gradientRows.ts';

function probe(): ProbeData {
  const depth = 3;
  const stats = new Float64Array(depth * STAT_COUNT);
  const set = (l: number, f: keyof typeof STAT, v: number) => { stats[l * STAT_COUNT + STAT[f]] = v; };
  set(0, 'gradM2', 4); set(0, 'theoryGradM2', 4.2); set(0, 'weightGradNorm', 8); set(0, 'weightNorm', 16); set(0, 'weightGradRatio', 0.5);
  set(1, 'gradM2', 1e30); set(1, 'nonFiniteGrad', 3); set(1, 'theoryGradM2', Infinity); set(1, 'weightGradNorm', 1e20); set(1, 'nonFiniteWeightGrad', 1); set(1, 'weightNorm', 16); set(1, 'weightGradRatio', 1e19);
  set(2, 'gradM2', 0); set(2, 'theoryGradM2', 0); set(2, 'weightGradNorm', 0); set(2, 'weightNorm', 0); set(2, 'weightGradRatio', NaN);
  return { depth, widths: new Int32Array(depth), stats, preHist: new Float32Array(0), actHist: new Float32Array(0), forwardOverflowLayer: 0, backwardOverflowLayer: 2, theoryWeightVar: NaN, theoryActFactor: NaN };
}

describe('gradientRows', () => {
  const rows = gradientRows(probe());

  it('reads gradients and weight-gradient norms, overflow and zero marked', () => {
    expect(rows[0]).toEqual({
      layer: 1, gradM2: { kind: 'value', value: 4 }, theoryGradM2: { kind: 'value', value: 4.2 },
      weightGradNorm: { kind: 'value', value: 8 }, weightNorm: { kind: 'value', value: 16 }, weightGradRatio: { kind: 'value', value: 0.5 },
    });
    expect(rows[1]).toMatchObject({ gradM2: { kind: 'overflow' }, theoryGradM2: { kind: 'overflow' }, weightGradNorm: { kind: 'overflow' }, weightGradRatio: { kind: 'overflow' } });
  });

  it('leaves the ratio undefined where ‖W‖ = 0 instead of calling 0/0 an overflow', () => {
    expect(rows[2]).toMatchObject({ gradM2: { kind: 'zero' }, weightGradNorm: { kind: 'zero' }, weightNorm: { kind: 'zero' }, weightGradRatio: null });
  });

  it('builds both charts and names them', () => {
    expect(gradientSeries(rows).map((s) => s.kind)).toEqual(['measured', 'theory']);
    expect(weightGradientSeries(rows)[1].values).toEqual([{ kind: 'value', value: 0.5 }, { kind: 'overflow' }, null]);
    expect(describeGradient(rows)).toBe(
      'Second moment E[g²] of the gradients g = ∂L/∂h of 3 hidden layers, log scale. Measured: 4 at layer 1 to 0 at layer 3. '
      + 'Theory (dashed): 4.2 at layer 1 to 0 at layer 3. 1 layer overflowed; 1 layer is exactly 0.',
    );
    expect(describeWeightGradient(rows)).toContain('‖∂L/∂W‖ / ‖W‖: 0.5 at layer 1 to not defined at layer 3.');
  });
});
