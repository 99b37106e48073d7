import type { DataName } from '../data/dataset.ts';
import { probeTransferables, type ProbeData } from '../probe/layout.ts';
import { measureLayers } from '../probe/measure.ts';
import type { BoundaryGrid } from './boundary.ts';
import type { SeriesChunk } from './series.ts';
import type { Trainer, TrainMetrics } from './trainer.ts';

export type TrainStatus = 'ready' | 'running' | 'paused' | 'diverged';

/** Per normalized hidden layer, each `width` numbers long, in this order. */
export const NORM_FIELDS = ['batchMean', 'batchVar', 'runningMean', 'runningVar', 'gamma', 'beta'] as const;

/** The data set as the page draws it; sent once per (re)build. Arrays are copies. */
export interface DatasetView {
  readonly name: DataName;
  readonly inputWidth: number;
  readonly classes: number;
  readonly trainCount: number;
  readonly testCount: number;
  /** Whether inputs were standardized (digits: per pixel, training-set mean and sd). */
  readonly standardized: boolean;
  /** Training points (2D sets only; null for the digits). */
  readonly trainInputs: Float32Array | null;
  readonly trainLabels: Int32Array;
  /** Test inputs before standardization (digits: pixel values 0..16). */
  readonly testInputs: Float32Array;
  readonly testLabels: Int32Array;
}

/**
 * What the worker posts about a training run, at most once per animation frame. The layer
 * arrays cover the hidden layers and then the output head (layer index depth).
 */
export interface TrainSnapshot {
  readonly status: TrainStatus;
  readonly metrics: TrainMetrics;
  /** "loss diverged at step 342 (...)", or null. */
  readonly divergence: string | null;
  /** Steps per second since the previous snapshot (0 when not running). */
  readonly stepsPerSecond: number;
  /**
   * The per-layer probe of the latest training batch (theory columns NaN). Always present when
   * not running; while running, null on snapshots where it was skipped to save time (big nets).
   */
  readonly probe: ProbeData | null;
  /** Rows of STEP_FIELDS + LAYER_STEP_FIELDS per layer since the previous snapshot (thinned if many). */
  readonly steps: SeriesChunk;
  /** Rows of EVAL_FIELDS since the previous snapshot. */
  readonly evals: SeriesChunk;
  /**
   * Internal-covariate-shift measurements since the previous snapshot (engine/train/ics.ts): rows
   * of 'step', then ICS_FIELDS (inputShift, gradDiff, gradCos) per hidden layer, icsColumns(depth)
   * wide. Taken at evaluation steps at least ICS_COST_FACTOR * depth steps apart, none at step 0.
   */
  readonly ics: SeriesChunk;
  /**
   * NORM_FIELDS x width per hidden layer when norm=batch, else null. A layer whose batch norm is
   * not `width` wide (the pre-activation form's first layer normalizes the data's 2 or 64 inputs
   * when a projection opens the stack) has its block filled with NaN.
   */
  readonly norm: Float32Array | null;
  /** Class probabilities over the plane (2D data), or null when not recomputed for this snapshot. */
  readonly boundary: BoundaryGrid | null;
  /** Predicted class per test example, when an evaluation happened since the previous snapshot. */
  readonly testPredictions: Int32Array | null;
  /** The data set, on the first snapshot after a (re)build; null otherwise. */
  readonly dataset: DatasetView | null;
  /**
   * The first A/B variant (variants[0]), or null without vs; kept for pages that read one variant.
   */
  readonly variant: TrainSnapshot | null;
  /**
   * Every A/B variant (config vs, run by variantsOf(config), in vs order) trained in lockstep with
   * this run, each in the same shape, with dataset null (it is the same data set), variant null and
   * variants []; [] without vs. Status: the top-level status is the loop's ('diverged' only when
   * every run has diverged; a run that diverged while the others go on has a divergence message
   * and stops moving); a variant's is its own, 'diverged' once it has, else the loop's.
   */
  readonly variants: readonly TrainSnapshot[];
}

export function datasetView(trainer: Trainer): DatasetView {
  const d = trainer.dataset;
  return {
    name: d.name, inputWidth: d.inputWidth, classes: d.classes, trainCount: d.trainCount, testCount: d.testCount,
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
  if (s.testPredictions) out.push(s.testPredictions.buffer);
  if (s.dataset) {
    const d = s.dataset;
    out.push(d.trainLabels.buffer, d.testInputs.buffer, d.testLabels.buffer);
    if (d.trainInputs) out.push(d.trainInputs.buffer);
  }
  // variant is variants[0] (the same object): listing a buffer twice would make postMessage throw.
  for (const v of s.variants ?? (s.variant ? [s.variant] : [])) out.push(...trainSnapshotTransferables(v));
  return out as ArrayBuffer[];
}
