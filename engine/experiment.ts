import type { Config } from './config.ts';
import { initializeWeight, type InitOptions } from './init/initializers.ts';
import { lsuvCalibrate } from './init/lsuv.ts';
import { backward, buildNetwork, createCache, forward, type Cache, type Network } from './network.ts';
import { STAT, STAT_COUNT, type ProbeData } from './probe/layout.ts';
import { measureLayers } from './probe/measure.ts';
import { createRng, deriveSeed, type Rng } from './rng.ts';
import { zerosTensor, type Tensor } from './tensor.ts';
import { predictSecondMoments, type Theory } from './theory.ts';

/** Independent random streams drawn from the one seed, so changing one draw moves no other. */
export const STREAM = { weights: 0, input: 1, topGrad: 2 } as const;

const SQRT3 = Math.sqrt(3);

export interface ProbeRun {
  readonly config: Config;
  readonly net: Network;
  readonly cache: Cache;
  readonly topGrad: Tensor;
  readonly probe: ProbeData;
}

export function initOptionsOf(config: Config): InitOptions {
  return { activation: config.act, gain: config.gain, std: config.std, constant: config.const, fan: config.fan };
}

/** Fill the input batch: N(0, 1), or U(-sqrt 3, sqrt 3), which also has variance 1. */
export function fillInput(input: Tensor, distribution: Config['input'], rng: Rng): void {
  const x = input.data;
  if (distribution === 'gauss') for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  else for (let i = 0; i < x.length; i++) x[i] = SQRT3 * (2 * rng.uniform() - 1);
}

/** Build the config's network, initialize it, and fill the cache's input batch. */
export function buildExperiment(config: Config): { net: Network; cache: Cache } {
  const inputWidth = config.width;
  const specs = Array.from({ length: config.depth }, () => ({ kind: 'dense' as const, units: config.width, activation: config.act }));
  const net = buildNetwork(inputWidth, specs);
  const cache = createCache(net, config.batch);
  const weightRng = createRng(deriveSeed(config.seed, STREAM.weights));
  const options = initOptionsOf(config);
  for (const layer of net.layers) {
    initializeWeight(config.init, layer.weight, weightRng, options);
    layer.bias.data.fill(config.bias);
  }
  fillInput(cache.input, config.input, createRng(deriveSeed(config.seed, STREAM.input)));
  if (config.init === 'lsuv') lsuvCalibrate(net, cache, config.gain * config.gain);
  return { net, cache };
}

/** The seeded N(0, 1) gradient fed in at the last hidden layer's activations. */
export function seededTopGradient(config: Config): Tensor {
  const topGrad = zerosTensor([config.batch, config.width]);
  const gradRng = createRng(deriveSeed(config.seed, STREAM.topGrad));
  for (let i = 0; i < topGrad.data.length; i++) topGrad.data[i] = gradRng.normal();
  return topGrad;
}

/** Build and initialize the config's network, then one forward and one backward pass. */
export function forwardAndBackward(config: Config): { net: Network; cache: Cache; topGrad: Tensor } {
  const { net, cache } = buildExperiment(config);
  forward(net, cache);
  const topGrad = seededTopGradient(config);
  backward(net, cache, topGrad);
  return { net, cache, topGrad };
}

/** The theory's per-layer second moments for this config (inputs of variance 1, N(0, 1) top gradient). */
export function theoryOf(config: Config, inputWidth: number): Theory {
  return predictSecondMoments({
    depth: config.depth, width: config.width, inputWidth,
    activation: config.act, init: config.init, initOptions: initOptionsOf(config),
    bias: config.bias, inputM2: 1, topGradM2: 1,
  });
}

/**
 * The signal probe: one forward pass over the batch, then one backward pass started from a fixed,
 * seeded N(0, 1) gradient on the last hidden layer's activations (so the backward plot shows the
 * network's own gain, not a loss's), then every layer's statistics with the theory beside them.
 */
export function runProbe(config: Config): ProbeRun {
  const { net, cache, topGrad } = forwardAndBackward(config);
  const probe = measureLayers(net, cache);
  const theory = theoryOf(config, net.inputWidth);
  for (let l = 0; l < config.depth; l++) {
    const o = l * STAT_COUNT;
    probe.stats[o + STAT.theoryPreM2] = theory.preM2[l];
    probe.stats[o + STAT.theoryActM2] = theory.actM2[l];
    probe.stats[o + STAT.theoryGradM2] = theory.gradM2[l];
  }
  return { config, net, cache, topGrad, probe };
}
