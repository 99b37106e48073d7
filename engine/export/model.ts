/**
 * The model as JSON for NumPy and PyTorch. Without a data set: the CLI's --export format (the
 * probe's input batch, every layer's weight and bias, the top gradient and the statistics). With
 * one: the trained model at a given step, rebuilt by replaying the run (the same seed gives the
 * same weights bit for bit, so replaying is exact): weights laid out like nn.Linear.weight
 * (fan_out x fan_in), biases, and each batch norm's gamma, beta and running estimates.
 */
import { toQuery, type Config } from '../contract/config.ts';
import type { Digits } from '../data/digits.ts';
import { exportProbe } from './probe.ts';
import { runProbe } from '../experiment.ts';
import { createCache, forward, type Network } from '../model/network.ts';
import { Trainer } from '../train/trainer.ts';

function linearWeight(data: Float32Array, fanIn: number, fanOut: number): number[][] {
  const out: number[][] = [];
  for (let o = 0; o < fanOut; o++) {
    const row = new Array<number>(fanIn);
    for (let i = 0; i < fanIn; i++) row[i] = data[i * fanOut + o];
    out.push(row);
  }
  return out;
}

/** The batch norm of a unit in PyTorch's nn.BatchNorm1d terms (weight = gamma, bias = beta), or nothing. */
export function batchNormOf(layer: Network['units'][number]) {
  return layer.norm ? {
    batchNorm: {
      position: layer.norm.position, eps: layer.norm.eps, momentum: layer.norm.momentum,
      gamma: Array.from(layer.norm.gamma.data), beta: Array.from(layer.norm.beta.data),
      runningMean: Array.from(layer.norm.runningMean.data), runningVar: Array.from(layer.norm.runningVar.data),
    },
  } : {};
}

/** At most this many test examples and their logits go into an export, for a reader to check its rebuild against. */
export const CHECK_EXAMPLES = 16;

function layersOf(net: Network, depth: number) {
  return net.units.map((layer, l) => ({
    name: l < depth ? `hidden ${l + 1}` : 'output',
    weight: linearWeight(layer.weight.data, layer.fanIn, layer.fanOut),
    bias: Array.from(layer.bias.data),
    ...batchNormOf(layer),
  }));
}

/** The first test examples (standardized, as the network reads them) and the network's logits on them in eval mode. */
function checkOutputs(trainer: Trainer): { mode: 'eval'; inputs: number[][]; logits: number[][] } {
  const { net, dataset } = trainer;
  const n = Math.min(CHECK_EXAMPLES, dataset.testCount), w = dataset.inputWidth;
  const cache = createCache(net, n, { gradients: false, heads: false });
  cache.input.data.set(dataset.testInputs.subarray(0, n * w));
  forward(net, cache, 'eval');
  const classes = cache.output.shape[1];
  const rows = (x: Float32Array, width: number) => Array.from({ length: n }, (_, r) => Array.from(x.subarray(r * width, (r + 1) * width)));
  return { mode: 'eval', inputs: rows(cache.input.data, w), logits: rows(cache.output.data, classes) };
}

/** The JSON object for this config (and, with a data set, this training step). */
export function exportModel(config: Config, step: number, digits: Digits | null): unknown {
  if (config.data === 'none') return exportProbe(runProbe(config));
  const trainer = new Trainer(config, digits, { ics: false }); // the measurements never change the weights
  trainer.run(step);
  return exportTrainer(trainer);
}

/** A trainer's network as it stands (weights, biases, batch norms with running estimates) and its logits on a few test examples. */
export function exportTrainer(trainer: Trainer): unknown {
  const config = trainer.config;
  return {
    format: 'layerscope-model/1',
    config,
    query: toQuery(config),
    step: trainer.step,
    metrics: trainer.metrics,
    conventions: 'h_l = x_{l-1} @ weight_l.T + bias_l (then batch norm, if any, with gamma, beta and, in eval mode, the running estimates; see config.bnpos); x_l = act(h_l); the output layer gives the logits. Inputs are standardized: x = (raw - inputMean) / inputScale.',
    inputMean: Array.from(trainer.dataset.inputMean),
    inputScale: Array.from(trainer.dataset.inputScale),
    activation: config.act,
    layers: layersOf(trainer.net, config.depth),
    check: checkOutputs(trainer),
  };
}
