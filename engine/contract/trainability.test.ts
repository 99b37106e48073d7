import { describe, expect, it } from 'vitest';
import { tanhChaosPoint } from './chaosPlane.ts';
import { planCells, planColumns, planDepths, sixXiC, TRAINABILITY_PLAN, trainableDepth, TRAINED_ACCURACY } from './trainability.ts';

describe('the trainability map plan', () => {
  it('covers every (sigma_w^2, depth) cell once, deepest first, all with the map seed', () => {
    const cells = planCells(9);
    const { rows, columns } = TRAINABILITY_PLAN;
    expect(cells).toHaveLength(rows * columns);
    expect(new Set(cells.map((c) => c.index)).size).toBe(rows * columns);
    expect(cells.every((c) => c.index === c.row * columns + c.column && c.seed === 9)).toBe(true);
    expect(cells[0].depth).toBe(TRAINABILITY_PLAN.depth[1]);
    expect(cells[cells.length - 1].depth).toBe(TRAINABILITY_PLAN.depth[0]);
    expect(planColumns()[0]).toBe(TRAINABILITY_PLAN.sw2[0]);
    expect(planColumns()[columns - 1]).toBeCloseTo(TRAINABILITY_PLAN.sw2[1], 12);
    expect(planDepths()).toEqual([2, 8, 14, 20, 26, 32, 38, 44]);
  });

  it('draws 6 xi_c from the phase diagram\'s xi_c, infinite only at the edge', () => {
    const line = sixXiC([0.5, 1, 4], 0.05);
    expect(line).toEqual([0.5, 1, 4].map((w) => 6 * tanhChaosPoint(w, 0.05).xiC));
    expect(line[0]).toBeCloseTo(7.1, 1);
    expect(line[1]).toBeCloseTo(21.8, 1);
    expect(line[2]).toBeCloseTo(41.9, 1);
  });

  it('reads the trainable depth as the deepest row trained with every row below it', () => {
    const { rows, columns } = TRAINABILITY_PLAN;
    const acc = new Float64Array(rows * columns).fill(0.95);
    for (let r = 3; r < rows; r++) acc[r * columns] = 0.25;
    acc[6 * columns] = 0.9; // a lucky deep cell above a failed one does not count
    expect(trainableDepth(acc, 0)).toBe(14);
    expect(trainableDepth(acc, 1)).toBe(44);
    acc[2] = 0.2;
    expect(trainableDepth(acc, 2)).toBeNull();
    acc[columns + 3] = NaN;
    expect(trainableDepth(acc, 3)).toBeNaN();
    expect(TRAINED_ACCURACY).toBeGreaterThan(0.25);
  });
});
