import { describe, expect, it } from 'vitest';
import { createCache, forward } from '../model/network.ts';
import { buildArch, MAX_STEP_MACS } from './build.ts';
import { NAMED_ARCHS } from './named/index.ts';
import { parseArch } from './grammar.ts';

const TINY = Object.keys(NAMED_ARCHS).filter((n) => n.startsWith('tiny_'));

describe('buildArch', () => {
  it.each(TINY)('%s on the 1x8x8 digits: the parameters the shape pass counts, logits out', (name) => {
    const built = buildArch(NAMED_ARCHS[name].spec, [1, 8, 8], 10, 4);
    expect(built.problems).toEqual([]);
    const net = built.net!;
    const count = net.layers.flatMap((l) => l.params()).reduce((n, p) => n + p.value.data.length, 0);
    expect(count).toBe(built.report.totals.params);
    const cache = createCache(net, 4);
    cache.input.data.forEach((_, i) => { cache.input.data[i] = Math.cos(i); });
    forward(net, cache);
    expect(cache.output.shape).toEqual([4, 10]);
    expect(cache.output.data.every(Number.isFinite)).toBe(true);
  });

  it('refuses a full-size VGG-16 from the shape pass, with the numbers, before allocating', () => {
    const built = buildArch(NAMED_ARCHS.vgg16.spec, [3, 224, 224], 1000, 32);
    expect(built.net).toBeNull();
    expect(built.cost!.stepMacs).toBeGreaterThan(MAX_STEP_MACS);
    expect(built.problems[0]).toMatch(/138,357,544 parameters.*MB of memory.*G multiply-accumulates per training step/);
  });

  it('says what is wrong with the end of the network and with shapes that cannot work', () => {
    expect(buildArch(parseArch('conv3-4,relu,gap,fc7').spec!, [1, 8, 8], 10, 2).problems[0]).toMatch(/ends in 7.*10 classes/);
    expect(buildArch(parseArch('max9,fc10').spec!, [1, 8, 8], 10, 2).problems[0]).toMatch(/does not fit/);
  });
});
