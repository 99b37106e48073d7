import { describe, expect, it } from 'vitest';
import { sixXiC, TRAINABILITY_PLAN } from '../../../engine/contract/trainability.ts';
import { viridis } from '../../charts/colormap.ts';
import { accuracyColor, columnReadings, mapDomains, mapReading, PENDING, sixXiCurve, trainableText } from './trainabilityRows.ts';

const plan = TRAINABILITY_PLAN;

describe('the trainability map rows', () => {
  it('colours chance dark, perfect yellow, pending grey', () => {
    expect(accuracyColor(0.25, 4)).toEqual(viridis(0));
    expect(accuracyColor(1, 4)).toEqual(viridis(1));
    expect(accuracyColor(0.1, 4)).toEqual(viridis(0));
    expect(accuracyColor(NaN, 4)).toEqual(PENDING);
  });

  it('puts each cell centre half a cell inside the plot', () => {
    const { x, y } = mapDomains(plan);
    expect(x[0]).toBeCloseTo(0.125, 12);
    expect(x[1]).toBeCloseTo(4.125, 12);
    expect(y[0]).toBeCloseTo(2 - 3, 12);
  });

  it('draws 6 xi_c inside the plot and breaks it where it leaves the top', () => {
    const curve = sixXiCurve(plan);
    const top = mapDomains(plan).y[1];
    const inside = curve.filter((p) => Number.isFinite(p[1]));
    expect(inside.every((p) => p[1] <= top + 1e-9)).toBe(true);
    expect(curve.some((p) => Number.isNaN(p[1]))).toBe(true); // around the edge of chaos 6 xi_c > 44
    const crossing = curve.filter((p) => p[1] === top);
    expect(crossing.length).toBeGreaterThanOrEqual(1);
    expect(sixXiC([crossing[0][0]], plan.sb2)[0]).toBeCloseTo(top, 0);
  });

  it('reads a finished map in its own numbers, and says nothing while a cell is missing', () => {
    const acc = new Float64Array(plan.rows * plan.columns).fill(0.95);
    for (let r = 2; r < plan.rows; r++) acc[r * plan.columns] = 0.25; // sigma_w^2 0.25: trains to depth 8
    const readings = columnReadings(plan, acc);
    expect(readings[0].trainable).toBe(8);
    expect(trainableText(plan, readings[0].trainable)).toBe('8');
    expect(trainableText(plan, readings[5].trainable)).toBe('≥ 44');
    expect(trainableText(plan, null)).toBe('< 2');
    const text = mapReading(plan, acc);
    expect(text).toContain('σ_w² 0.25: 8 (6 ξ_c 4.0)');
    expect(text).toMatch(/1 of 1 columns are within 1\.5 rows/);
    acc[3] = NaN;
    expect(mapReading(plan, acc)).toBe('');
  });
});
