import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, HIDE_TARGETS, joinQueries, PANEL_IDS, splitViewQuery, viewQuery } from './viewQuery.ts';

describe('view query', () => {
  it('takes the view keys out and leaves the experiment untouched', () => {
    const r = splitViewQuery('?depth=5&present=1&act=relu&hide=controls,depth&embed=1&panels=signal,gradient#x');
    expect(r.configQuery).toBe('depth=5&act=relu');
    expect(r.view).toEqual({ present: true, embed: true, panels: ['signal', 'gradient'], hide: ['controls', 'depth'] });
    expect(r.problems).toEqual([]);
  });

  it('names what it rejects and keeps the rest', () => {
    const r = splitViewQuery('present=yes&panels=signal,<script>,signal&hide=%E0%A4%A');
    expect(r.view.present).toBe(false);
    expect(r.view.panels).toEqual(['signal']);
    expect(r.problems.map((p) => p.key)).toEqual(['present', 'panels', 'hide']);
    expect(r.view.hide).toEqual([]);
    expect(r.configQuery).toBe('');
  });

  it('writes defaults as nothing and round-trips', () => {
    expect(viewQuery(DEFAULT_VIEW)).toBe('');
    expect(joinQueries('depth=3', DEFAULT_VIEW)).toBe('depth=3');
    fc.assert(fc.property(
      fc.boolean(), fc.boolean(), fc.uniqueArray(fc.constantFrom(...PANEL_IDS)), fc.uniqueArray(fc.constantFrom(...HIDE_TARGETS)),
      (present, embed, panels, hide) => {
        const view = { present, embed, panels, hide };
        const back = splitViewQuery(joinQueries('depth=3', view));
        expect(back.view).toEqual(view);
        expect(back.configQuery).toBe('depth=3');
      },
    ));
  });

  it('never throws on hostile text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 2000 }), (s) => {
      const r = splitViewQuery(s);
      expect(typeof r.configQuery).toBe('string');
    }), { numRuns: 2000 });
  });
});
