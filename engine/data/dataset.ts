import type { Config } from '../contract/config.ts';
import { createRng, deriveSeed, type Rng } from '../rng.ts';
import type { Digits } from './digits.ts';
import { generateToy, type LabeledSet } from './toys.ts';
import { DATASETS, isToy, type DataName } from '../contract/datasets.ts';
import { NO_DATA_PROBLEM, testCountOf } from '../contract/training.ts';
import { subsetPerClass, takeRows } from './subset.ts';

/** Random streams of the data, beside experiment.ts's STREAM (weights 0, input 1, topGrad 2). */
export const DATA_STREAM = { points: 3, split: 4, subset: 61 } as const;

/**
 * A labelled data set split into a training and a test set. Inputs are row-major float32.
 * The image sets are standardized with the TRAINING set's mean and standard deviation (population
 * sd, divide by N; a constant is only centred): the 8x8 digits per pixel, as scikit-learn's
 * StandardScaler fitted on the training split does, x' = (x - mean) / sd; the 28x28 sets per
 * channel (one mean and sd over all pixels of a channel; datasets.ts says which).
 * The 2D toys are used as generated (centred, in about [-1, 1]): their mean is 0 and scale 1 here.
 */
export interface Dataset {
  readonly name: DataName;
  readonly inputWidth: number;
  /** An image set's shape [channels, height, width] (a conv net reads inputs so); null for the 2D points. */
  readonly imageShape: readonly [number, number, number] | null;
  /** An image set's largest pixel value (digits 16, the 28x28 sets 255); null for the 2D points. */
  readonly pixelMax: number | null;
  readonly classes: number;
  /** Training examples: the whole training split, or ntrain per class of it (subset.ts). */
  readonly trainCount: number;
  readonly testCount: number;
  /**
   * The whole training split, standardized the same way (unlabelled data: what pretraining may
   * read). With ntrain=0 these are trainCount and trainInputs themselves.
   */
  readonly splitCount: number;
  readonly splitInputs: Float32Array;
  readonly trainInputs: Float32Array;
  readonly trainLabels: Int32Array;
  readonly testInputs: Float32Array;
  readonly testLabels: Int32Array;
  /** The standardization applied: input = (raw - inputMean) / inputScale, per feature. */
  readonly inputMean: Float64Array;
  readonly inputScale: Float64Array;
  /** The test inputs before standardization (pixel values: digits 0..16, 28x28 sets 0..255), for display. */
  readonly testRaw: Float32Array;
  /** Whether inputMean and inputScale are other than 0 and 1 (the UI says "inputs standardized"). */
  readonly standardized: boolean;
}

/** Why this config cannot be turned into a data set, or null. */
export function datasetProblem(config: Config, digits: Digits | null): string | null {
  if (config.data === 'none') return NO_DATA_PROBLEM;
  const info = DATASETS[config.data];
  if (info.source === 'file' && !digits) return `the ${info.title} file (${info.file}) is not loaded`;
  return null;
}

/** A random permutation of 0..n-1 (Fisher-Yates). */
export function permutation(n: number, rng: Rng): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  shuffle(p, n, rng);
  return p;
}

/** Shuffle a[0..n) in place (Fisher-Yates): uniform (k + 0.5) / 2^32 < 1, so j <= i. */
export function shuffle(a: Int32Array, n: number, rng: Rng): void {
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

function imageSet(images: Digits, classes: number): LabeledSet {
  const inputs = Float32Array.from(images.pixels);
  const labels = Int32Array.from(images.labels);
  return { count: images.count, width: images.rows * images.cols, classes, inputs, labels };
}

/** Grey-scale images: one channel. */
function imageShapeOf(images: Digits): [number, number, number] {
  return [1, images.rows, images.cols];
}

/**
 * The config's data set: generated (toys, from the seed's points stream) or an image file, split by
 * a permutation from the seed's split stream (the first round(split N) examples of it are the test
 * set), then standardized (image sets only, with the whole training split's statistics), then with
 * ntrain > 0 cut to ntrain examples per class (subset.ts): the test set is the same whatever ntrain. Throws if datasetProblem(config, digits) is not null.
 */
export function buildDataset(config: Config, digits: Digits | null): Dataset {
  const problem = datasetProblem(config, digits);
  if (problem) throw new Error(problem);
  const name = config.data as DataName;
  const info = DATASETS[name];
  const fromFile = !isToy(name);
  const all = fromFile
    ? imageSet(digits!, info.classesOf(config))
    : generateToy(name, { points: config.points, classes: config.classes, noise: config.noise }, createRng(deriveSeed(config.seed, DATA_STREAM.points)));
  const { count, width } = all;
  const imageShape = fromFile ? imageShapeOf(digits!) : null;
  const order = permutation(count, createRng(deriveSeed(config.seed, DATA_STREAM.split)));
  const testCount = testCountOf(count, config.split);
  const trainCount = count - testCount;
  const pick = (from: number, n: number) => {
    const inputs = new Float32Array(n * width);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const src = order[from + i];
      inputs.set(all.inputs.subarray(src * width, (src + 1) * width), i * width);
      labels[i] = all.labels[src];
    }
    return { inputs, labels };
  };
  const test = pick(0, testCount);
  const train = pick(testCount, trainCount);
  const standardized = info.standardized;
  const inputMean = new Float64Array(width);
  const inputScale = new Float64Array(width).fill(1);
  const testRaw = standardized ? Float32Array.from(test.inputs) : test.inputs;
  if (standardized) {
    if (info.standardizedPer === 'channel') fitChannelStandardization(train.inputs, trainCount * width, imageShape![0], inputMean, inputScale);
    else fitStandardization(train.inputs, trainCount, width, inputMean, inputScale);
    applyStandardization(train.inputs, width, inputMean, inputScale);
    applyStandardization(test.inputs, width, inputMean, inputScale);
  }
  const kept = config.ntrain > 0 ? subsetPerClass(train.labels, all.classes, config.ntrain, permutation(trainCount, createRng(deriveSeed(config.seed, DATA_STREAM.subset)))) : null;
  const trainInputs = kept ? takeRows(train.inputs, width, kept) : train.inputs;
  const trainLabels = kept ? Int32Array.from(kept, (i) => train.labels[i]) : train.labels;
  return {
    name, inputWidth: width, imageShape, pixelMax: fromFile ? digits!.maxValue : null, classes: all.classes, trainCount: trainLabels.length, testCount,
    splitCount: trainCount, splitInputs: train.inputs,
    trainInputs, trainLabels, testInputs: test.inputs, testLabels: test.labels,
    inputMean, inputScale, testRaw, standardized,
  };
}

/** Per-feature mean and population standard deviation (a zero sd becomes 1: the feature is only centred). */
export function fitStandardization(x: Float32Array, rows: number, width: number, mean: Float64Array, scale: Float64Array): void {
  mean.fill(0);
  scale.fill(0);
  for (let r = 0; r < rows; r++) for (let j = 0; j < width; j++) mean[j] += x[r * width + j];
  for (let j = 0; j < width; j++) mean[j] /= rows;
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < width; j++) {
      const d = x[r * width + j] - mean[j];
      scale[j] += d * d;
    }
  }
  for (let j = 0; j < width; j++) {
    const sd = Math.sqrt(scale[j] / rows);
    scale[j] = sd > 0 ? sd : 1;
  }
}

/**
 * One mean and population sd per channel over all pixels of the training images (channel-major
 * [C, H, W] rows), written to every feature of that channel (a zero sd becomes 1).
 */
export function fitChannelStandardization(x: Float32Array, values: number, channels: number, mean: Float64Array, scale: Float64Array): void {
  const width = mean.length, plane = width / channels, rows = values / width;
  for (let c = 0; c < channels; c++) {
    let sum = 0;
    for (let r = 0; r < rows; r++) for (let k = 0; k < plane; k++) sum += x[r * width + c * plane + k];
    const m = sum / (rows * plane);
    let squares = 0;
    for (let r = 0; r < rows; r++) {
      for (let k = 0; k < plane; k++) {
        const d = x[r * width + c * plane + k] - m;
        squares += d * d;
      }
    }
    const sd = Math.sqrt(squares / (rows * plane));
    mean.fill(m, c * plane, (c + 1) * plane);
    scale.fill(sd > 0 ? sd : 1, c * plane, (c + 1) * plane);
  }
}

export function applyStandardization(x: Float32Array, width: number, mean: Float64Array, scale: Float64Array): void {
  for (let i = 0; i < x.length; i++) {
    const j = i % width;
    x[i] = (x[i] - mean[j]) / scale[j];
  }
}
