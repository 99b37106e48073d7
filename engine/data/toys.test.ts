import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.ts';
import { generateToy, toyClasses } from './toys.ts';
import { TOY_NAMES, type ToyName } from '../contract/datasets.ts';

const POINTS = 300;

function toy(name: ToyName, noise: number, classes = 2, seed = 1) {
  return generateToy(name, { points: POINTS, classes, noise }, createRng(seed));
}

describe.each(TOY_NAMES)('toy data set %s', (name) => {
  it('has balanced finite labels and points in about [-1, 1]^2 (noise 0.1)', () => {
    const set = toy(name, 0.1, 3);
    const classes = toyClasses(name, 3);
    expect([set.count, set.width, set.classes]).toEqual([POINTS, 2, classes]);
    const counts = new Array<number>(classes).fill(0);
    for (const l of set.labels) counts[l]++;
    expect(counts).toEqual(new Array<number>(classes).fill(POINTS / classes));
    for (const v of set.inputs) {
      expect(Number.isFinite(v)).toBe(true);
      expect(Math.abs(v)).toBeLessThan(1.6); // 1 plus 6 noise sd
    }
  });

  it('is fixed by the seed', () => {
    expect(toy(name, 0.1, 2, 7).inputs).toEqual(toy(name, 0.1, 2, 7).inputs);
    expect(toy(name, 0.1, 2, 8).inputs).not.toEqual(toy(name, 0.1, 2, 7).inputs);
  });

  it('noise only scales the same jitter: points move linearly with the noise slider', () => {
    const clean = toy(name, 0), a = toy(name, 0.1), b = toy(name, 0.3);
    for (let i = 0; i < clean.inputs.length; i++) {
      const da = a.inputs[i] - clean.inputs[i], db = b.inputs[i] - clean.inputs[i];
      expect(Math.abs(db - 3 * da)).toBeLessThan(1e-6);
    }
    expect(a.labels).toEqual(clean.labels);
  });
});

describe('toy geometry at noise 0', () => {
  const radius = (x: Float32Array, i: number) => Math.hypot(x[2 * i], x[2 * i + 1]);

  it('circles: class 0 on the unit circle, class 1 on radius 0.5', () => {
    const { inputs, labels } = toy('circles', 0);
    labels.forEach((l, i) => expect(radius(inputs, i)).toBeCloseTo(l === 0 ? 1 : 0.5, 6));
  });

  it('xor: class 0 where x y > 0, class 1 where x y < 0, all away from the axes', () => {
    const { inputs, labels } = toy('xor', 0);
    labels.forEach((l, i) => {
      const x = inputs[2 * i], y = inputs[2 * i + 1];
      expect(Math.sign(x * y)).toBe(l === 0 ? 1 : -1);
      expect(Math.min(Math.abs(x), Math.abs(y))).toBeGreaterThanOrEqual(0.05 - 1e-7);
    });
    // all four quadrants are used
    const quadrants = new Set(Array.from(labels, (_, i) => `${Math.sign(inputs[2 * i])}${Math.sign(inputs[2 * i + 1])}`));
    expect(quadrants.size).toBe(4);
  });

  it('moons: each class on its half circle (scikit-learn\'s make_moons, centred and scaled by 2/3)', () => {
    const { inputs, labels } = toy('moons', 0);
    labels.forEach((l, i) => {
      const mx = (inputs[2 * i] * 3) / 2 + 0.5, my = (inputs[2 * i + 1] * 3) / 2 + 0.25;
      const [cx, cy] = l === 0 ? [0, 0] : [1, 0.5];
      expect(Math.hypot(mx - cx, my - cy)).toBeCloseTo(1, 5);
      expect(l === 0 ? my >= -1e-6 : my <= 0.5 + 1e-6).toBe(true);
    });
  });

  it('spiral: radius and angle tie each point to its arm', () => {
    const { inputs, labels } = toy('spiral', 0, 3);
    labels.forEach((l, i) => {
      const r = radius(inputs, i);
      const angle = Math.atan2(inputs[2 * i + 1], inputs[2 * i]);
      const expected = (2 * Math.PI * l) / 3 + 2 * Math.PI * r; // one turn from the centre to radius 1
      const diff = Math.abs(Math.atan2(Math.sin(angle - expected), Math.cos(angle - expected)));
      expect(diff).toBeLessThan(1e-5 / Math.max(r, 1e-3) + 1e-5);
    });
  });

  it('blobs: each class around its own centre', () => {
    const { inputs, labels } = toy('blobs', 0, 3);
    for (let k = 0; k < 3; k++) {
      let sx = 0, sy = 0, n = 0;
      labels.forEach((l, i) => { if (l === k) { sx += inputs[2 * i]; sy += inputs[2 * i + 1]; n++; } });
      const angle = Math.PI / 2 + (2 * Math.PI * k) / 3;
      // the mean of 100 points of sd 0.2 is within 5 SE = 0.1 of the centre
      expect(Math.hypot(sx / n - 0.6 * Math.cos(angle), sy / n - 0.6 * Math.sin(angle))).toBeLessThan(0.1);
    }
  });

  it('circles, moons and xor have 2 classes whatever `classes` says; spiral and blobs follow it', () => {
    expect(TOY_NAMES.map((n) => toyClasses(n, 3))).toEqual([3, 2, 2, 2, 3]);
  });
});
