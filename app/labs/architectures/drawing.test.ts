import { describe, expect, it } from 'vitest';
import { analyse } from './archRows.ts';
import { layoutNetwork } from './drawing.ts';

describe('layoutNetwork', () => {
  it('draws folded blocks as one box each, top to bottom', () => {
    const { rows } = analyse('vgg16', null).report!;
    const l = layoutNetwork(rows, new Set(), 'shape');
    expect(l.boxes.map((b) => b.name)).toEqual(['features', 'avgpool', 'classifier']);
    expect(l.boxes[1].y).toBeGreaterThan(l.boxes[0].y);
    expect(l.height).toBeGreaterThan(0);
  });

  it('puts an open Inception module\'s branches side by side', () => {
    const { rows } = analyse('inc64-96-128-16-32-32', null, [192, 28, 28]).report!;
    const l = layoutNetwork(rows, new Set(['inception1']), 'shape');
    const firsts = ['branch1', 'branch2', 'branch3', 'branch4'].map((b) => l.boxes.find((x) => x.name.includes(`.${b}.`))!);
    expect(new Set(firsts.map((b) => b.y)).size).toBe(1);
    expect(firsts.map((b) => b.x)).toEqual([...firsts.map((b) => b.x)].sort((a, b) => a - b));
    expect(l.frames.map((f) => f.name)).toEqual(['inception1']);
  });

  it('draws a skip beside each residual block, labelled when it is a projection', () => {
    const { rows } = analyse('res64,res128s2', null, [64, 32, 32]).report!;
    expect(layoutNetwork(rows, new Set(), 'cost').arcs.map((a) => a.kind)).toEqual(['skip', 'skip']);
    expect(layoutNetwork(rows, new Set(['block2']), 'cost').arcs.map((a) => a.label)).toEqual(['+', '1x1']);
  });

  it('sizes boxes by cost: the costlier conv is the larger box', () => {
    const { rows } = analyse('conv3-8,conv3-64', null, [3, 32, 32]).report!;
    const [a, b] = layoutNetwork(rows, new Set(), 'cost').boxes;
    expect(b.w).toBeGreaterThan(a.w);
  });
});
