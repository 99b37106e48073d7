import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecimatingSeries } from './series.ts';

describe('DecimatingSeries', () => {
  it('keeps every row until full, then every other one, always evenly spaced from row 0', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 8 }).map((h) => 2 * h), fc.integer({ min: 0, max: 400 }), (capacity, n) => {
      const s = new DecimatingSeries(2, capacity);
      for (let i = 0; i < n; i++) s.offer([i, -i]);
      expect(s.rows).toBeLessThanOrEqual(capacity);
      if (n > 0) expect(s.rows).toBeGreaterThanOrEqual(Math.min(n, capacity / 2));
      for (let r = 0; r < s.rows; r++) {
        expect(s.at(r, 0)).toBe(r * s.every); // the row offered r * every-th
        expect(s.at(r, 1)).toBe(-r * s.every);
      }
      // the kept rows reach the latest stride-aligned row offered
      if (n > 0) expect(s.at(s.rows - 1, 0)).toBe(Math.floor((n - 1) / s.every) * s.every);
    }));
  });

  it('chunk() copies the kept rows; clear() starts over', () => {
    const s = new DecimatingSeries(1, 4);
    for (let i = 0; i < 6; i++) s.offer([i]);
    const c = s.chunk();
    expect([c.rows, c.every, Array.from(c.data)]).toEqual([3, 2, [0, 2, 4]]);
    s.offer([6]);
    expect(Array.from(c.data)).toEqual([0, 2, 4]); // a copy
    s.clear();
    s.offer([9]);
    expect([s.rows, s.every, s.at(0, 0)]).toEqual([1, 1, 9]);
  });
});
