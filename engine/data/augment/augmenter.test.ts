import { describe, expect, it } from 'vitest';
import { augSpecOf } from '../../contract/augment.ts';
import { withConfig } from '../../contract/config.ts';
import { createRng } from '../../rng.ts';
import { loadTestDigits } from '../../testing/trainingRuns.ts';
import { buildDataset, type Dataset } from '../dataset.ts';
import { Augmenter, type AugmentData } from './augmenter.ts';
import { sampleBeta } from './beta.ts';
import { elasticField, gaussianKernel } from './elastic.ts';

const digits = loadTestDigits();
const dataset: Dataset = buildDataset(withConfig({ data: 'digits' }), digits);
const BATCH = 16, N = 64;

/** The first BATCH training digits (standardized, as the trainer copies them) and their labels. */
function batch(): { x: Float32Array; labels: Int32Array } {
  return { x: dataset.trainInputs.slice(0, BATCH * N), labels: dataset.trainLabels.slice(0, BATCH) };
}
function augmented(aug: string, seed = 1, data: AugmentData = dataset) {
  const b = batch(), a = new Augmenter(augSpecOf(aug), data, BATCH, seed);
  a.apply(b.x, b.labels);
  return { ...b, augmenter: a };
}
/** Row r back in pixels (the digits' 0..16). */
function pixels(x: Float32Array, r: number): number[] {
  return Array.from({ length: N }, (_, k) => x[r * N + k] * dataset.inputScale[k] + dataset.inputMean[k]);
}
const rawRow = (r: number): number[] => pixels(batch().x, r).map(Math.round);

describe('augmentations of the training batch', () => {
  it.each(['shift:0', 'subpixel:0', 'rotate:0', 'scale:0', 'elastic:0:1', 'noise:0', 'cutout:0', 'mixup:0', 'shift:0_rotate:0_elastic:0:2_noise:0_cutout:0'])(
    'strength 0 (%s) is the identity bit for bit, through the standardization and back', (aug) => {
      const { x } = augmented(aug);
      expect(Array.from(x)).toEqual(Array.from(batch().x));
    });

  it('shift:k moves each digit by whole pixels, at most k each way: the same values, exactly, in a shifted frame', () => {
    const { x } = augmented('shift:2');
    let moved = 0;
    for (let r = 0; r < BATCH; r++) {
      const before = rawRow(r), after = pixels(x, r).map((v) => Math.round(v * 1e6) / 1e6);
      const offsets: [number, number][] = [];
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) {
          let ok = true;
          for (let y = 0; y < 8 && ok; y++) {
            for (let px = 0; px < 8 && ok; px++) {
              const fx = px - dx, fy = y - dy;
              const want = fx >= 0 && fx < 8 && fy >= 0 && fy < 8 ? before[fy * 8 + fx] : 0;
              ok = Math.abs(after[y * 8 + px] - want) < 1e-4;
            }
          }
          if (ok) offsets.push([dx, dy]);
        }
      }
      expect(offsets.length, `row ${r}`).toBeGreaterThan(0);
      if (!offsets.some(([dx, dy]) => dx === 0 && dy === 0)) moved++;
    }
    expect(moved).toBeGreaterThan(BATCH / 2); // (1 - 1/25) of them move
  });

  it('geometric ops keep pixels within the image\'s range (a convex mix of pixels and the background 0)', () => {
    for (const aug of ['subpixel:0.7', 'rotate:30', 'scale:0.3', 'elastic:3:1', 'shift:1_subpixel:0.5_rotate:15_scale:0.1_elastic:2:1']) {
      const { x } = augmented(aug);
      for (let r = 0; r < BATCH; r++) {
        const after = pixels(x, r);
        expect(Math.min(...after), aug).toBeGreaterThan(-1e-4);
        expect(Math.max(...after), aug).toBeLessThan(Math.max(...(rawRow(r))) + 1e-4);
      }
      expect(Array.from(x), aug).not.toEqual(Array.from(batch().x));
    }
  });

  it('cutout:k sets one k x k square (clipped at the border) to the background and leaves every other pixel', () => {
    const { x } = augmented('cutout:3');
    for (let r = 0; r < BATCH; r++) {
      const before = rawRow(r), after = pixels(x, r).map((v) => Math.round(v * 1e4) / 1e4);
      const changed = after.map((v, k) => v !== before[k]);
      expect(changed.filter(Boolean).length).toBeLessThanOrEqual(9);
      changed.forEach((c, k) => { if (c) expect(Math.abs(after[k])).toBeLessThan(1e-4); });
    }
  });

  it('noise:s adds N(0, (s pixelMax)^2) per pixel: the measured sd over the batch is s 16 within sampling error', () => {
    const { x } = augmented('noise:0.25', 3);
    let s = 0, s2 = 0;
    const before = batch().x, n = BATCH * N;
    for (let r = 0; r < BATCH; r++) {
      const a = pixels(x, r), b = pixels(before, r);
      for (let k = 0; k < N; k++) { const d = a[k] - b[k]; s += d; s2 += d * d; }
    }
    const sd = Math.sqrt(s2 / n - (s / n) ** 2);
    // 1024 draws: the sd's standard error is ~ sd / sqrt(2n) = 2.2%; allow 4 of them.
    expect(Math.abs(sd / 4 - 1)).toBeLessThan(0.09);
    expect(Math.abs(s / n)).toBeLessThan(4 * 4 / Math.sqrt(n));
  });

  it('mixup mixes images and labels with the same lambda; each target row sums to 1; labels hold the larger share', () => {
    const b = batch();
    const { x, labels, augmenter } = augmented('mixup:0.4');
    const lambda = augmenter.lambda, t = augmenter.targets!;
    expect(lambda).toBeGreaterThan(0);
    expect(lambda).toBeLessThan(1);
    for (let i = 0; i < BATCH; i++) {
      const row = Array.from(t.subarray(i * 10, i * 10 + 10));
      expect(row.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 6);
      const own = augmenter.ownLabels[i], other = augmenter.partnerLabels[i];
      expect(own).toBe(b.labels[i]);
      expect(row[own]).toBeCloseTo(own === other ? 1 : lambda, 6);
      expect(labels[i]).toBe(lambda >= 0.5 ? own : other);
      // The partner is a row of the batch with that label whose mix reproduces x_i.
      const j = [...Array(BATCH).keys()].find((jj) => b.labels[jj] === other && [...Array(N).keys()].every((k) => Math.abs(x[i * N + k] - (lambda * b.x[i * N + k] + (1 - lambda) * b.x[jj * N + k])) < 1e-5));
      expect(j, `row ${i}`).toBeDefined();
    }
  });

  it('replays bit for bit from the seed, differs with another seed, and reset() starts the draws again', () => {
    const aug = 'shift:1_subpixel:0.3_rotate:10_scale:0.1_elastic:2:1_noise:0.05_cutout:2_mixup:0.2';
    expect(Array.from(augmented(aug, 5).x)).toEqual(Array.from(augmented(aug, 5).x));
    expect(Array.from(augmented(aug, 5).x)).not.toEqual(Array.from(augmented(aug, 6).x));
    const b = batch(), a = new Augmenter(augSpecOf(aug), dataset, BATCH, 5);
    a.apply(b.x, b.labels);
    const first = Array.from(b.x);
    const c = batch();
    a.apply(c.x, c.labels);
    expect(Array.from(c.x)).not.toEqual(first); // the next batch draws anew
    a.reset();
    const d = batch();
    a.apply(d.x, d.labels);
    expect(Array.from(d.x)).toEqual(first);
  });

  it('a 2D point set takes noise and mixup (sd in the data\'s units) and refuses the ops that need an image', () => {
    const points: AugmentData = { inputWidth: 2, imageShape: null, pixelMax: null, classes: 2, inputMean: new Float64Array(2), inputScale: new Float64Array(2).fill(1) };
    const x = Float32Array.of(0.5, -0.5, 1, 1), labels = Int32Array.of(0, 1);
    const a = new Augmenter(augSpecOf('noise:0.1'), points, 2, 1);
    a.apply(x, labels);
    expect(Array.from(x).every((v, i) => Math.abs(v - [0.5, -0.5, 1, 1][i]) < 0.5)).toBe(true);
    expect(() => new Augmenter(augSpecOf('shift:1'), points, 2, 1)).toThrow('need images');
  });
});

describe('elastic deformation (Simard et al. 2003)', () => {
  it('alpha 0 gives a zero field; the field\'s RMS matches alpha sqrt(1/3) sum k^2 (2D) away from the border', () => {
    const h = 28, w = 28, rng = createRng(9), kernel = gaussianKernel(4);
    const dx = new Float64Array(h * w), dy = new Float64Array(h * w), tmp = new Float64Array(h * w);
    elasticField(rng, 0, kernel, h, w, dx, dy, tmp);
    expect(dx.every((v) => v === 0) && dy.every((v) => v === 0)).toBe(true);
    // A white field U[-1, 1] (variance 1/3) smoothed by a separable kernel has variance (1/3) (sum k_i^2)^2 away from the border.
    const k2 = kernel.reduce((s, v) => s + v * v, 0), theory = 34 * Math.sqrt(1 / 3) * k2;
    let s2 = 0, n = 0;
    for (let t = 0; t < 200; t++) {
      elasticField(rng, 34, kernel, h, w, dx, dy, tmp);
      for (let y = 12; y < 16; y++) for (let x = 12; x < 16; x++) { s2 += dx[y * w + x] ** 2 + dy[y * w + x] ** 2; n += 2; }
    }
    const rms = Math.sqrt(s2 / n);
    // The file's rule of thumb, 0.16 alpha / sigma, is the continuous limit of the same number.
    expect(theory).toBeCloseTo((0.163 * 34) / 4, 1);
    // 400 fields, nearby pixels correlated: ~200 independent draws, sd of the RMS estimate ~5%.
    expect(Math.abs(rms / theory - 1)).toBeLessThan(0.15);
  });

  it('the kernel sums to 1 and is truncated at 4 sigma', () => {
    const k = gaussianKernel(1.5);
    expect(k.length).toBe(2 * 6 + 1);
    expect(k.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 14);
  });
});

describe('Beta draws for mixup', () => {
  it.each([0.2, 1, 3])('Beta(a, a) at a = %s: mean 1/2 and variance 1 / (4 (2a + 1)) within sampling error', (a) => {
    const rng = createRng(11), n = 20000;
    let s = 0, s2 = 0;
    for (let i = 0; i < n; i++) { const v = sampleBeta(rng, a, a); s += v; s2 += v * v; }
    const mean = s / n, variance = s2 / n - mean * mean, want = 1 / (4 * (2 * a + 1));
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(want / n));
    expect(Math.abs(variance / want - 1)).toBeLessThan(0.05);
  });
});
