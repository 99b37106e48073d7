import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, HIDE_TARGETS, joinQueries, PANEL_IDS, splitViewQuery, viewQuery } from './viewQuery.ts';

describe('view query', () => {
  it('takes the view keys out and leaves the experiment untouched', () => {
    const r = splitViewQuery('?depth=5&present=1&act=relu&hide=controls,depth&embed=1&panels=signal,gradient#x');
    expect(r.configQuery).toBe('depth=5&act=relu');
    expect(r.view).toEqual({ present: true, embed: true, panels: ['signal', 'gradient'], hide: ['controls', 'depth'], lab: null });
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
      fc.constantFrom(null, 'training' as const, 'residual' as const),
      (present, embed, panels, hide, lab) => {
        const view = { present, embed, panels, hide, lab };
        const back = splitViewQuery(joinQueries('depth=3', view));
        expect(back.view).toEqual(view);
        expect(back.configQuery).toBe('depth=3');
      },
    ));
  });

  it('writes lab= only where the experiment implies another lab', () => {
    expect(splitViewQuery('lab=training&depth=3').view.lab).toBe('training');
    expect(joinQueries('depth=3', { ...DEFAULT_VIEW, lab: 'init' })).toBe('depth=3');
    expect(joinQueries('data=spiral', { ...DEFAULT_VIEW, lab: 'training' })).toBe('data=spiral');
    expect(joinQueries('residual=1&data=spiral', { ...DEFAULT_VIEW, lab: 'residual' })).toBe('residual=1&data=spiral');
    expect(joinQueries('data=spiral', { ...DEFAULT_VIEW, lab: 'init' })).toBe('data=spiral&lab=init');
    expect(joinQueries('', { ...DEFAULT_VIEW, lab: 'residual' })).toBe('lab=residual');
    const bad = splitViewQuery('lab=cnn');
    expect(bad.view.lab).toBeNull();
    expect(bad.problems.map((p) => p.key)).toEqual(['lab']);
  });

  it('reads the lecture route, its step and the student view, and refuses other values readably', () => {
    const r = splitViewQuery('route=lecture&step=he&student=1&depth=3');
    expect(r.view).toMatchObject({ route: 'lecture', step: 'he', student: true });
    expect(r.configQuery).toBe('depth=3');
    expect(r.problems).toEqual([]);
    expect(joinQueries('depth=3', r.view)).toBe('depth=3&route=lecture&step=he&student=1');
    expect(splitViewQuery('route=lab&step=he').view).toEqual({ ...DEFAULT_VIEW, step: 'he' });
    const bad = splitViewQuery('route=%3Cscript%3E&step=..%2F..%2Fetc&student=2');
    expect(bad.view).toEqual(DEFAULT_VIEW);
    expect(bad.problems.map((p) => p.key)).toEqual(['route', 'step', 'student']);
    expect(bad.problems[0].message).toBe('route=<script> is not lecture or lab; opening the lab');
    expect(bad.problems[1].message).toMatch(/^step=\.\.\/\.\.\/etc is not a step of the lecture \(mle-map, pretraining, vanishing, … \(\d+ in all\)\); using the first step$/);
    const long = splitViewQuery(`step=${'x'.repeat(5000)}`);
    expect(long.problems[0].value.length).toBeLessThan(50);
  });

  it('derives a hide target for every control key, and none for the version or the variants', () => {
    for (const key of ['depth', 'gain', 'data', 'bneps', 'residual', 'auxw']) expect(HIDE_TARGETS).toContain(key);
    expect(HIDE_TARGETS).not.toContain('vs');
    expect(HIDE_TARGETS).not.toContain('v');
  });

  it('never throws on hostile text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 2000 }), (s) => {
      const r = splitViewQuery(s);
      expect(typeof r.configQuery).toBe('string');
    }), { numRuns: 2000 });
  });
});
