/**
 * Training a built architecture on image data: mini-batches of [N, C, H, W] in a seeded order,
 * softmax cross-entropy on the logits plus auxw times each auxiliary head's, the config's
 * optimizer over every module's parameters, and test accuracy with batch norm in eval mode.
 * Everything per step is allocated once here.
 */
import type { Config } from '../contract/config.ts';
import { buildDataset, shuffle, type Dataset } from '../data/dataset.ts';
import type { Digits } from '../data/digits.ts';
import { initOptionsOf } from '../experiment.ts';
import { initializeModules } from '../init/convInit.ts';
import type { AuxCache } from '../model/layers/conv/aux.ts';
import { backward, createCache, forward, type Cache, type Network } from '../model/network.ts';
import type { Shape } from '../model/shapes.ts';
import { createAugmenter, type Augmenter } from '../data/augment/augmenter.ts';
import { softmaxCrossEntropyBackward, softmaxCrossEntropyForward } from '../ops/softmaxCrossEntropy.ts';
import { createOptimizer } from '../optim/index.ts';
import type { Optimizer, Param } from '../optim/optimizer.ts';
import { createRng, deriveSeed, type Rng } from '../rng.ts';
import { zerosTensor, type Tensor } from '../tensor.ts';
import { buildArch } from './build.ts';
import type { ArchSpec } from './spec.ts';

/** Seed streams of an architecture run (apart from the MLP's, so neither moves the other's draws). */
export const ARCH_STREAM = { weights: 41, batches: 42 } as const;

export interface ArchMetrics {
  readonly step: number;
  readonly trainLoss: number;
  readonly trainAccuracy: number;
  readonly testLoss: number;
  readonly testAccuracy: number;
}

export class ArchTrainer {
  readonly net: Network;
  readonly dataset: Dataset;
  readonly cache: Cache;
  readonly params: readonly Param[];
  readonly batch: number;
  private readonly optimizer: Optimizer;
  private readonly probs: Tensor;
  private readonly labels: Int32Array;
  /** aug=: the batch's augmentations (engine/data/augment/), or null. */
  private readonly augmenter: Augmenter | null;
  private readonly aux: readonly { cache: AuxCache; probs: Tensor }[];
  private readonly order: Int32Array;
  private readonly rng: Rng;
  private cursor = 0;
  steps = 0;
  lastLoss = NaN;
  lastAccuracy = NaN;

  constructor(readonly config: Config, spec: ArchSpec, readonly input: Shape, digits: Digits | null) {
    this.dataset = buildDataset(config, digits);
    const width = input.reduce((a, b) => a * b, 1);
    if (width !== this.dataset.inputWidth) throw new Error(`the ${config.data} data has ${this.dataset.inputWidth} inputs per example, not ${input.join('x')}`);
    this.batch = Math.min(config.batch, this.dataset.trainCount);
    const built = buildArch(spec, input, this.dataset.classes, this.batch);
    if (!built.net) throw new Error(built.problems.join('; '));
    this.net = built.net;
    this.cache = createCache(this.net, this.batch);
    const rng = createRng(deriveSeed(config.seed, ARCH_STREAM.weights));
    this.cache.input.data.set(this.dataset.trainInputs.subarray(0, this.batch * width));
    initializeModules(this.net, config.init, rng, initOptionsOf(config), config.bias, this.cache.input, config.gain * config.gain);
    this.params = this.net.layers.flatMap((l, m) => l.params().map((p) => ({ name: `module ${m + 1} ${p.name}`, value: p.value.data, grad: p.grad.data, decay: p.decay })));
    this.optimizer = createOptimizer(config.opt, this.params, { lr: config.lr, wd: config.wd, momentum: config.mom, beta1: 0.9, beta2: 0.999, eps: 1e-8, prior: config.prior, decoupled: config.decay === 'decoupled' });
    this.probs = zerosTensor([this.batch, this.dataset.classes]);
    this.labels = new Int32Array(this.batch);
    this.augmenter = createAugmenter(config, this.dataset, this.batch, { softTargets: false });
    this.aux = this.cache.layers.filter((c): c is AuxCache => 'dLogits' in c).map((c) => ({ cache: c, probs: zerosTensor(c.logits.shape) }));
    this.order = Int32Array.from({ length: this.dataset.trainCount }, (_, i) => i);
    this.rng = createRng(deriveSeed(config.seed, ARCH_STREAM.batches));
    shuffle(this.order, this.order.length, this.rng);
  }

  /** One step on the next mini-batch (a new permutation each epoch). */
  step(): void {
    const { trainInputs, trainLabels, inputWidth: width, trainCount } = this.dataset, x = this.cache.input.data;
    for (let r = 0; r < this.batch; r++) {
      if (this.cursor >= trainCount) {
        shuffle(this.order, trainCount, this.rng);
        this.cursor = 0;
      }
      const i = this.order[this.cursor++];
      x.set(trainInputs.subarray(i * width, (i + 1) * width), r * width);
      this.labels[r] = trainLabels[i];
    }
    this.augmenter?.apply(x, this.labels);
    forward(this.net, this.cache, 'train');
    let loss = softmaxCrossEntropyForward(this.cache.output, this.labels, this.probs);
    softmaxCrossEntropyBackward(this.probs, this.labels, this.cache.dOutput!);
    for (const a of this.aux) {
      loss += this.config.auxw * softmaxCrossEntropyForward(a.cache.logits, this.labels, a.probs);
      softmaxCrossEntropyBackward(a.probs, this.labels, a.cache.dLogits!);
      const d = a.cache.dLogits!.data;
      for (let i = 0; i < d.length; i++) d[i] *= this.config.auxw;
    }
    backward(this.net, this.cache, this.cache.dOutput!);
    this.optimizer.step();
    this.lastLoss = loss;
    this.lastAccuracy = accuracy(this.probs, this.labels);
    this.steps++;
  }

  /** Loss and accuracy of the main head on the test set, batch norm on its running estimates. */
  evaluate(): { loss: number; accuracy: number } {
    const { testInputs, testLabels, testCount, inputWidth: width, classes } = this.dataset;
    const n = Math.min(testCount, 256);
    const cache = createCache(this.net, n, { gradients: false }), probs = zerosTensor([n, classes]), labels = new Int32Array(n);
    let loss = 0, correct = 0;
    for (let start = 0; start < testCount; start += n) {
      const rows = Math.min(n, testCount - start);
      cache.input.data.fill(0);
      cache.input.data.set(testInputs.subarray(start * width, (start + rows) * width));
      labels.fill(0);
      labels.set(testLabels.subarray(start, start + rows));
      forward(this.net, cache, 'eval');
      softmaxCrossEntropyForward(cache.output, labels, probs);
      for (let r = 0; r < rows; r++) {
        loss -= Math.log(Math.max(probs.data[r * classes + labels[r]], 1e-30));
        if (argmax(probs.data, r * classes, classes) === labels[r]) correct++;
      }
    }
    return { loss: loss / testCount, accuracy: correct / testCount };
  }

  metrics(): ArchMetrics {
    const test = this.evaluate();
    return { step: this.steps, trainLoss: this.lastLoss, trainAccuracy: this.lastAccuracy, testLoss: test.loss, testAccuracy: test.accuracy };
  }
}

function argmax(p: Float32Array, start: number, n: number): number {
  let best = 0;
  for (let k = 1; k < n; k++) if (p[start + k] > p[start + best]) best = k;
  return best;
}

function accuracy(probs: Tensor, labels: Int32Array): number {
  const classes = probs.shape[1];
  let correct = 0;
  for (let r = 0; r < labels.length; r++) if (argmax(probs.data, r * classes, classes) === labels[r]) correct++;
  return correct / labels.length;
}
