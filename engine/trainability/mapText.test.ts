import { describe, expect, it } from 'vitest';
import { TRAINABILITY_PLAN } from '../contract/trainability.ts';
import { formatTrainabilityMap } from './mapText.ts';

describe('the trainability map as text', () => {
  it('prints each row deepest first, marks cells under 6 xi_c, and each column\'s trainable depth', () => {
    const plan = { ...TRAINABILITY_PLAN, columns: 2, sw2: [0.5, 1] as const, rows: 3, depth: [2, 12] as const };
    // rows: depth 2, 7, 12; column 0 trains to 7, column 1 everywhere.
    const text = formatTrainabilityMap(plan, [0.9, 0.95, 0.8, 0.93, 0.25, 0.91]);
    const lines = text.split('\n');
    expect(lines[1]).toBe('depth  12 |  25   91*');
    expect(lines[2]).toBe('depth   7 |  80*  93*');
    expect(lines[3]).toBe('depth   2 |  90*  95*');
    expect(text).toMatch(/ {5}0\.50 {5}7\.1  7\n {5}1\.00 {4}21\.8  >= 12/);
  });

  it('shows unfinished cells as .. and their column as unknown', () => {
    const plan = { ...TRAINABILITY_PLAN, columns: 1, sw2: [1, 1] as const, rows: 2, depth: [2, 4] as const };
    const text = formatTrainabilityMap(plan, [NaN, NaN]);
    expect(text).toContain('depth   4 |  ..*');
    expect(text).toMatch(/1\.00 +21\.8 {2}\.\.$/m);
  });
});
