import { describe, expect, it } from 'vitest';
import { planCells, sixXiC, TRAINABILITY_PLAN, type TrainabilityCell } from '../contract/trainability.ts';
import { trainCell, trainabilityData, trainabilityNetwork } from './cell.ts';

const cell = (sw2: number, depth: number, over: Partial<TrainabilityCell> = {}): TrainabilityCell => ({
  ...planCells(1)[0], index: 0, column: 0, row: 0, sw2, depth, ...over,
});

describe('one cell of the trainability map', () => {
  it('draws the mean-field ensemble: weights of variance sigma_w^2 / fan_in, biases of variance sigma_b^2', () => {
    const c = cell(2, 3, { width: 400, sb2: 0.3 });
    const net = trainabilityNetwork(c, 2);
    const moments = (x: Float32Array) => { let s = 0; for (const v of x) s += v * v; return s / x.length; };
    const hidden = net.units[1];
    expect(moments(hidden.weight.data) * hidden.fanIn).toBeCloseTo(2, 1); // 160,000 draws: sd of the estimate ~0.007
    const biases = Float32Array.from(net.units.slice(0, 3).flatMap((u) => Array.from(u.bias.data)));
    expect(moments(biases)).toBeGreaterThan(0.3 * 0.8); // 1,200 draws: sd of the estimate ~0.012
    expect(moments(biases)).toBeLessThan(0.3 * 1.2);
  });

  it('is the same run for the same cell (the seed, not the worker, decides), and every cell trains on the same data', () => {
    const a = trainCell(cell(1.5, 4, { steps: 40 })), b = trainCell(cell(1.5, 4, { steps: 40 }));
    expect(b).toEqual(a);
    expect(trainabilityData(cell(1, 2)).train.inputs).toEqual(trainabilityData(cell(3, 9, { index: 5 })).train.inputs);
    expect(trainCell(cell(1.5, 4, { steps: 40, index: 1 })).trainLoss).not.toBe(a.trainLoss);
  }, 60_000);

  it('deep in the ordered phase (depth 15 against 6 xi_c = 4) it stays at chance; near the edge of chaos the same depth trains', () => {
    expect(sixXiC([0.25, 1.75], TRAINABILITY_PLAN.sb2)[0]).toBeLessThan(5);
    const ordered = trainCell(cell(0.25, 15));
    const critical = trainCell(cell(1.75, 15));
    expect(ordered.testAccuracy).toBeLessThan(0.4);
    expect(critical.testAccuracy).toBeGreaterThan(0.85);
  }, 120_000); // seconds of training on a loaded machine: no test fails for being slow

  it('deep in the chaotic phase (depth 48, twice 6 xi_c = 25) it does not train', () => {
    expect(sixXiC([12], TRAINABILITY_PLAN.sb2)[0]).toBeLessThan(26);
    expect(trainCell(cell(12, 48)).testAccuracy).toBeLessThan(0.4);
  }, 120_000);
});
