import type { Config } from '../contract/config.ts';
import { createRng, deriveSeed, type Rng } from '../rng.ts';
import { DIGITS_CLASSES, type Digits } from './digits.ts';
import { generateToy, type LabeledSet } from './toys.ts';
import type { DataName } from '../contract/datasets.ts';
import { NO_DATA_PROBLEM, testCountOf } from '../contract/training.ts';

/** Random streams of the data, beside experiment.ts's STREAM (weights 0, input 1, topGrad 2). */
export const DATA_STREAM = { points: 3, split: 4 } as const;

/**
 * A labelled data set split into a training and a test set. Inputs are row-major float32.
 * The digits are standardized per pixel with the TRAINING set's mean and standard deviation
 * (population sd, divide by N; a pixel constant over the training set is only centred), as
 * scikit-learn's StandardScaler fitted on the training split does: x' = (x - mean) / sd.
 * The 2D toys are used as generated (centred, in about [-1, 1]): their mean is 0 and scale 1 here.
 */
export interface Dataset {
  readonly name: DataName;
  readonly inputWidth: number;
  readonly classes: number;
  readonly trainCount: number;
  readonly testCount: number;
  readonly trainInputs: Float32Array;
  readonly trainLabels: Int32Array;
  readonly testInputs: Float32Array;
  readonly testLabels: Int32Array;
  /** The standardization applied: input = (raw - inputMean) / inputScale, per feature. */
  readonly inputMean: Float64Array;
  readonly inputScale: Float64Array;
  /** The test inputs before standardization (digits: pixel values 0..16), for display. */
  readonly testRaw: Float32Array;
  /** Whether inputMean and inputScale are other than 0 and 1 (the UI says "inputs standardized"). */
  readonly standardized: boolean;
}

/** Why this config cannot be turned into a data set, or null. */
export function datasetProblem(config: Config, digits: Digits | null): string | null {
  if (config.data === 'none') return NO_DATA_PROBLEM;
  if (config.data === 'digits' && !digits) return 'the digits file (digits.bin) is not loaded';
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

function digitsSet(digits: Digits): LabeledSet {
  const inputs = Float32Array.from(digits.pixels);
  const labels = Int32Array.from(digits.labels);
  return { count: digits.count, width: digits.rows * digits.cols, classes: DIGITS_CLASSES, inputs, labels };
}

/**
 * The config's data set: generated (toys, from the seed's points stream) or the digits, split by
 * a permutation from the seed's split stream (the first round(split N) examples of it are the test
 * set), then standardized (digits only). Throws if datasetProblem(config, digits) is not null.
 */
export function buildDataset(config: Config, digits: Digits | null): Dataset {
  const problem = datasetProblem(config, digits);
  if (problem) throw new Error(problem);
  const name = config.data as DataName;
  const all = name === 'digits'
    ? digitsSet(digits!)
    : generateToy(name, { points: config.points, classes: config.classes, noise: config.noise }, createRng(deriveSeed(config.seed, DATA_STREAM.points)));
  const { count, width } = all;
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
  const standardized = name === 'digits';
  const inputMean = new Float64Array(width);
  const inputScale = new Float64Array(width).fill(1);
  const testRaw = standardized ? Float32Array.from(test.inputs) : test.inputs;
  if (standardized) {
    fitStandardization(train.inputs, trainCount, width, inputMean, inputScale);
    applyStandardization(train.inputs, width, inputMean, inputScale);
    applyStandardization(test.inputs, width, inputMean, inputScale);
  }
  return {
    name, inputWidth: width, classes: all.classes, trainCount, testCount,
    trainInputs: train.inputs, trainLabels: train.labels, testInputs: test.inputs, testLabels: test.labels,
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

export function applyStandardization(x: Float32Array, width: number, mean: Float64Array, scale: Float64Array): void {
  for (let i = 0; i < x.length; i++) {
    const j = i % width;
    x[i] = (x[i] - mean[j]) / scale[j];
  }
}
