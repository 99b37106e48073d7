/**
 * The scarce-data control: ntrain examples per class of the training split, seeded, nested, the
 * test set untouched; the MLP trainer, the conv trainer and the probe all train on the subset.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withConfig, type Config } from '../contract/config.ts';
import { trainCountOf } from '../contract/training.ts';
import { buildDataset } from './dataset.ts';
import { subsetPerClass } from './subset.ts';
import { permutation } from './dataset.ts';
import { createRng } from '../rng.ts';
import { loadTestDigits } from '../testing/trainingRuns.ts';
import { Trainer } from '../train/trainer.ts';
import { ArchTrainer } from '../arch/trainer.ts';
import { resolveArch } from '../arch/named/index.ts';

const digits = loadTestDigits();
const rowKey = (x: Float32Array, width: number, i: number) => Array.from(x.subarray(i * width, (i + 1) * width)).join(',');
const counts = (labels: Int32Array, classes: number) => {
  const c = new Array<number>(classes).fill(0);
  for (const l of labels) c[l]++;
  return c;
};

describe('subsetPerClass', () => {
  it('keeps min(perClass, class size) of each class, ascending, nested as perClass grows', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 200 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      (raw, perClass, seed) => {
        const labels = Int32Array.from(raw);
        const order = permutation(labels.length, createRng(seed));
        const kept = subsetPerClass(labels, 4, perClass, order);
        const all = counts(labels, 4);
        expect(counts(Int32Array.from(kept, (i) => labels[i]), 4)).toEqual(all.map((n) => Math.min(n, perClass)));
        for (let i = 1; i < kept.length; i++) expect(kept[i]).toBeGreaterThan(kept[i - 1]);
        const more = new Set(subsetPerClass(labels, 4, perClass + 3, order));
        for (const i of kept) expect(more.has(i)).toBe(true);
      },
    ), { numRuns: 300 });
  });
});

describe('buildDataset with ntrain', () => {
  it('ntrain=0 is the whole split, bit for bit as before, and the split is the unlabelled pool', () => {
    const d = buildDataset(withConfig({ data: 'digits', seed: 3 }), digits);
    expect(d.trainCount).toBe(1438);
    expect(d.splitCount).toBe(1438);
    expect(d.splitInputs).toBe(d.trainInputs);
  });

  for (const data of ['digits', 'spiral', 'moons'] as const) {
    it(`${data}: ntrain per class of the training split, seeded; the test set and the standardization never change`, () => {
      const full = buildDataset(withConfig({ data, seed: 7, classes: 3 }), digits);
      const scarce = buildDataset(withConfig({ data, seed: 7, classes: 3, ntrain: 10 }), digits);
      expect(counts(scarce.trainLabels, scarce.classes)).toEqual(new Array(full.classes).fill(10));
      expect(scarce.trainCount).toBe(trainCountOf(withConfig({ data, classes: 3, ntrain: 10 })));
      expect(scarce.testInputs).toEqual(full.testInputs);
      expect(scarce.testLabels).toEqual(full.testLabels);
      expect(scarce.inputMean).toEqual(full.inputMean);
      expect(scarce.inputScale).toEqual(full.inputScale);
      expect(scarce.splitInputs).toEqual(full.trainInputs);
      // every kept example is a training example with its own label
      const w = full.inputWidth, fullRows = new Map<string, number>();
      for (let i = 0; i < full.trainCount; i++) fullRows.set(rowKey(full.trainInputs, w, i), full.trainLabels[i]);
      for (let i = 0; i < scarce.trainCount; i++) expect(fullRows.get(rowKey(scarce.trainInputs, w, i))).toBe(scarce.trainLabels[i]);
      // the same seed, the same subset; another seed, another one
      expect(buildDataset(withConfig({ data, seed: 7, classes: 3, ntrain: 10 }), digits).trainInputs).toEqual(scarce.trainInputs);
      expect(buildDataset(withConfig({ data, seed: 8, classes: 3, ntrain: 10 }), digits).trainInputs).not.toEqual(scarce.trainInputs);
    });
  }

  it('ntrain above every class size keeps the whole split', () => {
    const full = buildDataset(withConfig({ data: 'moons', points: 60 }), null);
    const big = buildDataset(withConfig({ data: 'moons', points: 60, ntrain: 1000 }), null);
    expect(big.trainInputs).toEqual(full.trainInputs);
    expect(big.trainLabels).toEqual(full.trainLabels);
  });
});

describe('the trainers train on the subset', { timeout: 60_000 }, () => {
  const scarce: Config = withConfig({ data: 'digits', ntrain: 5, depth: 2, width: 16, batch: 64, seed: 2 });

  it('the MLP trainer: batches of at most the 50 examples, each batch drawn from them', () => {
    const t = new Trainer(scarce, digits);
    expect(t.dataset.trainCount).toBe(50);
    expect(t.batch).toBe(50);
    const kept = new Set<string>();
    for (let i = 0; i < 50; i++) kept.add(rowKey(t.dataset.trainInputs, 64, i));
    t.run(3);
    for (let r = 0; r < t.batch; r++) expect(kept.has(rowKey(t.cache.input.data, 64, r))).toBe(true);
    expect(t.metrics.step).toBe(3);
    expect(Number.isFinite(t.metrics.testLoss)).toBe(true);
  });

  it('the conv trainer (arch=) takes the same subset', () => {
    const t = new ArchTrainer({ ...scarce, arch: 'tiny_vgg' }, resolveArch('tiny_vgg').spec!, [1, 8, 8], digits);
    expect(t.dataset.trainCount).toBe(50);
    expect(t.batch).toBe(50);
    t.trainStep();
    t.evaluate();
    expect(Number.isFinite(t.metrics.testLoss)).toBe(true);
  });
});

describe('the CLI takes ntrain', { timeout: 60_000 }, () => {
  it('npm run probe -- "data=digits&ntrain=10" --steps N trains on the 100 examples and echoes the key', async () => {
    const { runTraining } = await import('../cli/train.ts');
    const config = withConfig({ data: 'digits', ntrain: 10, depth: 2, width: 16, batch: 256, seed: 1 });
    const report = runTraining(config, 20, { track: false, digits });
    expect(report.query).toContain('ntrain=10');
    expect(report.config.ntrain).toBe(10);
    expect(report.metrics.epoch).toBe(20); // full-batch: one epoch per step
    const full = runTraining({ ...config, ntrain: 0 }, 20, { track: false, digits });
    expect(full.fingerprint).not.toBe(report.fingerprint);
  });
});
