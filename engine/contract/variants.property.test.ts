/**
 * The vs grammar with architectures in it (`vs=lr:0.01,arch:conv3-8,relu,gap,fc10;init:he_normal`):
 * generated and mutated variants never throw, every problem is short and names what it refuses,
 * every kept variant's architecture resolves, the canonical form parses back to itself with no
 * problem, and beside an MLP primary no variant keeps an architecture.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuery, toQuery } from './config.ts';
import { ARCH_NAMES, resolveArch } from './arch/named/index.ts';
import { parseVariants, variantsOf } from './variants.ts';

const TOKENS = ['conv3-8', 'conv3-16p1', 'conv1-8', 'relu', 'tanh', 'bn', 'max2', 'avg2', 'gap', 'flatten', 'fc10', 'fc32', 'res8', 'dense3-4b2', 'trans8', '(conv3-8,relu)', '2*res8', 'c1:conv5-6p2'];
const specText = fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 8 }).map((t) => t.join(','));
const named = fc.constantFrom(...ARCH_NAMES.filter((n) => n.startsWith('tiny_')), 'lenet5');
/** A text with characters inserted, deleted or replaced by the grammar's own delimiters. */
const mutated = (text: fc.Arbitrary<string>) => fc.tuple(text, fc.array(fc.tuple(fc.nat(), fc.constantFrom('', ',', ':', ';', '(', ')', '*', '-', 'x', '9', ' ')), { maxLength: 3 }))
  .map(([t, edits]) => edits.reduce((s, [at, ch]) => { const i = s.length === 0 ? 0 : at % s.length; return s.slice(0, i) + ch + s.slice(i + 1); }, t));
const pair = fc.constantFrom('lr:0.01', 'init:he_normal', 'opt:adam', 'batch:64', 'gain:2', 'norm:batch', 'lr:bogus', 'depth:900', 'seed:3', 'nokey');
const archPair = fc.oneof(named, specText, mutated(specText), mutated(named), fc.constant('')).map((a) => `arch:${a}`);
const variant = fc.tuple(fc.array(pair, { maxLength: 3 }), fc.option(archPair, { nil: null }), fc.boolean())
  .map(([pairs, arch, archFirst]) => (arch === null ? pairs : archFirst ? [arch, ...pairs] : [...pairs, arch]).join(','));
const vs = fc.oneof(
  { weight: 4, arbitrary: fc.array(variant, { minLength: 1, maxLength: 4 }).map((v) => v.join(';')) },
  { weight: 1, arbitrary: mutated(fc.array(variant, { minLength: 1, maxLength: 3 }).map((v) => v.join(';'))) },
  { weight: 1, arbitrary: fc.string({ maxLength: 80 }).map((s) => `arch:${s}`) },
);

describe('vs with architectures: a property test', () => {
  it('never throws; short problems; kept architectures resolve; the canonical form is a fixed point', () => {
    fc.assert(fc.property(vs, (text) => {
      const parsed = parseVariants(text);
      for (const p of parsed.problems) {
        expect(p.message.length).toBeLessThanOrEqual(2 * 41 + 400);
        expect(p.value.length).toBeLessThanOrEqual(41);
      }
      for (const v of parsed.variants) if (v.arch !== undefined) expect(resolveArch(String(v.arch)).spec).not.toBeNull();
      const again = parseVariants(parsed.canonical);
      expect(again.problems).toEqual([]);
      expect(again.canonical).toBe(parsed.canonical);
    }), { numRuns: 3000 });
  });

  it('in a link: beside an architecture the variants keep theirs; beside the MLP none does, each named; the corrected link parses clean', () => {
    fc.assert(fc.property(vs, fc.boolean(), (text, primaryArch) => {
      const link = `data=digits${primaryArch ? '&arch=tiny_vgg' : ''}&vs=${encodeURIComponent(text)}`;
      const { config, problems } = parseQuery(link);
      const runs = variantsOf(config);
      if (!primaryArch) {
        expect(runs.every((r) => r.arch === '')).toBe(true);
        if (parseVariants(text).variants.some((v) => v.arch !== undefined)) expect(problems.some((p) => p.message.includes('compares architectures'))).toBe(true);
      } else {
        for (const r of runs) expect(resolveArch(r.arch).spec).not.toBeNull();
      }
      const again = parseQuery(toQuery(config));
      expect(again.problems).toEqual([]);
      expect(again.config).toEqual(config);
    }), { numRuns: 1500 });
  });
});
