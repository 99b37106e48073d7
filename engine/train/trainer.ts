/**
 * Training on real data: the config's hidden stack (depth x width, act, init, as the probe builds
 * it; optional batch norm before or after each activation; residual blocks with residual=1) and a
 * linear output head, softmax cross-entropy (the mean over the batch) plus auxiliary heads' losses
 * (aux1, aux2), mini-batches drawn by the seeded generator, and one of the optimizers. Every buffer
 * is allocated when the trainer is built: step() allocates nothing.
 */
import { TrainingWindow } from './trainingWindow.ts';
import type { Config } from '../contract/config.ts';
import { buildDataset, shuffle, type Dataset } from '../data/dataset.ts';
import type { Digits } from '../data/digits.ts';
import { calibrateLsuv, initializeNetwork } from '../experiment.ts';
import { outputHead } from '../model/layers/dense.ts';
import { backward, buildNetwork, createCache, forward, forwardFrom, namedParams, type Cache, type Network } from '../model/network.ts';
import { createOptimizer, DEFAULT_SETTINGS, type Optimizer, type OptimizerSettings, type Param } from '../optim/index.ts';
import { createRng, deriveSeed, type Rng } from '../rng.ts';
import { TRAIN_STREAM } from '../rngStreams.ts';
import { copyRow, countCorrect, sumOfSquares, variance } from './batchRows.ts';
import { auxHeadSpecs, hiddenSpecs } from './plan.ts';
import { differsOnlyLive, trainingProblem } from '../contract/training.ts';
import { Objective } from './objective.ts';
import { Evaluator } from './evaluate.ts';
import { EVAL_FIELDS } from '../contract/trainLayout.ts';
import { priorTerm } from './prior.ts';

const PRIOR_COLUMN = EVAL_FIELDS.indexOf('priorTerm');
import { ICS_COST_FACTOR, IcsMeter } from './ics.ts';
import { icsColumns } from '../contract/trainLayout.ts';
import { DecimatingSeries } from '../contract/series.ts';
import { createAugmenter, type Augmenter } from '../data/augment/augmenter.ts';
import { BatchPreview } from '../data/augment/preview.ts';
import { Pretrainer } from '../pretrain/pretrainer.ts';
import { measureLayers } from '../probe/measure.ts';
import { STEP, stepColumns, stepLayerColumn, type LAYER_STEP_FIELDS, type DatasetView, type Divergence, type TrainMetrics } from '../contract/trainLayout.ts';
import type { ProbeData } from '../contract/probeLayout.ts';
import { BoundaryPainter, boundaryResolution } from './boundary.ts';
import { datasetView, measureTraining, normState } from './snapshot.ts';
import type { LoopRun } from './loopRun.ts';

/** backward()'s options, once (an object literal per step would be garbage per step). */
const WITH_HEADS = { heads: true } as const;


export interface TrainerOptions {
  /**
   * Measure internal covariate shift (engine/train/ics.ts) at evaluation steps, into icsHistory
   * (default true). Off or on, the run's numbers are the same bit for bit.
   */
  readonly ics?: boolean;
}

export class Trainer implements LoopRun {
  readonly dataset: Dataset;
  readonly net: Network;
  readonly cache: Cache;
  readonly batch: number;
  readonly params: readonly Param[];
  readonly optimizer: Optimizer;
  readonly settings: OptimizerSettings;
  /** Every evaluation of the run (bounded: see DecimatingSeries), EVAL_FIELDS per row. */
  readonly evalHistory: DecimatingSeries;
  /** Extra receivers of each step's and each evaluation's row (the worker's per-snapshot buffers). */
  readonly stepSinks: DecimatingSeries[] = [];
  readonly evalSinks: DecimatingSeries[] = [];
  /**
   * Every internal-covariate-shift measurement (engine/train/ics.ts): a row of 'step', then
   * ICS_FIELDS per hidden layer, at evaluation steps at least ICS_COST_FACTOR * depth steps apart
   * (none at step 0: the first measures the shift from step 0). Empty with options.ics false.
   */
  readonly icsHistory: DecimatingSeries;
  readonly icsSinks: DecimatingSeries[] = [];
  /** The latest step's row (STEP_FIELDS, then LAYER_STEP_FIELDS per layer). */
  readonly stepRow: Float64Array;
  private cfg: Config;
  private readonly evaluator: Evaluator;
  /** The page's extra evaluations (evaluateExtra), built at the first. */
  private extra: Evaluator | null = null;
  private readonly labels: Int32Array;
  /** The config's augmentations of each training batch (aug=), or null without. */
  readonly augmenter: Augmenter | null;
  /** The first examples of the latest training batch after augmentation, on image sets (the page's grid). */
  readonly batchPreview: BatchPreview | null;
  private readonly objective: Objective;
  private readonly weightParam: Int32Array;
  private readonly order: Int32Array;
  private rng: Rng;
  private cursor = 0;
  private epochs = 0;
  private steps = 0;
  private batchLoss = NaN;
  private batchAccuracy = NaN;
  private mainLoss = NaN;
  private readonly auxLosses = [NaN, NaN];
  private readonly window: TrainingWindow;
  private diverged: Divergence | null = null;
  private readonly ics: IcsMeter | null;
  private lastIcsStep = 0;
  /**
   * Greedy layer-wise pretraining (pretrain=ae|dae), run before the first training step: its steps
   * are not training steps (step stays 0), the test set is first evaluated when it ends. Null
   * without pretraining.
   */
  readonly pretrainer: Pretrainer | null;
  /** The per-layer probe at step 0 with the initial weights, and with the pretrained ones (null until pretraining ends). */
  private probeBefore: ProbeData | null = null;
  private probeAfter: ProbeData | null = null;

  constructor(config: Config, digits: Digits | null, options: TrainerOptions = {}) {
    const problem = trainingProblem(config);
    if (problem) throw new Error(problem);
    this.cfg = config;
    this.dataset = buildDataset(config, digits);
    const { inputWidth, classes, trainCount } = this.dataset;
    const aux = auxHeadSpecs(config, classes);
    this.net = buildNetwork(inputWidth, [...hiddenSpecs(config), outputHead(classes)], aux.heads);
    this.batch = Math.min(config.batch, trainCount);
    this.window = new TrainingWindow(this.batch);
    // No dL/d(input): training does not need it (the probe computes it when it measures: inputGradient).
    this.cache = createCache(this.net, this.batch);
    this.labels = new Int32Array(this.batch);
    this.augmenter = createAugmenter(config, this.dataset, this.batch, { softTargets: true });
    this.batchPreview = this.dataset.imageShape ? new BatchPreview(this.dataset, this.batch, config.aug) : null;
    this.objective = new Objective(this.net, this.batch, classes, aux.slots, config.auxw);
    // The layers' params() in order: a block's projection right after its second unit's (the ICS
    // meter takes each unit's parameters as a contiguous run); auxiliary heads after the output layer.
    const named = namedParams(this.net, (l) => (l < config.depth ? `layer ${l + 1}` : 'output layer'), (_, k) => `block ${k + 1}`);
    const params: Param[] = named.map((p) => ({ name: p.fullName, value: p.value.data, grad: p.grad.data, decay: p.decay }));
    this.weightParam = new Int32Array(this.net.units.length);
    named.forEach((p, k) => { if (p.globalUnit >= 0 && p.name === 'weight') this.weightParam[p.globalUnit] = k; });
    this.params = params;
    this.settings = { ...DEFAULT_SETTINGS, lr: config.lr, wd: config.wd, momentum: config.mom, prior: config.prior, decoupled: config.decay === 'decoupled' };
    this.optimizer = createOptimizer(config.opt, params, this.settings);
    this.order = new Int32Array(trainCount);
    this.rng = createRng(0);
    this.stepRow = new Float64Array(stepColumns(this.net.units.length));
    this.evalHistory = new DecimatingSeries(EVAL_FIELDS.length, 2048);
    this.evaluator = new Evaluator(this.net, this.dataset, config.depth - 1);
    this.icsHistory = new DecimatingSeries(icsColumns(config.depth), 512);
    this.ics = options.ics === false ? null : new IcsMeter(this.net, this.dataset, config.depth, params, this.weightParam);
    this.pretrainer = config.pretrain === 'none' ? null : new Pretrainer(
      this.net, config, config.depth,
      // The whole training split, unlabelled: with ntrain, far more inputs than labelled examples (the semi-supervised case pretraining was for).
      { inputs: this.dataset.splitInputs, count: this.dataset.splitCount, width: inputWidth },
      inUnitRange(this.dataset.splitInputs),
    );
    this.reset();
  }

  get config(): Config { return this.cfg; }
  /** The prior's term of the objective now, wd R(W) (engine/train/prior.ts); 0 without a prior. */
  get priorTerm(): number { return priorTerm(this.cfg, this.params); }
  get step(): number { return this.steps; }
  get divergence(): Divergence | null { return this.diverged; }

  /** Back to step 0: the same initial weights, batch order and state as a freshly built trainer. */
  reset(): void {
    const config = this.cfg;
    // The head takes the same initializer as the hidden layers (its options name the hidden activation).
    initializeNetwork(this.net, config);
    if (config.init === 'lsuv') {
      // Calibrated on the first `batch` training examples (the split already shuffled them).
      this.cache.input.data.set(this.dataset.trainInputs.subarray(0, this.batch * this.dataset.inputWidth));
      calibrateLsuv(this.net, this.cache, config.gain * config.gain);
    }
    this.optimizer.reset();
    this.augmenter?.reset();
    this.batchPreview?.clear();
    this.rng = createRng(deriveSeed(config.seed, TRAIN_STREAM.batches));
    for (let i = 0; i < this.order.length; i++) this.order[i] = i;
    shuffle(this.order, this.order.length, this.rng);
    this.cursor = 0;
    this.epochs = 1;
    this.steps = 0;
    this.batchLoss = this.batchAccuracy = this.mainLoss = NaN;
    this.auxLosses.fill(NaN);
    this.window.clear();
    this.diverged = null;
    this.evaluator.clear();
    this.extra?.clear();
    this.evalHistory.clear();
    this.stepRow.fill(NaN);
    this.icsHistory.clear();
    this.lastIcsStep = 0;
    this.probeAfter = null;
    if (this.pretrainer) {
      this.pretrainer.reset();
      this.probeBefore = this.probeAtStepZero();
      if (this.pretrainer.layers > 0 && this.pretrainer.stepsPerLayer > 0) return; // evaluated when pretraining ends
    }
    this.startTraining();
  }

  /** The test set at step 0 (every curve starts there) and the ICS meter's reference. */
  private startTraining(): void {
    this.evaluate();
    this.ics?.start();
  }

  /** Pretraining steps still to take before the first training step. */
  get pretraining(): boolean {
    return this.pretrainer !== null && !this.pretrainer.done && this.diverged === null;
  }

  /** Pretraining steps taken plus training steps taken: how far the run has gone (the loop's lockstep and Step count this). */
  get progress(): number {
    return (this.pretrainer?.stepsDone ?? 0) + this.steps;
  }

  /** The probe at step 0 before pretraining (null without pretraining) and after it (null until it ends). */
  get pretrainProbes(): { before: ProbeData | null; after: ProbeData | null } {
    return { before: this.probeBefore, after: this.probeAfter };
  }

  /**
   * One pretraining step (engine/pretrain/pretrainer.ts); when it was the last, the probe after
   * pretraining, the test set at step 0 and the ICS reference. False, doing nothing, when not pretraining.
   */
  pretrainStep(): boolean {
    const p = this.pretrainer;
    if (!p || !this.pretraining) return false;
    const problem = p.step();
    if (problem) return this.stop({ step: 0, where: 'pretraining', message: problem });
    if (p.done) {
      this.probeAfter = this.probeAtStepZero();
      this.startTraining();
    }
    return true;
  }

  /** One step of the run: a pretraining step while pretraining lasts, a training step after. */
  advance(): boolean {
    return this.pretraining ? this.pretrainStep() : this.trainStep();
  }

  /** The per-layer probe of the supervised objective on the first training batch with the current weights (as measureTraining at step 0). */
  private probeAtStepZero(): ProbeData {
    this.initialPass();
    return measureLayers(this.net, this.cache, this.cfg.depth);
  }

  /**
   * Take live settings from a new config. Returns false (and changes nothing) if any other key
   * differs: the caller builds a new trainer.
   */
  applyLive(config: Config): boolean {
    if (!differsOnlyLive(config, this.cfg)) return false;
    const testModeChanged = config.testbn !== this.cfg.testbn;
    const priorChanged = config.prior !== this.cfg.prior;
    this.cfg = config;
    this.settings.lr = config.lr;
    this.settings.wd = config.wd;
    this.settings.momentum = config.mom;
    this.settings.prior = config.prior;
    this.settings.decoupled = config.decay === 'decoupled';
    // The train/eval switch shows its effect at once: the test set again, in the new mode.
    // So does a new prior: its term in the objective at this step.
    if ((testModeChanged || priorChanged) && this.steps > 0 && !this.diverged) this.evaluate();
    return true;
  }

  get metrics(): TrainMetrics {
    const ev = this.evaluator;
    return {
      step: this.steps, epoch: this.epochs, batchLoss: this.batchLoss, batchAccuracy: this.batchAccuracy,
      mainLoss: this.mainLoss, auxLosses: this.auxLosses.slice(),
      trainLoss: this.window.trainLoss,
      trainAccuracy: this.window.trainAccuracy,
      testLoss: ev.testLoss, testAccuracy: ev.testAccuracy, evaluatedAt: ev.evaluatedAt,
    };
  }

  /** Copy the next mini-batch into the cache: a new permutation whenever fewer than a batch remain. */
  private nextBatch(): void {
    const { trainInputs, trainLabels, inputWidth: width } = this.dataset;
    if (this.cursor + this.batch > this.order.length) {
      shuffle(this.order, this.order.length, this.rng);
      this.cursor = 0;
      this.epochs++;
    }
    const x = this.cache.input.data;
    for (let r = 0; r < this.batch; r++) {
      const src = this.order[this.cursor + r];
      copyRow(trainInputs, src, x, r, width);
      this.labels[r] = trainLabels[src];
    }
    this.cursor += this.batch;
    this.augmenter?.apply(x, this.labels);
  }

  /** Soft targets of the batch (mixup's), or null: the labels are the targets. */
  private get targets(): Float32Array | null {
    return this.augmenter?.targets ?? null;
  }

  /** One training step. Returns false, doing nothing, once training has diverged (or while pretraining lasts). */
  trainStep(): boolean {
    if (this.diverged || this.pretraining) return false;
    const { net, cache } = this;
    const attempt = this.steps + 1;
    const evaluating = attempt % this.cfg.evalevery === 0;
    const measuring = this.ics !== null && evaluating && attempt - this.lastIcsStep >= ICS_COST_FACTOR * this.cfg.depth;
    this.nextBatch();
    this.batchPreview?.capture(attempt, cache.input.data, this.labels, this.augmenter);
    forward(net, cache, 'train');
    const objective = this.objective;
    const loss = objective.forward(cache, this.labels, this.targets);
    const correct = countCorrect(objective.probs.data, this.labels, this.dataset.classes);
    this.fillLayerStats(false);
    if (!Number.isFinite(loss)) {
      const l = this.firstLayer('actVar');
      const where = l < 0 ? '' : ` (${this.layerName(l)}'s activations are not finite)`;
      return this.stop({ step: attempt, where: 'loss', message: `loss diverged at step ${attempt}${where}` });
    }
    objective.gradients(cache, this.labels, this.targets);
    backward(net, cache, cache.dOutput!, WITH_HEADS);
    this.fillLayerStats(true);
    const badGrad = this.firstLayer('weightGradNorm');
    if (badGrad >= 0) {
      return this.stop({ step: attempt, where: 'gradient', message: `the gradient overflowed at step ${attempt} (${this.layerName(badGrad)}'s weight gradient is not finite)` });
    }
    if (measuring) this.ics!.measureGradients(this.settings.lr, this.recomputePass);
    const badParam = this.optimizer.step();
    this.fillUpdateRatios();
    this.steps = attempt;
    this.batchLoss = loss;
    this.batchAccuracy = correct / this.batch;
    this.mainLoss = objective.mainLoss;
    this.auxLosses[0] = objective.auxLosses[0];
    this.auxLosses[1] = objective.auxLosses[1];
    this.window.add(loss, correct);
    const row = this.stepRow;
    row[STEP.step] = attempt;
    row[STEP.batchLoss] = loss;
    row[STEP.batchAccuracy] = this.batchAccuracy;
    row[STEP.mainLoss] = objective.mainLoss;
    row[STEP.auxLoss1] = objective.auxLosses[0];
    row[STEP.auxLoss2] = objective.auxLosses[1];
    for (let i = 0; i < this.stepSinks.length; i++) this.stepSinks[i].offer(row);
    if (badParam >= 0) {
      return this.stop({ step: attempt, where: 'parameters', message: `parameters diverged at step ${attempt} (${this.params[badParam].name} is not finite)` });
    }
    if (evaluating) this.evaluate();
    if (measuring) {
      const ics = this.ics!;
      ics.measureShift(attempt);
      this.lastIcsStep = attempt;
      this.icsHistory.offer(ics.row);
      for (let i = 0; i < this.icsSinks.length; i++) this.icsSinks[i].offer(ics.row);
    }
    return true;
  }

  /** The step's pass again from hidden layer `from` (batch statistics, running estimates untouched): the ICS meter's. */
  private readonly recomputePass = (from: number): void => {
    const { net, cache } = this;
    forwardFrom(net, cache, from);
    this.objective.forward(cache, this.labels, this.targets);
    this.objective.gradients(cache, this.labels, this.targets);
    backward(net, cache, cache.dOutput!, WITH_HEADS);
  };

  /**
   * The probe's pass before any step (measureTraining at step 0): the first `batch` training
   * examples forward in 'batch' mode (running estimates untouched), the objective and its backward
   * pass, with no update. The next step overwrites the cache.
   */
  initialPass(): void {
    const { net, cache, dataset } = this;
    for (let r = 0; r < cache.batch; r++) {
      copyRow(dataset.trainInputs, r, cache.input.data, r, dataset.inputWidth);
      this.labels[r] = dataset.trainLabels[r];
    }
    forward(net, cache, 'batch');
    this.objective.forward(cache, this.labels);
    this.objective.gradients(cache, this.labels);
    backward(net, cache, cache.dOutput!, WITH_HEADS);
  }

  /** Pretraining to its end (if any), then up to n training steps; returns how many training steps were taken (fewer if training diverged). */
  run(n: number): number {
    while (this.pretrainStep());
    let taken = 0;
    while (taken < n && this.trainStep()) taken++;
    return taken;
  }

  /**
   * Evaluate the whole test set now (in the mode testbn names) and record a row in evalHistory;
   * closes the running training average. Also called every `evalevery` steps by trainStep.
   */
  evaluate(): void {
    this.window.close();
    const row = this.evaluator.run(this.steps, this.cfg.testbn === 'running' ? 'eval' : 'batch', this.batch, this.window.closedLoss, this.window.closedAccuracy);
    row[PRIOR_COLUMN] = this.priorTerm;
    this.evalHistory.offer(row);
    for (const sink of this.evalSinks) sink.offer(row);
  }

  /**
   * An evaluation between the scheduled ones (the page's: on Pause, on Step, twice a second while
   * playing), when the test numbers are older than the current step. It reads the parameters and
   * writes only the evaluator's own buffers: the batch order, the weights, the running estimates
   * and the running training average go on as without it (the scheduled evaluations, and so the
   * CLI's report, are the same bit for bit). It is not a row of the history (the curves and tables
   * keep the scheduled evaluations, the same on every machine whatever its speed): it updates the
   * test numbers and predictions shown (shownMetrics, shownPredictions). Returns whether it evaluated.
   */
  evaluateExtra(): boolean {
    if (this.diverged || this.pretraining || this.shownEvaluator.evaluatedAt === this.steps) return false;
    this.extra ??= new Evaluator(this.net, this.dataset, this.cfg.depth - 1);
    this.extra.run(this.steps, this.cfg.testbn === 'running' ? 'eval' : 'batch', this.batch, this.window.trainLoss, this.window.trainAccuracy);
    return true;
  }

  /** The newer of the scheduled evaluation and the extra one (the extra has its own evaluator: metrics stay the run's). */
  private get shownEvaluator(): Evaluator {
    return this.extra && this.extra.evaluatedAt > this.evaluator.evaluatedAt ? this.extra : this.evaluator;
  }

  /** metrics, with the test numbers of the newest evaluation, scheduled or extra: what the page shows. */
  get shownMetrics(): TrainMetrics {
    const m = this.metrics, ev = this.shownEvaluator;
    return ev === this.evaluator ? m : { ...m, testLoss: ev.testLoss, testAccuracy: ev.testAccuracy, evaluatedAt: ev.evaluatedAt };
  }

  /** testPredictions of the newest evaluation, scheduled or extra. */
  get shownPredictions(): Int32Array { return this.shownEvaluator.predictions; }

  // What the training loop's snapshots take from a run (LoopRun).
  measure(): ProbeData { return measureTraining(this); }
  normState(): Float32Array | null { return normState(this); }
  datasetView(): DatasetView { return datasetView(this); }
  boundaryPainter(): BoundaryPainter | null {
    return this.dataset.inputWidth === 2 ? new BoundaryPainter(this, boundaryResolution(this.net)) : null;
  }

  /** Predicted class per test example at the last evaluation (-1 before the first). */
  get testPredictions(): Int32Array { return this.evaluator.predictions; }

  private stop(d: Divergence): false {
    this.diverged = d;
    return false;
  }

  private layerName(l: number): string {
    return l < this.cfg.depth ? `layer ${l + 1}` : 'the output layer';
  }

  /** First layer whose step statistic `field` is not finite, or -1. */
  private firstLayer(field: (typeof LAYER_STEP_FIELDS)[number]): number {
    const row = this.stepRow;
    for (let l = 0; l < this.net.units.length; l++) {
      const v = row[stepLayerColumn(l, field)];
      if (v - v !== 0) return l;
    }
    return -1;
  }

  /** The step row's per-layer statistics: activation variance (forward), or the two gradient norms (backward). */
  private fillLayerStats(gradients: boolean): void {
    const { net, cache } = this;
    const row = this.stepRow;
    for (let l = 0; l < net.units.length; l++) {
      if (!gradients) {
        row[stepLayerColumn(l, 'actVar')] = variance(cache.taps[l].post.data);
        row[stepLayerColumn(l, 'gradNorm')] = row[stepLayerColumn(l, 'weightGradNorm')] = row[stepLayerColumn(l, 'updateRatio')] = NaN;
      } else {
        row[stepLayerColumn(l, 'gradNorm')] = Math.sqrt(sumOfSquares(cache.taps[l].dPre!.data));
        row[stepLayerColumn(l, 'weightGradNorm')] = Math.sqrt(sumOfSquares(net.units[l].dWeight.data));
      }
    }
  }

  private fillUpdateRatios(): void {
    const row = this.stepRow, { updateSq, valueSq } = this.optimizer;
    for (let l = 0; l < this.net.units.length; l++) {
      const k = this.weightParam[l];
      row[stepLayerColumn(l, 'updateRatio')] = Math.sqrt(updateSq[k] / valueSq[k]);
    }
  }
}

/** Whether every value lies in [0, 1] (then a first layer's decoder is a sigmoid with cross-entropy). */
function inUnitRange(x: Float32Array): boolean {
  for (let i = 0; i < x.length; i++) if (!(x[i] >= 0 && x[i] <= 1)) return false;
  return true;
}
