import { describe, expect, it } from 'vitest';
import { formatArch, parseArch } from './grammar.ts';
import { NAMED_ARCHS } from './named/index.ts';

const ok = (text: string) => {
  const { spec, problems } = parseArch(text);
  expect(problems).toEqual([]);
  return spec!;
};

describe('parseArch', () => {
  it('reads layers with their defaults filled in', () => {
    expect(ok('conv3-64,bn,relu,max2,gap,fc10').items).toEqual([
      { kind: 'conv', kernel: [3, 3], out: 64, stride: 1, padding: 'half', dilation: 1, groups: 1, bias: true },
      { kind: 'bn' },
      { kind: 'act', fn: 'relu' },
      { kind: 'pool', op: 'max', kernel: 2, stride: 2, padding: 0, ceil: false },
      { kind: 'gap' },
      { kind: 'fc', out: 10, bias: true },
    ]);
  });

  it('reads options in any order, non-square kernels, and flags', () => {
    expect(ok('conv7-64p3s2nb').items[0]).toEqual({ kind: 'conv', kernel: [7, 7], out: 64, stride: 2, padding: 3, dilation: 1, groups: 1, bias: false });
    expect(ok('conv1x7-32d2g4').items[0]).toMatchObject({ kernel: [1, 7], dilation: 2, groups: 4 });
    expect(ok('max3s2p1ceil').items[0]).toEqual({ kind: 'pool', op: 'max', kernel: 3, stride: 2, padding: 1, ceil: true });
    expect(ok('leaky_relu,tanh,linear').items.map((i) => (i.kind === 'act' ? i.fn : ''))).toEqual(['leaky_relu', 'tanh', 'linear']);
  });

  it('reads blocks, labels, groups, repeats and auxiliary heads', () => {
    expect(ok('layer2:(bneck128-512s2,3*bneck128-512)').items[0]).toEqual({
      kind: 'group', label: 'layer2', items: [
        { kind: 'bneck', width: 128, out: 512, stride: 2, groups: 1 },
        { kind: 'repeat', times: 3, item: { kind: 'bneck', width: 128, out: 512, stride: 1, groups: 1 } },
      ],
    });
    expect(ok('inc64-96-128-16-32-32k3bn').items[0]).toEqual({ kind: 'inception', c1: 64, r3: 96, c3: 128, r5: 16, c5: 32, pool: 32, k5: 3, bn: true });
    expect(ok('dense6-32,trans128,dense4-12b0').items).toEqual([
      { kind: 'dense', layers: 6, growth: 32, bottleneck: 4 }, { kind: 'transition', out: 128 }, { kind: 'dense', layers: 4, growth: 12, bottleneck: 0 },
    ]);
    expect(ok('aux1:aux(gap,fc10),res64s2').items[0]).toEqual({ kind: 'aux', label: 'aux1', items: [{ kind: 'gap' }, { kind: 'fc', out: 10, bias: true }] });
    expect(ok('2*(conv3-8,relu)').items[0]).toMatchObject({ kind: 'repeat', times: 2, item: { kind: 'group' } });
  });

  it('names the offset and what was expected', () => {
    const at = (text: string) => parseArch(text).problems.map((p) => [p.offset, p.expected]);
    expect(at('conv3-64,bnn')).toEqual([[9, expect.stringContaining('a layer')]]);
    expect(at('conv3')).toEqual([[5, '"-" then the output channels of conv']]);
    expect(at('conv3-64q2')).toEqual([[8, expect.stringContaining('an option of conv (s, p, d, g, nb)')]]);
    expect(at('conv3-64s2s1')).toEqual([[10, expect.stringContaining('once')]]);
    expect(at('(conv3-8,relu')).toEqual([[13, '")" to close the "(" at 0']]);
    expect(at('relu)')).toEqual([[4, 'no ")" here (nothing to close)']]);
    expect(at('3res64')).toEqual([[1, expect.stringContaining('"*"')]]);
    expect(at('')).toEqual([[0, expect.stringContaining('a layer')]]);
    expect(at('conv0-8')).toEqual([[4, 'the kernel size of conv in 1..64']]);
    expect(at('conv3-64g5')).toEqual([[0, 'output channels (64) divisible by the groups (5)']]);
    expect(parseArch('fc10,,relu').problems[0].message).toBe('at 5: expected a layer: conv, max, avg, gap, adapt, flatten, fc, bn, an activation, res, bneck, inc, dense, trans, aux( or (, found ",relu"');
  });

  it('reports every bad item, not just the first, and returns no spec', () => {
    const { spec, problems } = parseArch('conv3-8,oops,relu,conv3-x,fc10');
    expect(spec).toBeNull();
    expect(problems.map((p) => p.offset)).toEqual([8, 24]);
  });

  it('caps length and nesting', () => {
    expect(parseArch('relu,'.repeat(2000)).problems[0].expected).toMatch(/at most 8192 characters/);
    expect(parseArch(`${'('.repeat(9)}relu${')'.repeat(9)}`).problems[0].expected).toMatch(/nested/);
    expect(parseArch(`${'2*'.repeat(9)}relu`).problems[0].expected).toMatch(/nested/);
    expect(parseArch('300*relu').problems[0].expected).toBe('a repeat count in 1..256');
  });
});

describe('formatArch', () => {
  it('prints the canonical form: defaults left out, options in a fixed order', () => {
    expect(formatArch(ok('conv3-64p3s2nb,max2s2,conv3-8p1'))).toBe('conv3-64s2p3nb,max2,conv3-8p1');
  });

  it('round-trips every named architecture', () => {
    for (const [name, named] of Object.entries(NAMED_ARCHS)) {
      expect(parseArch(formatArch(named.spec)), name).toEqual({ spec: named.spec, problems: [] });
    }
  });
});
