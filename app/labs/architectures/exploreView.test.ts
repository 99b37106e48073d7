import { describe, expect, it } from 'vitest';
import type { ConfigProblem } from '../../../engine/contract/config.ts';
import { joinQueries, splitViewQuery } from '../../url/viewQuery.ts';
import { DEFAULT_EXPLORE, formatExplore, parseExplore, type ExploreKey } from './exploreView.ts';

const parse = (entries: [ExploreKey, string][]) => {
  const problems: ConfigProblem[] = [];
  return { view: parseExplore(new Map(entries), problems), problems };
};

describe('explore view keys', () => {
  it('are absent from a link that has none', () => {
    expect(parse([]).view).toBeUndefined();
    expect(formatExplore(undefined)).toEqual([]);
    expect(formatExplore(DEFAULT_EXPLORE)).toEqual([]);
  });

  it('round-trip through a link, the spec kept readable', () => {
    const q = 'lab=architectures&net=conv3-16,relu,max2,gap,fc10&cmp=resnet50&insize=32&open=features,layer1.0&layer=features.3&conv=6-3-2-0-1-0-0-1-1';
    const { view, configQuery, problems } = splitViewQuery(q);
    expect(problems).toEqual([]);
    expect(configQuery).toBe('');
    expect(view.explore).toMatchObject({ net: 'conv3-16,relu,max2,gap,fc10', cmp: 'resnet50', size: 32, open: ['features', 'layer1.0'], layer: 'features.3' });
    expect(view.explore!.conv).toMatchObject({ n: 6, s: 2, p: 0 });
    expect(joinQueries('', view)).toBe('lab=architectures&net=conv3-16,relu,max2,gap,fc10&cmp=resnet50&insize=32&open=features,layer1.0&layer=features.3&conv=6-3-2-0-1-0-0-1-1');
  });

  it('name what they reject and never throw on hostile values', () => {
    const { view, problems } = parse([['insize', '99999'], ['conv', '1-2'], ['layer', '<img>'], ['open', 'a,,<b>,c'], ['net', 'x'.repeat(9000)]]);
    expect(view).toMatchObject({ size: null, layer: null, open: ['a', 'c'], net: 'vgg16' });
    expect(problems.map((p) => p.key)).toEqual(['insize', 'conv', 'layer', 'open', 'net']);
    expect(problems[3].message).toBe('open: "<b>" is not a block name; ignored');
    for (const hostile of ['%', '%E0%A4%A', 'net=%00', 'insize=-1', 'conv=' + '9-'.repeat(5000), 'open=' + 'a,'.repeat(10000)]) {
      expect(() => splitViewQuery(hostile)).not.toThrow();
    }
  });
});

describe('explore view keys, hostile', () => {
  it('any value of any key parses without throwing, and what it keeps writes back to itself', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(fc.property(fc.constantFrom('net', 'cmp', 'insize', 'open', 'layer', 'conv'), fc.string({ maxLength: 300 }), (key, value) => {
      const { view } = splitViewQuery(`lab=architectures&${key}=${encodeURIComponent(value)}`);
      const again = splitViewQuery(joinQueries('', view)).view;
      expect(again.explore ?? DEFAULT_EXPLORE).toEqual(view.explore ?? DEFAULT_EXPLORE);
    }), { numRuns: 400 });
  });
});
