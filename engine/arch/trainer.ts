/**
 * Training a built architecture on image data: mini-batches of [N, C, H, W] in a seeded order,
 * softmax cross-entropy on the logits plus auxw times each auxiliary head's, the config's
 * optimizer over every module's parameters, and test accuracy with batch norm in eval mode.
 * The same run the CLI's --steps takes and the worker's training loop drives (the loop's LoopRun):
 * step rows, scheduled and extra evaluations, divergence, reset. Everything per step is allocated
 * once here; evaluations and measurements never touch the weights, the batch order or the running
 * estimates, so the fingerprint after N steps is the same whoever drives the run.
 */
import { TrainingWindow } from '../train/trainingWindow.ts';
import { toQuery, type Config } from '../contract/config.ts';
import { parametersFingerprint } from '../contract/fingerprint.ts';
import { exportArchRun } from './export.ts';
import { EVAL_FIELDS, STEP, stepColumns, stepLayerColumn, type DatasetView, type Divergence, type TrainMetrics } from '../contract/trainLayout.ts';
import { differsOnlyLive } from '../contract/training.ts';
import { DecimatingSeries } from '../contract/series.ts';
import type { ArchState } from '../contract/archLayout.ts';
import { buildDataset, shuffle, type Dataset } from '../data/dataset.ts';
import type { Digits } from '../data/digits.ts';
import { initOptionsOf } from '../experiment.ts';
import { initializeModules } from '../init/convInit.ts';
import type { AuxCache } from '../model/layers/conv/aux.ts';
import { backward, createCache, forward, type Cache, type LayerSpec, type Network } from '../model/network.ts';
import type { Shape } from '../model/shapes.ts';
import { createAugmenter, type Augmenter } from '../data/augment/augmenter.ts';
import { softmaxCrossEntropyBackward, softmaxCrossEntropyForward } from '../ops/softmaxCrossEntropy.ts';
import { createOptimizer, DEFAULT_SETTINGS, type OptimizerSettings } from '../optim/index.ts';
import type { Optimizer, Param } from '../optim/optimizer.ts';
import { createRng, deriveSeed, type Rng } from '../rng.ts';
// Seed streams of an architecture run (apart from the MLP's, so neither moves the other's draws).
import { ARCH_STREAM } from '../rngStreams.ts';
import { zerosTensor, type Tensor } from '../tensor.ts';
import { countCorrect, sumOfSquares, variance } from '../train/batchRows.ts';
import { buildArch } from './build.ts';
import type { ArchSpec } from './spec.ts';
import { ArchInspector } from './inspect.ts';


/** Test examples per forward pass in evaluation (results do not depend on it). */
const EVAL_CHUNK = 256;

export interface ArchMetrics {
  readonly step: number;
  readonly trainLoss: number;
  readonly trainAccuracy: number;
  readonly testLoss: number;
  readonly testAccuracy: number;
}

/** The test set in eval mode (batch norm on its running estimates), into buffers of its own. */
class ArchEvaluator {
  testLoss = NaN;
  testAccuracy = NaN;
  evaluatedAt = -1;
  readonly predictions: Int32Array;
  private readonly cache: Cache;
  private readonly probs: Tensor;
  private readonly labels: Int32Array;

  constructor(private readonly net: Network, private readonly dataset: Dataset) {
    const n = Math.min(dataset.testCount, EVAL_CHUNK);
    this.cache = createCache(net, n, { gradients: false });
    this.probs = zerosTensor([n, dataset.classes]);
    this.labels = new Int32Array(n);
    this.predictions = new Int32Array(dataset.testCount).fill(-1);
  }

  clear(): void {
    this.testLoss = this.testAccuracy = NaN;
    this.evaluatedAt = -1;
    this.predictions.fill(-1);
  }

  run(step: number): void {
    const { testInputs, testLabels, testCount, inputWidth: width, classes } = this.dataset;
    const { cache, probs, labels } = this, n = labels.length, p = probs.data;
    let loss = 0, correct = 0;
    for (let start = 0; start < testCount; start += n) {
      const rows = Math.min(n, testCount - start);
      const x = cache.input.data;
      for (let i = 0; i < rows * width; i++) x[i] = testInputs[start * width + i];
      x.fill(0, rows * width);
      for (let r = 0; r < n; r++) labels[r] = r < rows ? testLabels[start + r] : 0;
      forward(this.net, cache, 'eval');
      softmaxCrossEntropyForward(cache.output, labels, probs);
      for (let r = 0; r < rows; r++) {
        loss -= Math.log(Math.max(p[r * classes + labels[r]], 1e-30));
        let best = 0;
        for (let k = 1; k < classes; k++) if (p[r * classes + k] > p[r * classes + best]) best = k;
        this.predictions[start + r] = best;
        if (best === labels[r]) correct++;
      }
    }
    this.testLoss = loss / testCount;
    this.testAccuracy = correct / testCount;
    this.evaluatedAt = step;
  }
}

export class ArchTrainer {
  readonly net: Network;
  readonly dataset: Dataset;
  readonly cache: Cache;
  readonly params: readonly Param[];
  readonly batch: number;
  readonly settings: OptimizerSettings;
  /** The registry specs the network was built from (what an export hands to PyTorch). */
  readonly specs: readonly LayerSpec[];
  /** Every scheduled evaluation, EVAL_FIELDS per row (the percentile track is the MLP's: NaN here). */
  readonly evalHistory = new DecimatingSeries(EVAL_FIELDS.length, 2048);
  /** No internal-covariate-shift measurement for architectures: always empty (one column, the step). */
  readonly icsHistory = new DecimatingSeries(1, 2);
  readonly stepSinks: DecimatingSeries[] = [];
  readonly evalSinks: DecimatingSeries[] = [];
  readonly icsSinks: DecimatingSeries[] = [];
  /** The latest step's row: STEP_FIELDS, then LAYER_STEP_FIELDS per unit. */
  readonly stepRow: Float64Array;
  /** The test image whose feature maps the snapshots carry (an index into the test set). */
  inspectIndex = 0;
  private cfg: Config;
  private readonly spec: ArchSpec;
  private readonly optimizer: Optimizer;
  private readonly probs: Tensor;
  private readonly labels: Int32Array;
  /** aug=: the batch's augmentations (engine/data/augment/), or null. */
  readonly augmenter: Augmenter | null;
  /** Architectures are not pretrained (pretrain= is refused for arch= runs). */
  readonly pretraining = false;
  private readonly aux: readonly { cache: AuxCache; probs: Tensor }[];
  private readonly order: Int32Array;
  private readonly weightParam: Int32Array;
  private readonly evaluator: ArchEvaluator;
  private extra: ArchEvaluator | null = null;
  private readonly evalRow = new Float64Array(EVAL_FIELDS.length);
  private inspector: ArchInspector | null = null;
  private rng: Rng;
  private cursor = 0;
  private epochs = 1;
  private steps = 0;
  private lastLoss = NaN;
  private lastAccuracy = NaN;
  private mainLoss = NaN;
  private readonly auxLosses = [NaN, NaN];
  private readonly window: TrainingWindow;
  private diverged: Divergence | null = null;

  constructor(config: Config, spec: ArchSpec, readonly input: Shape, digits: Digits | null) {
    this.cfg = config;
    this.spec = spec;
    this.dataset = buildDataset(config, digits);
    const width = input.reduce((a, b) => a * b, 1);
    if (width !== this.dataset.inputWidth) throw new Error(`the ${config.data} data has ${this.dataset.inputWidth} inputs per example, not ${input.join('x')}`);
    this.batch = Math.min(config.batch, this.dataset.trainCount);
    this.window = new TrainingWindow(this.batch);
    const built = buildArch(spec, input, this.dataset.classes, this.batch);
    if (!built.net) throw new Error(built.problems.join('; '));
    this.net = built.net;
    this.specs = built.specs;
    this.cache = createCache(this.net, this.batch);
    this.params = this.net.layers.flatMap((l, m) => l.params().map((p) => ({ name: `module ${m + 1} ${p.name}`, value: p.value.data, grad: p.grad.data, decay: p.decay })));
    this.settings = { ...DEFAULT_SETTINGS, lr: config.lr, wd: config.wd, momentum: config.mom, prior: config.prior, decoupled: config.decay === 'decoupled' };
    this.optimizer = createOptimizer(config.opt, this.params, this.settings);
    this.probs = zerosTensor([this.batch, this.dataset.classes]);
    this.labels = new Int32Array(this.batch);
    this.augmenter = createAugmenter(config, this.dataset, this.batch, { softTargets: false });
    this.aux = this.cache.layers.filter((c): c is AuxCache => 'dLogits' in c).map((c) => ({ cache: c, probs: zerosTensor(c.logits.shape) }));
    this.order = new Int32Array(this.dataset.trainCount);
    this.weightParam = Int32Array.from(this.net.units, (u) => this.params.findIndex((p) => p.value === u.weight.data));
    this.stepRow = new Float64Array(stepColumns(this.net.units.length));
    this.evaluator = new ArchEvaluator(this.net, this.dataset);
    this.rng = createRng(0);
    this.reset();
  }

  get config(): Config { return this.cfg; }
  get step(): number { return this.steps; }
  get progress(): number { return this.steps; }
  pretrainStep(): boolean { return false; }
  get divergence(): Divergence | null { return this.diverged; }
  get architecture(): ArchSpec { return this.spec; }

  /** Back to step 0: the same weights, batch order and state as a freshly built trainer. */
  reset(): void {
    const config = this.cfg, width = this.dataset.inputWidth;
    const rng = createRng(deriveSeed(config.seed, ARCH_STREAM.weights));
    // LSUV calibrates on the first batch of the (already shuffled) training split.
    this.cache.input.data.set(this.dataset.trainInputs.subarray(0, this.batch * width));
    initializeModules(this.net, config.init, rng, initOptionsOf(config), config.bias, this.cache.input, config.gain * config.gain);
    this.optimizer.reset();
    for (let i = 0; i < this.order.length; i++) this.order[i] = i;
    this.rng = createRng(deriveSeed(config.seed, ARCH_STREAM.batches));
    shuffle(this.order, this.order.length, this.rng);
    this.cursor = 0;
    this.epochs = 1;
    this.steps = 0;
    this.lastLoss = this.lastAccuracy = this.mainLoss = NaN;
    this.auxLosses.fill(NaN);
    this.window.clear();
    this.diverged = null;
    this.stepRow.fill(NaN);
    this.evaluator.clear();
    this.extra?.clear();
    this.evalHistory.clear();
    this.evaluate();
  }

  /** Take live settings (lr, wd, mom, evalevery, testbn) from a new config; false (nothing changed) if another key differs. */
  applyLive(config: Config): boolean {
    if (!differsOnlyLive(config, this.cfg)) return false;
    this.cfg = config;
    this.settings.lr = config.lr;
    this.settings.wd = config.wd;
    this.settings.momentum = config.mom;
    this.settings.prior = config.prior;
    this.settings.decoupled = config.decay === 'decoupled';
    return true;
  }

  /** One step on the next mini-batch (a new permutation each epoch); false, doing nothing, once training has diverged. */
  trainStep(): boolean {
    if (this.diverged) return false;
    const attempt = this.steps + 1;
    const { trainInputs, trainLabels, inputWidth: width, trainCount } = this.dataset, x = this.cache.input.data;
    for (let r = 0; r < this.batch; r++) {
      if (this.cursor >= trainCount) {
        shuffle(this.order, trainCount, this.rng);
        this.cursor = 0;
        this.epochs++;
      }
      const i = this.order[this.cursor++];
      for (let j = 0; j < width; j++) x[r * width + j] = trainInputs[i * width + j];
      this.labels[r] = trainLabels[i];
    }
    this.augmenter?.apply(x, this.labels);
    forward(this.net, this.cache, 'train');
    const main = softmaxCrossEntropyForward(this.cache.output, this.labels, this.probs);
    let loss = main;
    softmaxCrossEntropyBackward(this.probs, this.labels, this.cache.dOutput!);
    for (let k = 0; k < this.aux.length; k++) {
      const a = this.aux[k];
      const auxLoss = softmaxCrossEntropyForward(a.cache.logits, this.labels, a.probs);
      if (k < 2) this.auxLosses[k] = auxLoss;
      loss += this.cfg.auxw * auxLoss;
      softmaxCrossEntropyBackward(a.probs, this.labels, a.cache.dLogits!);
      const d = a.cache.dLogits!.data;
      for (let i = 0; i < d.length; i++) d[i] *= this.cfg.auxw;
    }
    if (!Number.isFinite(loss)) return this.stop({ step: attempt, where: 'loss', message: `loss diverged at step ${attempt}` });
    backward(this.net, this.cache, this.cache.dOutput!);
    const units = this.net.units, row = this.stepRow;
    for (let l = 0; l < units.length; l++) {
      const tap = this.cache.taps[l];
      row[stepLayerColumn(l, 'actVar')] = variance(tap.post.data);
      row[stepLayerColumn(l, 'gradNorm')] = tap.dPre ? Math.sqrt(sumOfSquares(tap.dPre.data)) : NaN;
      const g = Math.sqrt(sumOfSquares(units[l].dWeight.data));
      row[stepLayerColumn(l, 'weightGradNorm')] = g;
      if (!Number.isFinite(g)) return this.stop({ step: attempt, where: 'gradient', message: `the gradient overflowed at step ${attempt} (layer ${l + 1}'s weight gradient is not finite)` });
    }
    const badParam = this.optimizer.step();
    const { updateSq, valueSq } = this.optimizer;
    for (let l = 0; l < units.length; l++) {
      const k = this.weightParam[l];
      row[stepLayerColumn(l, 'updateRatio')] = k >= 0 ? Math.sqrt(updateSq[k] / valueSq[k]) : NaN;
    }
    const correct = countCorrect(this.probs.data, this.labels, this.dataset.classes);
    this.steps = attempt;
    this.lastLoss = loss;
    this.lastAccuracy = correct / this.batch;
    this.mainLoss = main;
    this.window.add(loss, correct);
    row[STEP.step] = attempt;
    row[STEP.batchLoss] = loss;
    row[STEP.batchAccuracy] = this.lastAccuracy;
    row[STEP.mainLoss] = main;
    row[STEP.auxLoss1] = this.auxLosses[0];
    row[STEP.auxLoss2] = this.auxLosses[1];
    for (let i = 0; i < this.stepSinks.length; i++) this.stepSinks[i].offer(row);
    if (badParam >= 0) return this.stop({ step: attempt, where: 'parameters', message: `parameters diverged at step ${attempt} (${this.params[badParam].name} is not finite)` });
    if (attempt % this.cfg.evalevery === 0) this.evaluate();
    return true;
  }

  /** The test set now, recorded as a row of evalHistory; closes the running training average. */
  evaluate(): void {
    this.window.close();
    this.evaluator.run(this.steps);
    const row = this.evalRow;
    row.fill(NaN);
    row[0] = this.steps;
    row[1] = this.window.closedLoss;
    row[2] = this.window.closedAccuracy;
    row[3] = this.evaluator.testLoss;
    row[4] = this.evaluator.testAccuracy;
    this.evalHistory.offer(row);
    for (const sink of this.evalSinks) sink.offer(row);
  }

  /** An evaluation between the scheduled ones (not a history row; see Trainer.evaluateExtra). */
  evaluateExtra(): boolean {
    if (this.diverged || this.shownEvaluator.evaluatedAt === this.steps) return false;
    this.extra ??= new ArchEvaluator(this.net, this.dataset);
    this.extra.run(this.steps);
    return true;
  }

  private get shownEvaluator(): ArchEvaluator {
    return this.extra && this.extra.evaluatedAt > this.evaluator.evaluatedAt ? this.extra : this.evaluator;
  }

  get metrics(): TrainMetrics {
    const ev = this.evaluator;
    return {
      step: this.steps, epoch: this.epochs, batchLoss: this.lastLoss, batchAccuracy: this.lastAccuracy,
      mainLoss: this.mainLoss, auxLosses: this.auxLosses.slice(),
      trainLoss: this.window.trainLoss,
      trainAccuracy: this.window.trainAccuracy,
      testLoss: ev.testLoss, testAccuracy: ev.testAccuracy, evaluatedAt: ev.evaluatedAt,
    };
  }

  get shownMetrics(): TrainMetrics {
    const m = this.metrics, ev = this.shownEvaluator;
    return ev === this.evaluator ? m : { ...m, testLoss: ev.testLoss, testAccuracy: ev.testAccuracy, evaluatedAt: ev.evaluatedAt };
  }

  get shownPredictions(): Int32Array { return this.shownEvaluator.predictions; }

  /** The CLI's summary: the last batch, and the whole test set now. */
  summary(): { step: number; trainLoss: number; trainAccuracy: number; testLoss: number; testAccuracy: number } {
    if (this.evaluator.evaluatedAt !== this.steps) this.evaluateExtra();
    const ev = this.shownEvaluator;
    return { step: this.steps, trainLoss: this.lastLoss, trainAccuracy: this.lastAccuracy, testLoss: ev.testLoss, testAccuracy: ev.testAccuracy };
  }

  /** The model as it stands, in the CLI's --export format (engine/arch/export.ts). */
  exportJson(): unknown {
    return exportArchRun({ config: this.cfg, query: toQuery(this.cfg), step: this.steps, fingerprint: parametersFingerprint(this.params.map((p) => p.value)), net: this.net, specs: this.specs, input: this.cache.input });
  }

  // What the training loop's snapshots take from a run (LoopRun).
  measure(): null { return null; }
  normState(): null { return null; }
  boundaryPainter(): null { return null; }

  datasetView(): DatasetView {
    const d = this.dataset;
    return {
      name: d.name, inputWidth: d.inputWidth, imageShape: d.imageShape, pixelMax: d.pixelMax, classes: d.classes, trainCount: d.trainCount, testCount: d.testCount,
      standardized: d.standardized, trainInputs: null, trainLabels: Int32Array.from(d.trainLabels),
      testInputs: Float32Array.from(d.testRaw), testLabels: Int32Array.from(d.testLabels),
    };
  }

  /** The conv panels' state (engine/contract/archLayout.ts). At step 0 the first batch goes through once (no update). */
  archState(): ArchState {
    this.inspector ??= new ArchInspector(this.net, this.cache, this.dataset);
    if (this.steps === 0 && !this.diverged) this.initialPass();
    return this.inspector.state(this.inspectIndex);
  }

  /** The first `batch` training examples forward ('batch' mode: running estimates untouched) and backward, no update. */
  private initialPass(): void {
    const { trainInputs, trainLabels, inputWidth: width } = this.dataset;
    this.cache.input.data.set(trainInputs.subarray(0, this.batch * width));
    for (let r = 0; r < this.batch; r++) this.labels[r] = trainLabels[r];
    forward(this.net, this.cache, 'batch');
    softmaxCrossEntropyForward(this.cache.output, this.labels, this.probs);
    softmaxCrossEntropyBackward(this.probs, this.labels, this.cache.dOutput!);
    for (const a of this.aux) {
      softmaxCrossEntropyForward(a.cache.logits, this.labels, a.probs);
      softmaxCrossEntropyBackward(a.probs, this.labels, a.cache.dLogits!);
      const d = a.cache.dLogits!.data;
      for (let i = 0; i < d.length; i++) d[i] *= this.cfg.auxw;
    }
    backward(this.net, this.cache, this.cache.dOutput!);
  }

  private stop(d: Divergence): false {
    this.diverged = d;
    return false;
  }
}
