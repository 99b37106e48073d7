import type { Dataset } from '../data/dataset.ts';
import { createCache, forward, type Cache, type ForwardMode, type Network } from '../model/network.ts';
import { softmaxCrossEntropyForward } from '../ops/softmaxCrossEntropy.ts';
import { percentilesInPlace } from '../probe/select.ts';
import { zerosTensor, type Tensor } from '../tensor.ts';
import { copyRow, countCorrect } from './batchRows.ts';
import { EVAL_FIELDS } from '../contract/trainLayout.ts';

const QUANTILES = [0.15, 0.5, 0.85] as const;
/** Test examples per forward pass in evaluation mode (results do not depend on it). */
const EVAL_CHUNK = 256;

interface Chunk {
  readonly cache: Cache;
  readonly probs: Tensor;
  readonly labels: Int32Array;
}

/**
 * The test set's evaluation. In 'eval' mode batch norm uses its running estimates (PyTorch's
 * model.eval()); in 'batch' mode each test batch of the training batch size is normalized with
 * its own statistics, and the running estimates are NOT updated (PyTorch would update them).
 */
export class Evaluator {
  testLoss = NaN;
  testAccuracy = NaN;
  evaluatedAt = -1;
  readonly predictions: Int32Array;
  private readonly chunks = new Map<number, Chunk>();
  private readonly pre: Float32Array;
  private readonly dense: Float32Array;
  private readonly quantiles = [0, 0, 0];
  private readonly row = new Float64Array(EVAL_FIELDS.length);
  private readonly net: Network;
  private readonly dataset: Dataset;
  private readonly trackLayer: number;

  constructor(net: Network, dataset: Dataset, trackLayer: number) {
    this.net = net;
    this.dataset = dataset;
    this.trackLayer = trackLayer;
    this.predictions = new Int32Array(dataset.testCount).fill(-1);
    this.pre = new Float32Array(dataset.testCount);
    this.dense = new Float32Array(dataset.testCount);
  }

  clear(): void {
    this.testLoss = this.testAccuracy = NaN;
    this.evaluatedAt = -1;
    this.predictions.fill(-1);
  }

  /** Buffers for a forward pass over n examples, allocated the first time n is used. */
  private chunk(n: number): Chunk {
    let c = this.chunks.get(n);
    if (!c) {
      c = { cache: createCache(this.net, n, { gradients: false, heads: false }), probs: zerosTensor([n, this.dataset.classes]), labels: new Int32Array(n) };
      this.chunks.set(n, c);
    }
    return c;
  }

  /** Evaluate; returns the EVAL_FIELDS row (a buffer reused by the next call). */
  run(step: number, mode: ForwardMode, trainBatch: number, trainLoss: number, trainAccuracy: number): Float64Array {
    const { testCount, testInputs, testLabels, inputWidth, classes } = this.dataset;
    const size = Math.min(testCount, mode === 'eval' ? EVAL_CHUNK : trainBatch);
    // The activation's input is fanIn wide in an act-first (pre-activation residual) layer.
    const preUnits = this.chunk(Math.min(size, testCount)).cache.taps[this.trackLayer].pre.shape[1];
    const units = this.net.units[this.trackLayer].fanOut;
    let lossSum = 0, correct = 0;
    for (let start = 0; start < testCount; start += size) {
      const n = Math.min(size, testCount - start);
      const { cache, probs, labels } = this.chunk(n);
      for (let r = 0; r < n; r++) {
        copyRow(testInputs, start + r, cache.input.data, r, inputWidth);
        labels[r] = testLabels[start + r];
      }
      forward(this.net, cache, mode);
      lossSum += n * softmaxCrossEntropyForward(cache.output, labels, probs);
      correct += countCorrect(probs.data, labels, classes);
      const p = probs.data;
      for (let r = 0; r < n; r++) {
        let best = 0;
        for (let c = 1; c < classes; c++) if (p[r * classes + c] > p[r * classes + best]) best = c;
        this.predictions[start + r] = best;
        const tap = cache.taps[this.trackLayer];
        this.pre[start + r] = tap.pre.data[r * preUnits];
        this.dense[start + r] = tap.dense.data[r * units];
      }
    }
    this.testLoss = lossSum / testCount;
    this.testAccuracy = correct / testCount;
    this.evaluatedAt = step;
    const row = this.row;
    row[0] = step;
    row[1] = trainLoss;
    row[2] = trainAccuracy;
    row[3] = this.testLoss;
    row[4] = this.testAccuracy;
    this.percentiles(this.pre, row, 5);
    this.percentiles(this.dense, row, 8);
    return row;
  }

  /** Percentiles of the finite values (NaN if none), written to row[at..at+3). Reorders values. */
  private percentiles(values: Float32Array, row: Float64Array, at: number): void {
    let n = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v - v === 0) values[n++] = v;
    }
    percentilesInPlace(values, n, QUANTILES, this.quantiles);
    row[at] = this.quantiles[0];
    row[at + 1] = this.quantiles[1];
    row[at + 2] = this.quantiles[2];
  }
}
