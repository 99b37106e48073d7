import { describe, expect, it } from 'vitest';
import { formatPercent } from './percent.ts';

describe('formatPercent', () => {
  it('reads at a glance and never rounds a part up to all or down to none', () => {
    expect(formatPercent(0.1234)).toBe('12.3%');
    expect(formatPercent(0.5)).toBe('50%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0.99999)).toBe('>99.9%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(4.6e-5)).toBe('0.0046%');
    expect(formatPercent(4.6e-5, { compact: true })).toBe('<0.01%');
    expect(formatPercent(0.0081, { compact: true })).toBe('0.81%');
    expect(formatPercent(NaN)).toBe('—');
  });
});
