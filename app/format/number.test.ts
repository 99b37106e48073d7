import { describe, expect, it } from 'vitest';
import { formatDuration, formatNumber, formatReading, readSecondMoment } from './number.ts';

describe('readSecondMoment', () => {
  it('sorts values by what a log axis can draw', () => {
    expect(readSecondMoment(0.25)).toEqual({ kind: 'value', value: 0.25 });
    expect(readSecondMoment(0)).toEqual({ kind: 'zero' });
    expect(readSecondMoment(-0)).toEqual({ kind: 'zero' });
    expect(readSecondMoment(Infinity)).toEqual({ kind: 'overflow' });
    expect(readSecondMoment(NaN)).toEqual({ kind: 'overflow' });
  });

  it('calls a layer with any non-finite entry overflow, even if its finite part has a moment', () => {
    expect(readSecondMoment(3e37, 12)).toEqual({ kind: 'overflow' });
  });
});

describe('formatNumber', () => {
  it('keeps 4 significant digits and reads back with Number()', () => {
    for (const x of [0.41234567, 12.345678, 1.2345e12, 4.2e-7, 1e77, 5e-324, 99999, 0.001]) {
      const s = formatNumber(x);
      expect(Math.abs(Number(s) - x) / x).toBeLessThan(5e-4);
      expect(s).not.toContain('+');
    }
    expect(formatNumber(0.41234567)).toBe('0.4123');
    expect(formatNumber(1.2345e12)).toBe('1.235e12');
    expect(formatNumber(4.2e-7)).toBe('4.2e-7');
    expect(formatNumber(1e77)).toBe('1e77');
    expect(formatNumber(2)).toBe('2');
  });

  it('names the edge cases', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(Infinity)).toBe('Infinity');
    expect(formatNumber(NaN)).toBe('NaN');
    expect(formatReading({ kind: 'overflow' })).toBe('overflow');
    expect(formatReading({ kind: 'zero' })).toBe('0');
  });
});

describe('formatDuration', () => {
  it('reads like a person says it', () => {
    expect(formatDuration(0.2)).toBe('1 ms');
    expect(formatDuration(640.4)).toBe('640 ms');
    expect(formatDuration(1290)).toBe('1.3 s');
    expect(formatDuration(12_400)).toBe('12 s');
    expect(formatDuration(NaN)).toBe('–');
  });
});
