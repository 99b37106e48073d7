import { describe, expect, it } from 'vitest';
import { withConfig } from '../contract/config.ts';
import { buildDataset, datasetProblem } from './dataset.ts';
import { testCountOf } from '../contract/training.ts';
import { parseDigits } from './digits.ts';
import { readFileSync } from 'node:fs';

const digits = parseDigits(new Uint8Array(readFileSync(new URL('../../public/digits.bin', import.meta.url))));

/** Row i of a row-major matrix as a string key. */
const rowKey = (x: Float32Array, width: number, i: number) => Array.from(x.subarray(i * width, (i + 1) * width)).join(',');

describe('buildDataset', () => {
  it('splits round(split N) examples into the test set, at least one on each side', () => {
    expect([testCountOf(1797, 0.2), testCountOf(500, 0), testCountOf(500, 1), testCountOf(10, 0.25)]).toEqual([359, 1, 499, 3]);
    const d = buildDataset(withConfig({ data: 'moons', points: 400, split: 0.25 }), null);
    expect([d.trainCount, d.testCount, d.inputWidth, d.classes]).toEqual([300, 100, 2, 2]);
  });

  it('the split is a partition of the examples, fixed by the seed', () => {
    const config = withConfig({ data: 'digits', seed: 5 });
    const a = buildDataset(config, digits);
    const b = buildDataset(config, digits);
    expect(a.testRaw).toEqual(b.testRaw);
    expect(a.trainInputs).toEqual(b.trainInputs);
    const c = buildDataset({ ...config, seed: 6 }, digits);
    expect(c.testLabels).not.toEqual(a.testLabels);
    // test and train together are the 1797 images (compare raw test images against the training set un-standardized)
    const all = new Map<string, number>();
    for (let i = 0; i < digits.count; i++) {
      const key = Array.from(digits.pixels.subarray(i * 64, (i + 1) * 64)).join(',');
      all.set(key, (all.get(key) ?? 0) + 1);
    }
    const seen = new Map<string, number>();
    const count = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1);
    for (let i = 0; i < a.testCount; i++) count(rowKey(a.testRaw, 64, i));
    const raw = Float32Array.from(a.trainInputs, (v, i) => Math.round(v * a.inputScale[i % 64] + a.inputMean[i % 64]));
    for (let i = 0; i < a.trainCount; i++) count(rowKey(raw, 64, i));
    expect(seen).toEqual(all);
  });

  it('digits: standardized with the TRAINING set\'s per-pixel mean and sd (test set not used)', () => {
    const d = buildDataset(withConfig({ data: 'digits' }), digits);
    expect(d.standardized).toBe(true);
    let constant = 0;
    for (let j = 0; j < 64; j++) {
      let s = 0, s2 = 0;
      for (let r = 0; r < d.trainCount; r++) {
        const v = d.trainInputs[r * 64 + j];
        s += v;
        s2 += v * v;
      }
      const mean = s / d.trainCount, variance = s2 / d.trainCount - mean * mean;
      expect(Math.abs(mean)).toBeLessThan(1e-5);
      if (d.inputScale[j] === 1 && variance < 1e-12) constant++; // a pixel that is 0 in every training image
      else expect(variance).toBeCloseTo(1, 4);
    }
    expect(constant).toBeGreaterThan(0); // the corners of the 8 x 8 frame
    // the test set went through the same transform: raw = input sd + mean
    for (let i = 0; i < 200; i++) {
      const j = i % 64;
      expect(d.testInputs[i] * d.inputScale[j] + d.inputMean[j]).toBeCloseTo(d.testRaw[i], 4);
    }
  });

  it('toys are used as generated (not standardized)', () => {
    const d = buildDataset(withConfig({ data: 'spiral', classes: 3 }), null);
    expect(d.standardized).toBe(false);
    expect(Array.from(d.inputMean)).toEqual([0, 0]);
    expect(Array.from(d.inputScale)).toEqual([1, 1]);
    expect(d.testRaw).toBe(d.testInputs);
    expect(d.classes).toBe(3);
  });

  it('refuses data=none and an image set without its file, with a readable reason', () => {
    expect(datasetProblem(withConfig({}), null)).toMatch(/data=none.*no labels/);
    expect(() => buildDataset(withConfig({}), null)).toThrow(/choose a data set/);
    expect(() => buildDataset(withConfig({ data: 'digits' }), null)).toThrow(/digits\.bin/);
    expect(() => buildDataset(withConfig({ data: 'mnist' }), null)).toThrow('the 28×28 handwritten digits (MNIST) file (mnist.bin) is not loaded');
  });
});
