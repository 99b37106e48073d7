import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatArch, parseArch } from './grammar.ts';
import { analyseArch } from './shapePass.ts';
import { ACTIVATION_NAMES, type ArchItem, type ArchSpec } from './spec.ts';

const small = (max: number) => fc.integer({ min: 1, max });
const label = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/);
const withLabel = <T extends ArchItem>(item: fc.Arbitrary<T>): fc.Arbitrary<ArchItem> =>
  fc.tuple(item, fc.option(label, { nil: undefined })).map(([i, l]) => (l === undefined ? i : { ...i, label: l }));

const layer: fc.Arbitrary<ArchItem> = fc.oneof(
  fc.record({ kind: fc.constant('conv' as const), kernel: fc.tuple(small(7), small(7)), groups: small(4), stride: small(3), padding: fc.oneof(fc.constant('half' as const), fc.integer({ min: 0, max: 3 })), dilation: small(2), bias: fc.boolean(), mult: small(16) })
    .map(({ mult, ...c }) => ({ ...c, kernel: [c.kernel[0], c.kernel[1]] as const, out: c.groups * mult })),
  fc.record({ kind: fc.constant('pool' as const), op: fc.constantFrom('max' as const, 'avg' as const), kernel: small(4), stride: small(3), ceil: fc.boolean(), half: fc.boolean() })
    .map(({ half, ...p }) => ({ ...p, padding: half ? Math.floor(p.kernel / 2) : 0 })),
  fc.constant({ kind: 'gap' as const }),
  fc.record({ kind: fc.constant('adaptive' as const), size: small(4) }),
  fc.constant({ kind: 'flatten' as const }),
  fc.record({ kind: fc.constant('fc' as const), out: small(64), bias: fc.boolean() }),
  fc.constant({ kind: 'bn' as const }),
  fc.record({ kind: fc.constant('act' as const), fn: fc.constantFrom(...ACTIVATION_NAMES) }),
  fc.record({ kind: fc.constant('res' as const), out: small(32), stride: small(2) }),
  fc.record({ kind: fc.constant('bneck' as const), groups: small(4), mult: small(4), out: small(32), stride: small(2) }).map(({ mult, ...b }) => ({ ...b, width: b.groups * mult })),
  fc.record({ kind: fc.constant('inception' as const), c1: small(16), r3: small(16), c3: small(16), r5: small(16), c5: small(16), pool: small(16), k5: small(7), bn: fc.boolean() }),
  fc.record({ kind: fc.constant('dense' as const), layers: small(4), growth: small(8), bottleneck: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ kind: fc.constant('transition' as const), out: small(32) }),
);

const { item } = fc.letrec<{ item: ArchItem; items: ArchItem[] }>((tie) => ({
  item: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    withLabel(layer),
    withLabel(fc.record({ kind: fc.constant('group' as const), items: tie('items') as fc.Arbitrary<ArchItem[]> })),
    withLabel(fc.record({ kind: fc.constant('aux' as const), items: tie('items') as fc.Arbitrary<ArchItem[]> })),
    withLabel(fc.record({ kind: fc.constant('repeat' as const), times: small(3), item: tie('item') as fc.Arbitrary<ArchItem> })),
  ),
  items: fc.array(tie('item') as fc.Arbitrary<ArchItem>, { minLength: 1, maxLength: 4 }),
}));
const spec: fc.Arbitrary<ArchSpec> = fc.array(item, { minLength: 1, maxLength: 6 }).map((items) => ({ items }));

const depthOf = (items: readonly ArchItem[]): number =>
  Math.max(0, ...items.map((i) => (i.kind === 'group' || i.kind === 'aux' ? 1 + depthOf(i.items) : i.kind === 'repeat' ? 1 + depthOf([i.item]) : 0)));

// Characters the grammar uses, so mutations land near valid text rather than in random noise.
const GRAMMAR_CHARS = 'conv3-64s2p1d2g4nb,bnrelu()*:maxavggapfc10resbneckincdensetransaux_x9';

function checkParse(text: string): void {
  const { spec: parsed, problems } = parseArch(text);
  expect(parsed === null).toBe(problems.length > 0);
  for (const p of problems) {
    expect(p.offset).toBeGreaterThanOrEqual(0);
    expect(p.offset).toBeLessThanOrEqual(text.length);
    expect(p.expected.length).toBeGreaterThan(0);
    expect(p.message).toMatch(/^at \d+: expected /);
  }
  if (parsed) expect(parseArch(formatArch(parsed)).spec).toEqual(parsed);
}

describe('the arch grammar under generated input', () => {
  it('parse(format(spec)) == spec for thousands of generated specs', () => {
    fc.assert(fc.property(spec, (s) => {
      fc.pre(depthOf(s.items) <= 8);
      expect(parseArch(formatArch(s))).toEqual({ spec: s, problems: [] });
    }), { numRuns: 2000 });
  });

  it('never throws on arbitrary text; every problem carries an offset inside the text and what was expected', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), checkParse), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...GRAMMAR_CHARS), maxLength: 120 }), checkParse), { numRuns: 3000 });
  });

  it('never throws on mutated valid specs (characters inserted, deleted, replaced)', () => {
    const mutation = fc.tuple(fc.nat(), fc.constantFrom('insert', 'delete', 'replace'), fc.constantFrom(...GRAMMAR_CHARS));
    fc.assert(fc.property(spec, fc.array(mutation, { minLength: 1, maxLength: 4 }), (s, mutations) => {
      let text = formatArch(s);
      for (const [at, how, ch] of mutations) {
        const i = at % (text.length + 1);
        text = how === 'insert' ? text.slice(0, i) + ch + text.slice(i) : how === 'delete' ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + ch + text.slice(i + 1);
      }
      checkParse(text);
    }), { numRuns: 3000 });
  });

  it('the shape pass never throws on a generated spec, whatever its shapes', () => {
    fc.assert(fc.property(spec, fc.constantFrom([3, 32, 32], [1, 8, 8], [16]), (s, input) => {
      const report = analyseArch(s, input);
      expect(report.output === null).toBe(report.problems.length > 0);
      if (report.output) expect(report.totals.params).toBeGreaterThanOrEqual(report.mainTotals.params);
    }), { numRuns: 1000 });
  });

  it('hostile input stays fast: the longest texts of brackets, repeats and half-layers parse in well under a second', () => {
    for (const unit of ['(', ')', '2*', 'conv3-', 'a:', ',', 'relu,', '256*(']) {
      const text = unit.repeat(Math.floor(8192 / unit.length));
      const started = performance.now();
      checkParse(text);
      expect(performance.now() - started).toBeLessThan(1000);
    }
    const started = performance.now();
    const report = analyseArch(parseArch('256*(256*(256*(256*relu)))').spec!, [1, 8, 8]);
    expect(report.problems[0]).toMatch(/more than 20000 layers/);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
