import { describe, expect, it } from 'vitest';
import { STAT, STAT_COUNT, type ProbeData } from '../../../engine/probe/layout.ts';
import { layerRows } from './layerRows.ts';

describe('layerRows', () => {
  it('reads each layer, 1-based, and marks zero and overflow instead of passing them on', () => {
    const depth = 3;
    const stats = new Float64Array(depth * STAT_COUNT);
    const set = (l: number, field: keyof typeof STAT, v: number) => { stats[l * STAT_COUNT + STAT[field]] = v; };
    set(0, 'preM2', 0.5); set(0, 'theoryPreM2', 0.52); set(0, 'gradM2', 2); set(0, 'theoryGradM2', 2.1);
    set(1, 'preM2', 3e37); set(1, 'nonFinitePre', 4); set(1, 'theoryPreM2', Infinity); set(1, 'gradM2', NaN); set(1, 'nonFiniteGrad', 65536); set(1, 'theoryGradM2', NaN);
    set(2, 'preM2', 0); set(2, 'theoryPreM2', 0); set(2, 'gradM2', 0); set(2, 'theoryGradM2', 1e-30);
    const probe: ProbeData = { depth, widths: new Int32Array(depth), stats, preHist: new Float32Array(0), actHist: new Float32Array(0), forwardOverflowLayer: 2, backwardOverflowLayer: 2 };
    expect(layerRows(probe)).toEqual([
      { layer: 1, preM2: { kind: 'value', value: 0.5 }, theoryPreM2: { kind: 'value', value: 0.52 }, gradM2: { kind: 'value', value: 2 }, theoryGradM2: { kind: 'value', value: 2.1 } },
      { layer: 2, preM2: { kind: 'overflow' }, theoryPreM2: { kind: 'overflow' }, gradM2: { kind: 'overflow' }, theoryGradM2: { kind: 'overflow' } },
      { layer: 3, preM2: { kind: 'zero' }, theoryPreM2: { kind: 'zero' }, gradM2: { kind: 'zero' }, theoryGradM2: { kind: 'value', value: 1e-30 } },
    ]);
  });
});
