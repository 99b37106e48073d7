import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withConfig } from '../contract/config.ts';
import { DATASETS, ON_DEMAND_FILES } from '../contract/datasets.ts';
import { buildDataset } from './dataset.ts';
import { parseDataFile } from './files.ts';

const read = (file: string) => new Uint8Array(readFileSync(new URL(`../../public/${file}`, import.meta.url)));
const classCounts = (labels: ArrayLike<number>) => {
  const counts = new Array<number>(10).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]]++;
  return counts;
};

describe.each(['mnist', 'fashion'] as const)('%s.bin', (name) => {
  const bytes = read(`${name}.bin`);
  const images = parseDataFile(name, bytes);

  it('holds 6000 images of 28 x 28 pixels in 0..255, 600 of each label 0..9', () => {
    expect([images.count, images.rows, images.cols, images.maxValue]).toEqual([6000, 28, 28, 255]);
    expect(DATASETS[name].countOf(withConfig({ data: name }))).toBe(images.count);
    expect(DATASETS[name].inputShape).toEqual([1, images.rows, images.cols]);
    expect(images.pixels.length).toBe(6000 * 784);
    expect(images.pixels.reduce((a, b) => Math.max(a, b), 0)).toBe(255);
    expect(classCounts(images.labels)).toEqual(new Array(10).fill(600));
  });

  it('is not sorted by class', () => {
    expect(new Set(images.labels.subarray(0, 50)).size).toBeGreaterThan(5);
  });

  it('the seeded split is close to class-balanced: 96..144 of each class among the 1200 test images', () => {
    const d = buildDataset(withConfig({ data: name }), images);
    expect([d.trainCount, d.testCount, d.inputWidth, d.classes]).toEqual([4800, 1200, 784, 10]);
    for (const c of classCounts(d.testLabels)) {
      expect(c).toBeGreaterThanOrEqual(96);
      expect(c).toBeLessThanOrEqual(144);
    }
  });

  it('a damaged file gives an error naming the file and what is wrong', () => {
    expect(() => parseDataFile(name, bytes.slice(0, 100_000))).toThrow(`${name}.bin: 100000 bytes, expected 4710012 for 6000 images of 28 x 28`);
    expect(() => parseDataFile(name, bytes.slice(0, 7))).toThrow(`${name}.bin: 7 bytes is shorter than its 12-byte header`);
    const html = new TextEncoder().encode('<!doctype html><title>not found</title>');
    expect(() => parseDataFile(name, html)).toThrow(`${name}.bin: does not start with "LSDG"`);
    const label = Uint8Array.from(bytes);
    label[label.length - 1] = 10;
    expect(() => parseDataFile(name, label)).toThrow(`${name}.bin: image 5999 has label 10, expected 0..9`);
  });

  it('another image file in its place (the 8x8 digits) is refused: it would not fit the network', () => {
    expect(() => parseDataFile(name, read('digits.bin'))).toThrow(`${name}.bin: images of 8 x 8, expected 28 x 28`);
  });

  it('is fetched only when picked, never ahead by the offline build', () => {
    expect(ON_DEMAND_FILES).toContain(`${name}.bin`);
  });
});

describe('image shape and standardization of the image sets', () => {
  it('every image set says its shape [C, H, W]; the 2D sets have none', () => {
    const digits = parseDataFile('digits', read('digits.bin'));
    expect(buildDataset(withConfig({ data: 'digits' }), digits).imageShape).toEqual([1, 8, 8]);
    expect(buildDataset(withConfig({ data: 'mnist' }), parseDataFile('mnist', read('mnist.bin'))).imageShape).toEqual([1, 28, 28]);
    expect(buildDataset(withConfig({ data: 'moons' }), null).imageShape).toBeNull();
    expect(ON_DEMAND_FILES).not.toContain('digits.bin');
  });

  it('the 28x28 sets: one mean and sd per channel from the TRAINING images; the test set goes through the same', () => {
    const d = buildDataset(withConfig({ data: 'fashion', seed: 3 }), parseDataFile('fashion', read('fashion.bin')));
    expect(d.standardized).toBe(true);
    expect(new Set(d.inputMean).size).toBe(1);
    expect(new Set(d.inputScale).size).toBe(1);
    let s = 0, s2 = 0;
    for (const v of d.trainInputs) {
      s += v;
      s2 += v * v;
    }
    const n = d.trainInputs.length, mean = s / n;
    expect(Math.abs(mean)).toBeLessThan(1e-5);
    expect(s2 / n - mean * mean).toBeCloseTo(1, 4);
    for (let i = 0; i < 2000; i += 7) expect(d.testInputs[i] * d.inputScale[0] + d.inputMean[0]).toBeCloseTo(d.testRaw[i], 3);
    // no pixel of a test image lands hundreds of sds out, as a pixel almost never inked in training would per pixel
    expect(d.testInputs.reduce((a, b) => Math.max(a, Math.abs(b)), 0)).toBeLessThan(255 / d.inputScale[0]);
  });
});
