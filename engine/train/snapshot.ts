import { probeTransferables, type ProbeData } from '../contract/probeLayout.ts';
import { measureLayers } from '../probe/measure.ts';
import type { Trainer } from './trainer.ts';
import { pretrainTransferables } from '../pretrain/view.ts';
import { archTransferables } from '../contract/archLayout.ts';
import { NORM_FIELDS, type DatasetView, type TrainSnapshot } from '../contract/trainLayout.ts';

export function datasetView(trainer: Trainer): DatasetView {
  const d = trainer.dataset;
  return {
    name: d.name, inputWidth: d.inputWidth, imageShape: d.imageShape, pixelMax: d.pixelMax, classes: d.classes, trainCount: d.trainCount, testCount: d.testCount,
    standardized: d.standardized,
    trainInputs: d.inputWidth === 2 ? Float32Array.from(d.trainInputs) : null,
    trainLabels: Int32Array.from(d.trainLabels),
    testInputs: Float32Array.from(d.testRaw),
    testLabels: Int32Array.from(d.testLabels),
  };
}

/**
 * Per-layer statistics of the latest training batch. At step 0 no batch has been seen yet: the
 * first `batch` training examples go through one forward and backward pass (batch statistics,
 * running estimates untouched, no update; the whole objective, auxiliary heads included), so the
 * initialization's picture is there from the start.
 */
export function measureTraining(trainer: Trainer): ProbeData {
  if (trainer.step === 0 && !trainer.divergence) trainer.initialPass();
  return measureLayers(trainer.net, trainer.cache, trainer.config.depth);
}

export function normState(trainer: Trainer): Float32Array | null {
  const { net, cache } = trainer;
  const normed = net.units.filter((u) => u.norm);
  if (normed.length === 0) return null;
  const width = trainer.config.width, f = NORM_FIELDS.length;
  const out = new Float32Array(normed.length * f * width);
  let at = 0;
  net.units.forEach((unit, l) => {
    const n = unit.norm, stats = cache.taps[l].normStats;
    if (!n || !stats) return;
    if (n.gamma.data.length !== width) {
      out.fill(NaN, at, at + f * width);
      at += f * width;
      return;
    }
    out.set(stats.mean, at);
    out.set(stats.variance, at + width);
    out.set(n.runningMean.data, at + 2 * width);
    out.set(n.runningVar.data, at + 3 * width);
    out.set(n.gamma.data, at + 4 * width);
    out.set(n.beta.data, at + 5 * width);
    at += f * width;
  });
  return out;
}

/** The typed arrays to transfer when posting a snapshot. */
export function trainSnapshotTransferables(s: TrainSnapshot): ArrayBuffer[] {
  const out: ArrayBufferLike[] = [s.steps.data.buffer, s.evals.data.buffer, s.ics.data.buffer];
  if (s.probe) out.push(...probeTransferables(s.probe));
  if (s.norm) out.push(s.norm.buffer);
  if (s.boundary) out.push(s.boundary.probs.buffer);
  if (s.arch) out.push(...archTransferables(s.arch));
  if (s.testPredictions) out.push(s.testPredictions.buffer);
  if (s.augmented) out.push(s.augmented.pixels.buffer, s.augmented.labels.buffer, s.augmented.partners.buffer);
  if (s.pretrain) out.push(...pretrainTransferables(s.pretrain));
  if (s.dataset) {
    const d = s.dataset;
    out.push(d.trainLabels.buffer, d.testInputs.buffer, d.testLabels.buffer);
    if (d.trainInputs) out.push(d.trainInputs.buffer);
  }
  // variant is variants[0] (the same object): listing a buffer twice would make postMessage throw.
  for (const v of s.variants ?? (s.variant ? [s.variant] : [])) out.push(...trainSnapshotTransferables(v));
  return out as ArrayBuffer[];
}
