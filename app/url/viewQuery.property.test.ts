/**
 * View keys against hostile links, model-based: generated links mix experiment parts with view
 * keys (lab, panels, hide, present, embed and the explorer's) whose values are markup, broken
 * percent-encoding or 64 KB long, each with its fate decided at generation. The split never throws,
 * passes the experiment's parts on untouched, names every rejected view value by its key in a short
 * readable message, and writes back a link that reopens the same view without a problem.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ARCH_LIMITS } from '../../engine/contract/arch/spec.ts';
import { DEFAULT_EXPLORE } from '../labs/architectures/exploreView.ts';
import { joinQueries, splitViewQuery, VIEW_KEYS, type ViewParams } from './viewQuery.ts';

/** An explorer view at its defaults and none are the same page. */
const normal = (v: ViewParams) => ({ ...v, explore: v.explore ?? DEFAULT_EXPLORE });

type ViewKey = (typeof VIEW_KEYS)[number];
/** 'rejected': must give a problem naming its key; 'kept': must be used as given. */
interface Part { readonly text: string; readonly key: ViewKey | null; readonly fate: 'rejected' | 'kept' | 'config' }

const MARKUP = [
  '<img src=x onerror=window.__pwned=1>', '"><script>alert(1)</script>', "'><svg onload=alert(1)>", '</li></ul><b>x',
  '<a href="javascript:alert(1)">', '{{constructor.constructor("alert(1)")()}}<', '<\u202e>', '<\u0000>', '<é\ud83d\ude00>', '<__proto__>',
];
const BAD_ESCAPES = ['%zz', '%', '%4', '%C0%AF', '%E0%80%AF', '%ED%A0%80', '%FF', '%80', '%E2%82', '%%'];
const markup = fc.constantFrom(...MARKUP);
/** Keys whose values name things from a fixed set or a strict pattern: any markup is refused. */
const STRICT: readonly ViewKey[] = VIEW_KEYS.filter((k) => k !== 'net' && k !== 'cmp');

const strictMarkup: fc.Arbitrary<Part> = fc.tuple(fc.constantFrom(...STRICT), markup, fc.constantFrom('', 'signal,', '1')).map(([key, value, prefix]) => ({
  // A valid item first (panels=signal,<img…>) still leaves the markup to be named.
  text: `${key}=${encodeURIComponent(prefix + value)}`, key, fate: 'rejected' as const,
}));
const specMarkup: fc.Arbitrary<Part> = fc.tuple(fc.constantFrom<ViewKey>('net', 'cmp'), markup).map(([key, value]) => ({
  // A spec is any text up to its limit: the explorer names its error at the failing character, in place.
  text: `${key}=${encodeURIComponent(value)}`, key, fate: 'kept' as const,
}));
const brokenEscape: fc.Arbitrary<Part> = fc.tuple(fc.constantFrom(...VIEW_KEYS), fc.constantFrom('', '1', 'signal', 'training'), fc.constantFrom(...BAD_ESCAPES)).map(([key, value, bad]) => ({
  text: `${key}=${value}${bad}`, key, fate: 'rejected' as const,
}));
/** Over every limit once decoded (a spec's 8,192 characters), up to 64 KB: markup repeated, cut by code points. */
const long: fc.Arbitrary<Part> = fc.tuple(fc.constantFrom(...VIEW_KEYS), markup, fc.integer({ min: ARCH_LIMITS.maxLength + 1, max: 64 * 1024 })).map(([key, value, length]) => ({
  text: `${key}=${encodeURIComponent(Array.from(value.repeat(Math.ceil(length / value.length))).slice(0, length).join(''))}`, key, fate: 'rejected' as const,
}));
const valid: fc.Arbitrary<Part> = fc.constantFrom<Part>(
  { text: 'present=1', key: 'present', fate: 'kept' }, { text: 'embed=0', key: 'embed', fate: 'kept' },
  { text: 'panels=signal,gradient', key: 'panels', fate: 'kept' }, { text: 'hide=controls,depth', key: 'hide', fate: 'kept' },
  { text: 'lab=training', key: 'lab', fate: 'kept' }, { text: 'insize=32', key: 'insize', fate: 'kept' }, { text: 'slide=gradient', key: 'slide', fate: 'kept' },
  { text: 'open=features,layer1.0', key: 'open', fate: 'kept' }, { text: 'layer=features.3', key: 'layer', fate: 'kept' },
);
/** Not view keys: the experiment's part of the link, hostile or not, passed on as written. */
const config: fc.Arbitrary<Part> = fc.constantFrom<Part>(
  { text: 'depth=3', key: null, fate: 'config' }, { text: `act=${encodeURIComponent(MARKUP[0])}`, key: null, fate: 'config' },
  { text: 'Present=1', key: null, fate: 'config' }, { text: 'lab%zz=1', key: null, fate: 'config' }, { text: 'zzz=%E0%80%AF', key: null, fate: 'config' },
  { text: `${encodeURIComponent(MARKUP[1])}=1`, key: null, fate: 'config' }, { text: 'vs=depth:6;residual:1', key: null, fate: 'config' },
);
const part = fc.oneof(
  { weight: 4, arbitrary: strictMarkup }, { weight: 1, arbitrary: specMarkup }, { weight: 3, arbitrary: brokenEscape },
  { weight: 1, arbitrary: long }, { weight: 2, arbitrary: valid }, { weight: 3, arbitrary: config },
);
/** The notice shows at most this much of a value (40 characters and an ellipsis), so a message stays a line or two. */
const LONGEST_MESSAGE = 400;

describe('view keys against a model of hostile links', () => {
  it('never throw, pass the experiment on, name every rejected value by its key, and write back a clean link', () => {
    fc.assert(fc.property(fc.array(part, { minLength: 1, maxLength: 8 }), (generated) => {
      // A view key given again is refused as a repeat (the first wins, as for the experiment's keys).
      const parts = generated.map((p, i) => (p.key !== null && generated.slice(0, i).some((q) => q.key === p.key) ? { ...p, fate: 'rejected' as const } : p));
      const { configQuery, view, problems } = splitViewQuery(`?${parts.map((p) => p.text).join('&')}`);
      expect(configQuery).toBe(parts.filter((p) => p.fate === 'config').map((p) => p.text).join('&'));
      for (const key of VIEW_KEYS) {
        const rejected = parts.filter((p) => p.key === key && p.fate === 'rejected').length;
        const named = problems.filter((p) => p.key === key).length;
        if (rejected > 0) expect(named, key).toBeGreaterThanOrEqual(rejected);
        else expect(named, key).toBe(0);
      }
      for (const p of problems) {
        expect(p.message).toContain(p.key);
        expect(p.message.length).toBeLessThanOrEqual(LONGEST_MESSAGE);
      }
      // The corrected link (what the address bar gets) reopens the same view, with nothing to name.
      const again = splitViewQuery(joinQueries(configQuery, view));
      expect(again.problems).toEqual([]);
      expect(normal(again.view)).toEqual(normal(view));
      expect(again.configQuery).toBe(configQuery);
    }), { numRuns: 1000 });
  }, 120_000); // a cap, not a measurement: 1,000 links with some 64 KB values take a few seconds
});
