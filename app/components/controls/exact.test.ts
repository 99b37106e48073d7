import { describe, expect, it } from 'vitest';
import { parseExact } from './exact.ts';

describe('parseExact', () => {
  const depth = { kind: 'int', min: 1, max: 200 } as const;
  const std = { kind: 'float', min: 0, max: 100 } as const;
  it('takes values in range, of the right kind', () => {
    expect(parseExact(' 50 ', depth)).toEqual({ ok: true, value: 50 });
    expect(parseExact('1e-3', std)).toEqual({ ok: true, value: 0.001 });
    expect(parseExact('-0', std)).toEqual({ ok: true, value: 0 });
    expect(Object.is((parseExact('-0', std) as { value: number }).value, 0)).toBe(true);
  });
  it('refuses empty, partial, fractional and out-of-range input with the reason', () => {
    for (const text of ['', '-', '1e', '2.5', '0', '201', 'Infinity', 'NaN']) {
      expect(parseExact(text, depth), text).toEqual({ ok: false, why: 'Enter a whole number from 1 to 200.' });
    }
    expect(parseExact('101', std)).toEqual({ ok: false, why: 'Enter a number from 0 to 100.' });
  });
});
