import { describe, expect, it } from 'vitest';
import { stepDomain } from './stepAxisContext.ts';

describe('stepDomain', () => {
  it('shows every step, or the last N once there are more', () => {
    expect(stepDomain(5000, { scale: 'linear', last: null })).toEqual([0, 5000]);
    expect(stepDomain(5000, { scale: 'log', last: 1000 })).toEqual([4000, 5000]);
    expect(stepDomain(300, { scale: 'linear', last: 1000 })).toEqual([0, 300]);
    expect(stepDomain(0, { scale: 'linear', last: null })).toEqual([0, 1]);
  });
});
