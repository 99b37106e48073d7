import type { Config } from './contract/config.ts';
import { hiddenWidths, usesWidths } from './contract/widths.ts';
import { cachedDraws, freshDraws } from './init/drawCache.ts';
import { drawFamily, initializeWeight, scaleDraws, weightVariance, type DrawFamily, type InitOptions } from './init/initializers.ts';
import { LSUV_MAX_ITERATIONS, LSUV_TOLERANCE, lsuvCalibrate, varianceOf } from './init/lsuv.ts';
import { batchNormSpec } from './model/layers/dense.ts';
import {
  backwardLayer, buildNetwork, createCache, forwardLayer, resetState, startBackward,
  type Cache, type LayerSpec, type Network,
} from './model/network.ts';
import { STAT, STAT_COUNT, type ProbeData } from './contract/probeLayout.ts';
import { measureLayers } from './probe/measure.ts';
import { predictResidual } from './residualTheory.ts';
import { createRng, deriveSeed, type Rng } from './rng.ts';
import { STREAM } from './rngStreams.ts';
import { zerosTensor, type Tensor } from './tensor.ts';
import { exactActivationFactor, predictSecondMoments } from './theory.ts';
import { predictWithBatchNorm } from './normTheory.ts';
import { buildDataset, datasetProblem, type Dataset } from './data/dataset.ts';
import type { DataFile } from './data/files.ts';
import { probeNotApplied, type NotApplied } from './contract/applies.ts';

// Independent random streams drawn from the one seed (rngStreams.ts), so changing one draw moves
// no other. The projections and auxiliary heads have their own, so a residual net's dense weights
// are the plain net's, bit for bit, and heads change nothing in the network they watch.

const SQRT3 = Math.sqrt(3);

export interface ProbeRun {
  readonly config: Config;
  readonly net: Network;
  readonly cache: Cache;
  readonly topGrad: Tensor;
  readonly probe: ProbeData;
  /** The keys set away from their default that this probe did not use, and why (probe/applies.ts). */
  readonly notApplied: readonly NotApplied[];
}

export function initOptionsOf(config: Config): InitOptions {
  return { activation: config.act, gain: config.gain, std: config.std, constant: config.const, fan: config.fan };
}

/** Residual blocks of a config: two hidden layers each (an odd depth leaves the last layer plain). */
export function blockCount(config: Config): number {
  return config.residual === 1 ? Math.floor(config.depth / 2) : 0;
}

/** The branch scale alpha: 1, 1/sqrt(blocks), or 1 for a zero-initialized branch (its start is the zero). */
export function branchScale(config: Config): number {
  return config.alpha === 'invsqrt' ? 1 / Math.sqrt(Math.max(1, blockCount(config))) : 1;
}

/**
 * The hidden layers' specs: config.depth dense layers of config.width units, or with residual=1
 * floor(depth / 2) residual blocks of two (the last layer plain when depth is odd). withNorm: batch
 * norm where norm=batch puts it (training; the probe has none, as it always had); inside a
 * residual block the form fixes where it sits, and bnpos applies to a plain layer only.
 */
export function hiddenLayerSpecs(config: Config, withNorm: boolean): LayerSpec[] {
  const norm = withNorm && config.norm === 'batch' ? batchNormSpec(config.bnpos, config.bnmom, config.bneps) : undefined;
  const plain = { kind: 'dense' as const, units: config.width, activation: config.act, ...(norm ? { batchNorm: norm } : {}) };
  if (config.residual !== 1) return hiddenWidths(config).map((units) => ({ ...plain, units }));
  const scale = branchScale(config);
  const blocks = Array.from({ length: blockCount(config) }, (): LayerSpec => ({
    kind: 'residual', form: config.resform, units: config.width, activation: config.act, scale, ...(norm ? { batchNorm: norm } : {}),
  }));
  return config.depth % 2 === 1 ? [...blocks, plain] : blocks;
}

/**
 * Every parameter at its initial value: weights by the config's initializer (hidden layers in
 * order, then any further layer such as the output head) from STREAM.weights, biases at `bias`,
 * batch norms at gamma 1 and beta 0. Then:
 * - projections x W_p: LeCun normal N(0, 1/n_in), which keeps E[x^2] as the identity would (they
 *   stand in for the identity, whatever the initializer under study), from STREAM.projections;
 * - alpha=zero: each block's branch ends at exactly zero (Fixup, Zhang et al. 2019; SkipInit, De &
 *   Smith 2020): its last dense layer's weights and bias (drawn first, so the other layers keep
 *   their draws), or, in the post form with batch norm, where the branch ends in BN, that BN's
 *   gamma and beta (zero-gamma, Goyal et al. 2017; a zero dense layer under BN would be divided by
 *   sqrt(eps));
 * - auxiliary heads: the config's initializer, from STREAM.auxHeads.
 */
export function initializeNetwork(net: Network, config: Config, build: BuildOptions = {}): void {
  const family = drawFamily(config.init);
  const shapes = net.units.map((u) => u.weight.shape as [number, number]);
  const seed = deriveSeed(config.seed, STREAM.weights);
  const draws = family === null ? null
    : build.draws ? build.draws(seed, family, shapes)
      : build.keepDraws === false ? freshDraws(seed, family, shapes) : cachedDraws(seed, family, shapes);
  const options = initOptionsOf(config);
  net.units.forEach((unit, l) => {
    scaleDraws(config.init, unit.weight, draws === null ? null : draws[l], options);
    unit.bias.data.fill(config.bias);
  });
  resetState(net);
  const projectionRng = createRng(deriveSeed(config.seed, STREAM.projections));
  for (const layer of net.layers) {
    // A layer's own parameters, outside its units, are projections standing in for the identity.
    for (const p of layer.params()) {
      if (p.unit >= 0) continue;
      const w = p.value.data, sd = 1 / Math.sqrt(p.value.shape[0]);
      for (let i = 0; i < w.length; i++) w[i] = sd * projectionRng.normal();
    }
    if (config.alpha === 'zero') layer.startAsIdentity?.();
  }
  const headRng = createRng(deriveSeed(config.seed, STREAM.auxHeads));
  for (const head of net.heads) {
    initializeWeight(config.init, head.unit.weight, headRng, options);
    head.unit.bias.data.fill(config.bias);
  }
}

/**
 * LSUV (Mishkin & Matas 2015) on the batch in cache.input. Plain stacks: lsuvCalibrate, as always.
 * Residual stacks: each dense output x W + b is rescaled to variance target (what LSUV normalizes
 * in a ResNet: each layer's own output, not the stream, which the skip also feeds); a zero branch
 * end stays zero.
 */
export function calibrateLsuv(net: Network, cache: Cache, target: number): void {
  if (net.layers.every((layer) => layer.units.length === 1)) {
    lsuvCalibrate(net, cache, target);
    return;
  }
  for (let l = 0; l < net.units.length; l++) {
    const w = net.units[l].weight.data;
    // The whole block runs again: unit l's values are the same, the later unit's are redone after.
    const m = net.layerOf[l];
    for (let iter = 0; iter < LSUV_MAX_ITERATIONS; iter++) {
      forwardLayer(net, cache, m);
      const variance = varianceOf(cache.taps[l].dense.data);
      if (!(variance > 0) || !Number.isFinite(variance)) break;
      if (Math.abs(variance - target) < LSUV_TOLERANCE * target) break;
      const scale = Math.sqrt(target / variance);
      for (let i = 0; i < w.length; i++) w[i] *= scale;
    }
    forwardLayer(net, cache, m);
  }
}

/** Fill the input batch: N(0, 1), or U(-sqrt 3, sqrt 3), which also has variance 1. */
export function fillInput(input: Tensor, distribution: Config['input'], rng: Rng): void {
  const x = input.data;
  if (distribution === 'gauss') for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  else for (let i = 0; i < x.length; i++) x[i] = SQRT3 * (2 * rng.uniform() - 1);
}

export interface BuildOptions {
  /**
   * The data set whose training split gives the input batch (its first `batch` examples, as
   * training standardizes them), or null/absent: the synthetic input (probeDataset).
   */
  readonly dataset?: Dataset | null;
  /**
   * Keep the weight draws for the next probe (init/drawCache.ts; default true). False for
   * background work, such as the initializer comparison, which would displace the newest config's.
   */
  readonly keepDraws?: boolean;
  /**
   * Where the raw weight draws come from instead (the same numbers freshDraws gives: a store of
   * its own, such as the initializer comparison's, shared by its lines).
   */
  readonly draws?: (seed: number, family: DrawFamily, shapes: readonly (readonly [number, number])[]) => Float64Array[];
}

/**
 * The data set a probe of this config draws its input batch from: null for data=none, and null
 * when its file is not at hand (the page's probe has no digits file; probeNotApplied says so).
 */
export function probeDataset(config: Config, data: DataFile | null = null): Dataset | null {
  if (config.data === 'none' || datasetProblem(config, data) !== null) return null;
  return buildDataset(config, data);
}

/** Examples in the probe batch: config.batch, at most the training split when a data set gives the inputs. */
export function probeBatch(config: Config, dataset: Dataset | null): number {
  return dataset ? Math.min(config.batch, dataset.trainCount) : config.batch;
}

/** Build the config's network (with batch norm where norm=batch puts it), initialize it, and fill the cache's input batch. */
export function buildExperiment(config: Config, options: BuildOptions = {}): { net: Network; cache: Cache } {
  const dataset = options.dataset ?? null;
  const batch = probeBatch(config, dataset);
  const net = buildNetwork(dataset ? dataset.inputWidth : config.width, hiddenLayerSpecs(config, true));
  // dL/d(input): the first pair's or block's Jacobian estimate needs the gradient below it.
  const cache = createCache(net, batch, { inputGradient: true });
  initializeNetwork(net, config, options);
  if (dataset) cache.input.data.set(dataset.trainInputs.subarray(0, batch * dataset.inputWidth));
  else fillInput(cache.input, config.input, createRng(deriveSeed(config.seed, STREAM.input)));
  if (config.init === 'lsuv') calibrateLsuv(net, cache, config.gain * config.gain);
  return { net, cache };
}

/** The seeded N(0, 1) gradient fed in at the last hidden layer's activations. */
export function seededTopGradient(config: Config, batch = config.batch): Tensor {
  const widths = hiddenWidths(config);
  const topGrad = zerosTensor([batch, widths[widths.length - 1]]);
  const gradRng = createRng(deriveSeed(config.seed, STREAM.topGrad));
  for (let i = 0; i < topGrad.data.length; i++) topGrad.data[i] = gradRng.normal();
  return topGrad;
}

/** Build and initialize the config's network, then one forward and one backward pass. */
export function forwardAndBackward(config: Config, options: BuildOptions = {}): { net: Network; cache: Cache; topGrad: Tensor } {
  return drain(forwardAndBackwardSlices(config, options));
}

/**
 * forwardAndBackward in slices: it yields after building the network, after each layer's forward
 * and after each layer's backward (a residual block is one layer here), so a worker can hear a newer request between two (a 50 x 256
 * probe at batch 256 is seconds of work). The same arithmetic in the same order.
 */
export function* forwardAndBackwardSlices(config: Config, options: BuildOptions = {}): Generator<void, { net: Network; cache: Cache; topGrad: Tensor }, void> {
  const { net, cache } = buildExperiment(config, options);
  yield;
  // Batch norm in train mode (PyTorch's model.train()): batch statistics, and one update of the running estimates.
  const mode = config.norm === 'batch' ? 'train' : 'batch';
  for (let l = 0; l < net.layers.length; l++) {
    forwardLayer(net, cache, l, mode);
    yield;
  }
  const topGrad = seededTopGradient(config, cache.batch);
  startBackward(net, cache, topGrad);
  for (let l = net.layers.length - 1; l >= 0; l--) {
    backwardLayer(net, cache, l);
    yield;
  }
  return { net, cache, topGrad };
}

/** Run a sliced computation to its end at once. */
export function drain<T>(slices: Generator<void, T, void>): T {
  for (;;) {
    const next = slices.next();
    if (next.done) return next.value;
  }
}

/** The theory's per-layer second moments for a probe of this config (inputs of second moment 1, N(0, 1) top gradient). */
export interface ProbeTheory {
  readonly preM2: Float64Array;
  readonly actM2: Float64Array;
  readonly gradM2: Float64Array;
  /** The residual stream's E[x^2] at each block's end (NaN elsewhere, and for plain nets). */
  readonly streamM2: Float64Array;
  /** Var[w] of a hidden layer (width inputs and outputs), or null without a formula (zeros, constant, LSUV). */
  readonly weightVariance: number | null;
  /** rho = E[phi(h)^2] / E[h^2] where it is exact at every scale, else null (exactActivationFactor). */
  readonly activationFactor: number | null;
}

/**
 * panels: Simpson panels for the plain recursion's integrals (theory.ts's PANELS unless a quick look
 * asks for fewer). inputM2: E[x^2] of the input batch (1 for the synthetic inputs).
 */
export function theoryOf(config: Config, inputWidth: number, panels?: number, inputM2 = 1): ProbeTheory {
  const initOptions = initOptionsOf(config);
  const recursion = {
    weightVariance: weightVariance(config.init, config.width, config.width, initOptions),
    activationFactor: exactActivationFactor(config.act, config.bias),
  };
  if (config.residual === 1) {
    const residual = predictResidual({
      depth: config.depth, width: config.width, inputWidth, activation: config.act, init: config.init, initOptions,
      bias: config.bias, form: config.resform, scale: config.alpha === 'zero' ? 0 : branchScale(config),
      norm: config.norm === 'batch' ? { eps: config.bneps, batch: config.batch } : null, input: config.input, topGradM2: 1,
      ...(inputM2 !== 1 ? { inputM2 } : {}),
    });
    return { ...residual, ...recursion };
  }
  const widths = hiddenWidths(config);
  const input = {
    depth: widths.length, width: config.width, inputWidth, ...(usesWidths(config) ? { widths } : {}),
    activation: config.act, init: config.init, initOptions, bias: config.bias, inputM2, topGradM2: 1, panels,
  };
  const plain = config.norm === 'batch'
    ? predictWithBatchNorm({ ...input, norm: { position: config.bnpos, eps: config.bneps, batch: config.batch, gamma: 1, beta: 0 } })
    : predictSecondMoments(input);
  return { ...plain, streamM2: new Float64Array(widths.length).fill(NaN), ...recursion };
}

/**
 * The signal probe: one forward pass over the batch, then one backward pass started from a fixed,
 * seeded N(0, 1) gradient on the last hidden layer's activations (so the backward plot shows the
 * network's own gain, not a loss's), then every layer's statistics with the theory beside them.
 */
export function runProbe(config: Config, data: DataFile | null = null): ProbeRun {
  return drain(probeSlices(config, data));
}

/**
 * runProbe in slices (see forwardAndBackwardSlices); driven to the end it is runProbe. data: the
 * data file a data set needs (the digits), when the caller has it. The run's config is what was
 * computed: its batch is the one used (at most the training split).
 */
export function* probeSlices(requested: Config, data: DataFile | null = null): Generator<void, ProbeRun, void> {
  const dataset = probeDataset(requested, data);
  const batch = probeBatch(requested, dataset);
  // What is computed is echoed: the batch used, and the depth a widths list gives.
  const depth = hiddenWidths(requested).length;
  const config = batch === requested.batch && depth === requested.depth ? requested : { ...requested, batch, depth };
  const { net, cache, topGrad } = yield* forwardAndBackwardSlices(config, { dataset });
  const probe = measureLayers(net, cache);
  writeTheory(probe, theoryOf(config, net.inputWidth, undefined, dataset ? meanSquare(cache.input.data) : 1));
  return { config, net, cache, topGrad, probe, notApplied: probeNotApplied(requested, { dataLoaded: dataset !== null, batch }) };
}

function meanSquare(x: Float32Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return s / x.length;
}

/** The theory's per-layer values into a probe's stats, beside the measurements. */
export function writeTheory(probe: ProbeData, theory: ProbeTheory): void {
  for (let l = 0; l < probe.depth; l++) {
    const o = l * STAT_COUNT;
    probe.stats[o + STAT.theoryPreM2] = theory.preM2[l];
    probe.stats[o + STAT.theoryActM2] = theory.actM2[l];
    probe.stats[o + STAT.theoryGradM2] = theory.gradM2[l];
    probe.stats[o + STAT.theoryStreamM2] = theory.streamM2[l];
  }
  probe.theoryWeightVar = theory.weightVariance ?? NaN;
  probe.theoryActFactor = theory.activationFactor ?? NaN;
}
