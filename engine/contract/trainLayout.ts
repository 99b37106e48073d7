/**
 * The packed layouts of a training run as they cross the worker boundary: the per-step row, the
 * evaluation row, the internal-covariate-shift row and the batch-norm state, each addressed by
 * field name (FIELDS.indexOf), and the snapshot that carries them.
 */
import type { AugmentedBatchView } from './augmentLayout.ts';
import type { ArchState } from './archLayout.ts';
import type { DataName } from './datasets.ts';
import type { ProbeData } from './probeLayout.ts';
import type { PretrainView } from './pretrain.ts';
import type { SeriesChunk } from './series.ts';

/**
 * One row per training step: these, then LAYER_STEP_FIELDS for every layer (hidden layers, then the
 * head). batchLoss is the total objective L = mainLoss + auxw (auxLoss1 + auxLoss2); mainLoss is the
 * output layer's cross-entropy alone, auxLoss1 and auxLoss2 each auxiliary head's (NaN when off).
 * Read columns by name (STEP_FIELDS.indexOf) and the layers from STEP_FIELDS.length on.
 */
export const STEP_FIELDS = ['step', 'batchLoss', 'batchAccuracy', 'mainLoss', 'auxLoss1', 'auxLoss2'] as const;

/**
 * actVar: variance of the activations over batch x units; gradNorm: ||dL/d(activation input)||;
 * weightGradNorm: ||dL/dW||; updateRatio: ||delta W|| / ||W|| of this step's update.
 */
export const LAYER_STEP_FIELDS = ['actVar', 'gradNorm', 'weightGradNorm', 'updateRatio'] as const;

const indexOf = <F extends string>(fields: readonly F[]): Readonly<Record<F, number>> =>
  Object.fromEntries(fields.map((f, i) => [f, i])) as Record<F, number>;

/** Column of each step field: row[STEP.batchLoss]. */
export const STEP = indexOf(STEP_FIELDS);
/** Offset of each per-layer field within a layer's block: row[stepLayerColumn(l, 'gradNorm')]. */
export const LAYER_STEP = indexOf(LAYER_STEP_FIELDS);

/** The column of layer l's `field` in a step row. */
export function stepLayerColumn(l: number, field: (typeof LAYER_STEP_FIELDS)[number]): number {
  return STEP_FIELDS.length + l * LAYER_STEP_FIELDS.length + LAYER_STEP[field];
}

export function stepColumns(layers: number): number {
  return STEP_FIELDS.length + layers * LAYER_STEP_FIELDS.length;
}

export interface TrainMetrics {
  /** Steps completed. */
  readonly step: number;
  /** Passes over the training set begun (a pass ends when fewer than a batch of examples remain). */
  readonly epoch: number;
  /** The last mini-batch, in training mode: the total objective (main + auxw x each auxiliary loss). */
  readonly batchLoss: number;
  readonly batchAccuracy: number;
  /** The last mini-batch's output-layer cross-entropy alone (equal to batchLoss without auxiliary heads). */
  readonly mainLoss: number;
  /** The last mini-batch's auxiliary losses, [aux1's, aux2's], NaN for a head that is off. */
  readonly auxLosses: number[];
  /** Mean over the mini-batches since the previous evaluation (what a PyTorch loop logs: the total objective). */
  readonly trainLoss: number;
  readonly trainAccuracy: number;
  /** The whole test set at step evaluatedAt (NaN before the first evaluation). */
  readonly testLoss: number;
  readonly testAccuracy: number;
  readonly evaluatedAt: number;
}

export interface Divergence {
  /** The step that produced the non-finite number (1-based: "at step 342"). */
  readonly step: number;
  readonly where: 'loss' | 'gradient' | 'parameters' | 'pretraining';
  readonly message: string;
}

/**
 * One row per evaluation: the running training average, the whole test set's loss and accuracy,
 * and the percentile track: the 15th, 50th and 85th percentiles over the test set of ONE unit's
 * input (unit 0 of the last hidden layer), as in Ioffe & Szegedy's Figure 1. "pre" is the
 * activation's input (with batch norm before the activation, the normalized value the sigmoid
 * sees, which is what their figure plots); "dense" is x W + b before any normalization. Without
 * batch norm before the activation the two are the same.
 */
export const EVAL_FIELDS = [
  'step', 'trainLoss', 'trainAccuracy', 'testLoss', 'testAccuracy',
  'trackPreP15', 'trackPreP50', 'trackPreP85', 'trackDenseP15', 'trackDenseP50', 'trackDenseP85',
  // The prior's term of the objective at the evaluation: wd R(W) (engine/train/prior.ts), 0 without one.
  'priorTerm',
] as const;

/** Per hidden layer, after the step column. */
export const ICS_FIELDS = ['inputShift', 'gradDiff', 'gradCos'] as const;

/** Columns of an ics row: 'step', then ICS_FIELDS for every hidden layer. */
export function icsColumns(depth: number): number {
  return 1 + depth * ICS_FIELDS.length;
}

export type TrainStatus = 'ready' | 'running' | 'paused' | 'diverged';

/** Per normalized hidden layer, each `width` numbers long, in this order. */
export const NORM_FIELDS = ['batchMean', 'batchVar', 'runningMean', 'runningVar', 'gamma', 'beta'] as const;

/** The data set as the page draws it; sent once per (re)build. Arrays are copies. */
export interface DatasetView {
  readonly name: DataName;
  readonly inputWidth: number;
  /** An image set's [channels, height, width]; null for the 2D points. */
  readonly imageShape: readonly [number, number, number] | null;
  /** An image set's largest pixel value (digits 16, the 28x28 sets 255); null for the 2D points. */
  readonly pixelMax: number | null;
  readonly classes: number;
  readonly trainCount: number;
  readonly testCount: number;
  /** Whether inputs were standardized (training-set mean and sd: digits per pixel, 28x28 sets per channel). */
  readonly standardized: boolean;
  /** Training points (2D sets only; null for the image sets). */
  readonly trainInputs: Float32Array | null;
  readonly trainLabels: Int32Array;
  /** Test inputs before standardization (pixel values: digits 0..16, 28x28 sets 0..255). */
  readonly testInputs: Float32Array;
  readonly testLabels: Int32Array;
}

/** Bins of each layer's weight histogram (odd: one bin is centred on 0, where L1 piles weights up). */
export const WEIGHT_BINS = 41;

/**
 * Each layer's weights (hidden layers, then the output layer; biases excluded: their prior is
 * flat) as a histogram over [-extent, extent], extent the layer's largest |w|, with the sums the
 * prior's term is made of.
 */
export interface WeightHistograms {
  readonly layers: number;
  readonly bins: number;
  /** Per layer: the histogram's half-width (its largest |w|; 1e-6 at least). */
  readonly extent: Float64Array;
  /** layers x bins counts, layer-major. */
  readonly counts: Float32Array;
  /** Per layer: weights counted, sum w^2 / 2 and sum |w|. */
  readonly n: Int32Array;
  readonly halfSquares: Float64Array;
  readonly absSum: Float64Array;
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
  /**
   * The parameters' fingerprint (parametersFingerprint: what the CLI's --steps prints for the same
   * link and step) on snapshots that are not 'running'; null while running.
   */
  readonly fingerprint: string | null;
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
  /**
   * An architecture run's conv panels (config.arch set; contract/archLayout.ts), or null when not
   * recomputed for this snapshot (throttled like the probe); absent or null for the MLP.
   */
  readonly arch?: ArchState | null;
  /** Class probabilities over the plane (2D data), or null when not recomputed for this snapshot. */
  readonly boundary: BoundaryGrid | null;
  /** The weights' histograms per layer, when the per-layer probe was taken (null or absent otherwise). */
  readonly weights?: WeightHistograms | null;
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
  /**
   * The first examples of the latest training batch after augmentation (contract/augmentLayout.ts),
   * when this run or one of its A/B variants has aug= on an image set; null (or absent) otherwise.
   */
  readonly augmented?: AugmentedBatchView | null;
  /**
   * Greedy layer-wise pretraining (pretrain=ae|dae): its progress layer by layer, reconstructions
   * and the probes before and after it; absent or null without pretraining. While it lasts,
   * metrics.step stays 0 and no test evaluation is made (the first comes when it ends).
   */
  readonly pretrain?: PretrainView | null;
}

/**
 * The decision boundary of a 2D data set: the network's class probabilities on a square grid
 * over [-extent, extent]^2 in the data's coordinates, in evaluation mode (batch norm with its
 * running estimates, as the trained model would be used). Cell (i, j) is centred at
 * x = -extent + (j + 0.5) 2 extent / resolution, y = -extent + (i + 0.5) 2 extent / resolution
 * (row i = 0 at the bottom); probs holds resolution x resolution x classes numbers, row-major.
 */
export interface BoundaryGrid {
  readonly resolution: number;
  readonly extent: number;
  readonly classes: number;
  readonly probs: Float32Array;
}

/** The toys sit in about [-1, 1]^2; the margin leaves room for noisy points. */
export const BOUNDARY_EXTENT = 1.5;
