import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatArch, parseArch } from '../../../engine/contract/arch/grammar.ts';
import { NAMED_ARCHS } from '../../../engine/contract/arch/named/index.ts';
import type { ArchSpec } from '../../../engine/contract/arch/spec.ts';
import { batchNormState, fieldValue, insertAfter, LAYER_FIELDS, move, NEW_LAYERS, removeAt, setField, setKind, withBatchNorm } from './layerEdit.ts';

const spec = (text: string): ArchSpec => {
  const s = parseArch(text).spec;
  if (!s) throw new Error(`does not parse: ${text}`);
  return s;
};
const text = (r: { spec: ArchSpec | null; problem: string | null }) => {
  if (!r.spec) throw new Error(r.problem ?? 'no spec');
  return formatArch(r.spec);
};

describe('text and list never disagree: print(parse(s)) parses to the same spec', () => {
  it.each(Object.keys(NAMED_ARCHS))('%s', (name) => {
    const named = NAMED_ARCHS[name].spec;
    const printed = formatArch(named);
    expect(parseArch(printed).spec).toEqual(named);
    expect(formatArch(parseArch(printed).spec!)).toBe(printed);
  });

  const num = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map(String);
  const opt = (name: string, lo: number, hi: number) => fc.option(num(lo, hi).map((n) => name + n), { nil: '' });
  const layer = fc.oneof(
    fc.tuple(num(1, 7), fc.option(num(1, 7).map((k) => 'x' + k), { nil: '' }), num(1, 8).map((c) => String(Number(c) * 2)), opt('s', 1, 3), opt('p', 0, 3), opt('d', 1, 2), fc.constantFrom('', 'g2'), fc.constantFrom('', 'nb'))
      .map(([k, kw, c, s, p, d, g, nb]) => `conv${k}${kw}-${c}${s}${p}${d}${g}${nb}`),
    fc.tuple(fc.constantFrom('max', 'avg'), num(2, 4), opt('s', 1, 3), fc.constantFrom('', 'ceil')).map(([op, k, s, c]) => `${op}${k}${s}${c}`),
    fc.constantFrom('gap', 'flatten', 'bn', 'relu', 'tanh', 'gelu', 'adapt2'),
    fc.tuple(num(1, 64), fc.constantFrom('', 'nb')).map(([n, nb]) => `fc${n}${nb}`),
    fc.tuple(num(1, 64), opt('s', 1, 2)).map(([c, s]) => `res${c}${s}`),
    fc.tuple(num(1, 4), num(1, 16), opt('b', 0, 4)).map(([l, g, b]) => `dense${l}-${g}${b}`),
    fc.constantFrom('bneck8-32s2g2', 'inc8-8-8-4-4-4k3bn', 'trans16', 'b1:3*conv3-8', '(conv3-8,relu)', 'aux(gap,fc10)'),
  );
  it('for generated specs', () => {
    fc.assert(fc.property(fc.array(layer, { minLength: 1, maxLength: 8 }), (layers) => {
      const s = spec(layers.join(','));
      const printed = formatArch(s);
      expect(parseArch(printed).spec).toEqual(s);
    }), { seed: 15, numRuns: 300 });
  });
});

describe('editing a row rewrites the spec through the grammar', () => {
  const base = spec('conv3-8,relu,max2,conv3-16,relu,max2,gap,fc10');
  it('a field', () => {
    expect(text(setField(base, 0, 'out', '12'))).toBe('conv3-12,relu,max2,conv3-16,relu,max2,gap,fc10');
    expect(text(setField(base, 0, 'kw', '5'))).toBe('conv3x5-8,relu,max2,conv3-16,relu,max2,gap,fc10');
    expect(text(setField(base, 3, 'padding', '0'))).toBe('conv3-8,relu,max2,conv3-16p0,relu,max2,gap,fc10');
    expect(text(setField(base, 3, 'bias', 'off'))).toBe('conv3-8,relu,max2,conv3-16nb,relu,max2,gap,fc10');
    expect(text(setField(base, 1, 'fn', 'tanh'))).toBe('conv3-8,tanh,max2,conv3-16,relu,max2,gap,fc10');
    expect(text(setField(base, 2, 'stride', '1'))).toBe('conv3-8,relu,max2s1,conv3-16,relu,max2,gap,fc10');
  });
  it('refuses what the grammar refuses, with its reason, and leaves the spec alone', () => {
    expect(setField(base, 0, 'groups', '3')).toEqual({ spec: null, problem: expect.stringContaining('divisible by the groups') });
    expect(setField(base, 0, 'out', '0').problem).toContain('at least 1');
    expect(setField(base, 0, 'out', 'x').problem).toContain('whole number');
    expect(setField(base, 0, 'kh', '65').problem).toContain('1..64');
    expect(setField(base, 2, 'padding', '2').problem).toContain('at most half the kernel');
    expect(setField(base, 1, 'fn', 'swish').problem).toContain('one of linear');
    expect(setField(base, 9, 'out', '3').problem).toBe('no such field');
  });
  it('kind, add, remove, move', () => {
    expect(text(setKind(base, 6, 'fc'))).toBe('conv3-8,relu,max2,conv3-16,relu,max2,fc10,fc10');
    expect(text(setKind(spec('c1:conv3-8,fc10'), 0, 'res'))).toBe('c1:res16,fc10');
    expect(text(insertAfter(base, 0, 'bn'))).toBe('conv3-8,bn,relu,max2,conv3-16,relu,max2,gap,fc10');
    expect(text(insertAfter(base, -1))).toBe('relu,conv3-8,relu,max2,conv3-16,relu,max2,gap,fc10');
    expect(text(removeAt(base, 1))).toBe('conv3-8,max2,conv3-16,relu,max2,gap,fc10');
    expect(removeAt(spec('fc10'), 0).problem).toBe('a network needs a layer');
    expect(text(move(base, 1, 1))).toBe('conv3-8,max2,relu,conv3-16,relu,max2,gap,fc10');
    expect(move(base, 0, -1).problem).toBe('nowhere to move');
  });
  it('every kind a row offers has a default that parses and fields that read back', () => {
    for (const [kind, t] of Object.entries(NEW_LAYERS)) {
      const item = spec(t).items[0];
      expect(item.kind).toBe(kind);
      for (const f of LAYER_FIELDS[item.kind]) {
        // setting each field to the value it shows changes nothing
        const shown = fieldValue(item, f.key);
        expect(text(setField({ items: [item] }, 0, f.key, shown))).toBe(t);
      }
    }
  });
});

describe('batch norm after each conv', () => {
  it('inserts and removes bn right after each plain conv, repeats and groups opened', () => {
    const s = spec('conv3-8,relu,(conv3-8,relu),2*conv3-16,max2,gap,fc10');
    expect(batchNormState(s)).toBe('off');
    const on = withBatchNorm(s, true);
    expect(formatArch(on)).toBe('conv3-8,bn,relu,(conv3-8,bn,relu),2*(conv3-16,bn),max2,gap,fc10');
    expect(batchNormState(on)).toBe('on');
    expect(formatArch(withBatchNorm(on, true))).toBe(formatArch(on));
    const off = withBatchNorm(on, false);
    expect(formatArch(off)).toBe('conv3-8,relu,(conv3-8,relu),2*(conv3-16),max2,gap,fc10');
    expect(batchNormState(off)).toBe('off');
    expect(batchNormState(spec('conv3-8,bn,conv3-8,gap,fc10'))).toBe('mixed');
    expect(batchNormState(spec('res16,gap,fc10'))).toBeNull();
  });
  it('leaves a labelled bn and a bn not after a conv alone', () => {
    expect(formatArch(withBatchNorm(spec('conv3-8,b1:bn,relu,bn,fc10'), false))).toBe('conv3-8,b1:bn,relu,bn,fc10');
  });
  it('tiny_vgg with and without batch norm', () => {
    const vgg = NAMED_ARCHS.tiny_vgg.spec;
    const on = withBatchNorm(vgg, true);
    expect(batchNormState(on)).toBe('on');
    expect(parseArch(formatArch(on)).spec).toEqual(on);
  });
});
