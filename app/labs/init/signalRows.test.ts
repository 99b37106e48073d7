import { describe, expect, it } from 'vitest';
import { STAT, STAT_COUNT, type ProbeData } from '../../../engine/contract/probeLayout.ts';
import { describeSignal, signalRows, signalSeries } from './signalRows.ts';

function probeWith(depth: number, values: Record<number, Partial<Record<keyof typeof STAT, number>>>): ProbeData {
  const stats = new Float64Array(depth * STAT_COUNT);
  for (const [l, fields] of Object.entries(values)) {
    for (const [field, v] of Object.entries(fields)) stats[Number(l) * STAT_COUNT + STAT[field as keyof typeof STAT]] = v;
  }
  return { depth, widths: new Int32Array(depth), stats, preHist: new Float32Array(0), actHist: new Float32Array(0), forwardOverflowLayer: 0, backwardOverflowLayer: 0, theoryWeightVar: NaN, theoryActFactor: NaN };
}

describe('signalRows', () => {
  it('reads each layer, 1-based, and marks zero and overflow instead of passing them on', () => {
    const probe = probeWith(3, {
      0: { preM2: 0.5, theoryPreM2: 0.52, actM2: 0.25, theoryActM2: 0.26 },
      1: { preM2: 3e37, nonFinitePre: 4, theoryPreM2: Infinity, actM2: NaN, theoryActM2: NaN },
      2: { preM2: 0, theoryPreM2: 0, actM2: 0, theoryActM2: 1e-30 },
    });
    expect(signalRows(probe)).toEqual([
      { layer: 1, preM2: { kind: 'value', value: 0.5 }, theoryPreM2: { kind: 'value', value: 0.52 }, actM2: { kind: 'value', value: 0.25 }, theoryActM2: { kind: 'value', value: 0.26 } },
      { layer: 2, preM2: { kind: 'overflow' }, theoryPreM2: { kind: 'overflow' }, actM2: { kind: 'overflow' }, theoryActM2: { kind: 'overflow' } },
      { layer: 3, preM2: { kind: 'zero' }, theoryPreM2: { kind: 'zero' }, actM2: { kind: 'zero' }, theoryActM2: { kind: 'value', value: 1e-30 } },
    ]);
  });

  it('an activation that overflowed while its pre-activation did not is still overflow', () => {
    const probe = probeWith(1, { 0: { preM2: 2, actM2: 3, nonFiniteAct: 1 } });
    expect(signalRows(probe)[0].actM2).toEqual({ kind: 'overflow' });
  });
});

describe('signal chart', () => {
  const rows = signalRows(probeWith(3, {
    0: { preM2: 1, theoryPreM2: 1, actM2: 0.5, theoryActM2: 0.5 },
    1: { preM2: 0.5, theoryPreM2: 0.5, actM2: 0.25, theoryActM2: 0.25 },
    2: { preM2: 0, theoryPreM2: 0.25, actM2: 0, theoryActM2: 0.125 },
  }));

  it('plots the chosen signal, measured first (the legend and the readout name it first)', () => {
    const pre = signalSeries(rows, 'pre');
    expect(pre.map((s) => s.kind)).toEqual(['measured', 'theory']);
    expect(pre[0].values.map((v) => v?.kind === 'value' ? v.value : v?.kind)).toEqual([1, 0.5, 'zero']);
    expect(signalSeries(rows, 'act')[1].values.map((v) => v?.kind === 'value' ? v.value : v?.kind)).toEqual([0.5, 0.25, 0.125]);
  });

  it('names what it shows, ends and exact zeros included', () => {
    expect(describeSignal(rows, 'pre')).toBe(
      'Second moment E[h²] of the pre-activations of 3 hidden layers, log scale. Measured: 1 at layer 1 to 0 at layer 3. '
      + 'Theory (dashed): 1 at layer 1 to 0.25 at layer 3. 1 layer is exactly 0.',
    );
    expect(describeSignal(rows, 'act')).toMatch(/^Second moment E\[φ\(h\)²\] of the activations of 3 hidden layers/);
  });
});
