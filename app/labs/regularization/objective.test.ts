import { describe, expect, it } from 'vitest';
import { latestObjective, objectiveTex, texNumber, valuesTex } from './objective.ts';

describe('the objective written out', () => {
  it('takes the latest evaluation with a training mean, and adds the two terms', () => {
    const v = latestObjective([0, 50, 100], [NaN, 0.5, 0.25], [0.1, 0.2, 0.125]);
    expect(v).toEqual({ step: 100, dataTerm: 0.25, priorTerm: 0.125, total: 0.375 });
    expect(latestObjective([0], [NaN], [0])).toBeNull();
    expect(valuesTex(v!, { prior: 'gauss', wd: 0.01 })).toBe('L = 0.25 + 0.125 = 0.375');
    expect(valuesTex(v!, { prior: 'none', wd: 0.01 })).toBe('L = 0.25');
  });

  it('states the prior with sigma or b for N', () => {
    expect(objectiveTex({ prior: 'gauss', wd: 0.01 }, 100)[1]).toContain('= 1');
    expect(objectiveTex({ prior: 'laplace', wd: 0.001 }, 100)[1]).toContain('b = \\frac{1}{N\\lambda}');
    expect(objectiveTex({ prior: 'laplace', wd: 0.001 }, 100)[1]).toMatch(/= 10$/);
    expect(objectiveTex({ prior: 'none', wd: 0.01 }, 100)).toHaveLength(1);
    expect(texNumber(1.23456e-5)).toBe('1.23 \\times 10^{-5}');
  });
});

describe('the prior scale typed directly', () => {
  it('sets lambda = 1/(N sigma^2) or 1/(N b), to 4 digits, within wd\'s range', async () => {
    const { lambdaFromTyped } = await import('./PriorFields.tsx');
    expect(lambdaFromTyped('gauss', '1', 100)).toBe(0.01);
    expect(lambdaFromTyped('laplace', '10', 100)).toBe(0.001);
    expect(lambdaFromTyped('gauss', '3', 100)).toBe(0.001111);
    expect(lambdaFromTyped('gauss', '0.001', 100)).toBe(1); // capped at wd's maximum
    expect(lambdaFromTyped('gauss', '-1', 100)).toBeNull();
    expect(lambdaFromTyped('gauss', 'abc', 100)).toBeNull();
    expect(lambdaFromTyped('gauss', '', 100)).toBeNull();
  });
});
