/**
 * A network built from a plain list of layer specs (ConvNetJS's makeLayers idea): dense layers,
 * residual blocks of two dense layers, and auxiliary classifier heads, all composed of the same
 * ops (dense, batch norm, the activations, scaledAdd, linearMap). Parameters live on the layers;
 * what the backward pass needs travels in a Cache (engine/networkCache.ts).
 */
import { ACTIVATIONS, type Activation } from './ops/activations.ts';
import { type ActivationName } from './contract/names.ts';
import {
  BATCH_NORM_EPS, BATCH_NORM_MOMENTUM, batchNormBackward, batchNormForward, batchNormInference,
  createBatchNormStats, updateRunningStats,
} from './ops/batchNorm.ts';
import { denseBackward, denseForward } from './ops/dense.ts';
import { linearMapBackward, linearMapForward } from './ops/linearMap.ts';
import { addInto, scaledAddBackward, scaledAddForward } from './ops/scaledAdd.ts';
import { zerosTensor, assertSameShape, type Tensor } from './tensor.ts';
import type { BatchNormCache, Cache } from './networkCache.ts';

export { createCache, layerInput, type BatchNormCache, type Cache, type CacheOptions } from './networkCache.ts';

/** Where a layer's batch norm sits: on the dense output (Ioffe & Szegedy's choice) or on the activation. */
export type BatchNormPosition = 'before' | 'after';

export interface BatchNormSpec {
  readonly position: BatchNormPosition;
  /** Weight of the new batch in the running estimates (PyTorch's momentum, 0.1). */
  readonly momentum: number;
  readonly eps: number;
}

/**
 * One layer's spec: a dense map followed by an activation, optionally with batch norm before or
 * after the activation. An output head is a dense layer with the 'linear' activation (outputHead).
 */
export interface DenseSpec {
  readonly kind: 'dense';
  readonly units: number;
  readonly activation: ActivationName;
  /** Absent: no normalization (the layer is x W + b, then the activation). */
  readonly batchNorm?: BatchNormSpec;
}

/**
 * The two residual forms:
 * - 'post' (He et al. 2015): x_{k+1} = act(x_k + alpha F(x_k)), F = dense, [BN], act, dense, [BN];
 * - 'pre'  (He et al. 2016, "Identity mappings"): x_{k+1} = x_k + alpha F(x_k),
 *          F = [BN], act, dense, [BN], act, dense.
 */
export type ResidualForm = 'post' | 'pre';

/**
 * A residual block: two dense layers of `units` units in the branch F, and the skip. Where the
 * block's input width differs from `units`, a projection x W_p (no bias) replaces the identity.
 * Batch norm, when given, sits where the form puts it (its `position` is not used).
 */
export interface ResidualSpec {
  readonly kind: 'residual';
  readonly form: ResidualForm;
  readonly units: number;
  readonly activation: ActivationName;
  readonly batchNorm?: BatchNormSpec;
  /** The branch scale alpha (1: the original; 1/sqrt(blocks): a scaled residual). */
  readonly scale: number;
}

export type LayerSpec = DenseSpec | ResidualSpec;

/** An auxiliary classifier (GoogLeNet's, simplified to one linear layer): logits = x_at W + b. */
export interface AuxHeadSpec {
  /** Index (0-based) in the network's layers of the layer whose output the head reads. */
  readonly at: number;
  readonly classes: number;
}

/** The output head: logits = x W + b, no activation, no normalization. */
export function outputHead(classes: number): DenseSpec {
  return { kind: 'dense', units: classes, activation: 'linear' };
}

export function batchNormSpec(position: BatchNormPosition, momentum = BATCH_NORM_MOMENTUM, eps = BATCH_NORM_EPS): BatchNormSpec {
  return { position, momentum, eps };
}

/** A batch norm's parameters (gamma starts at 1, beta at 0), their gradients, and running estimates. */
export interface BatchNormLayer {
  readonly position: BatchNormPosition;
  readonly momentum: number;
  readonly eps: number;
  readonly gamma: Tensor;
  readonly beta: Tensor;
  readonly dGamma: Tensor;
  readonly dBeta: Tensor;
  /** Start at 0 and 1, as in PyTorch. */
  readonly runningMean: Tensor;
  readonly runningVar: Tensor;
}

/**
 * The order of a layer's ops:
 * - 'dense-first': z = x W + b, [BN], [+ skip], act, [BN after]  (plain layers, the post form);
 * - 'act-first':   [BN], act, z = a W + b, [+ skip]               (the pre form's layers).
 */
export type LayerOrder = 'dense-first' | 'act-first';

/** A dense layer's parameters and their gradients (stored fanIn x fanOut). */
export interface DenseLayer {
  readonly fanIn: number;
  readonly fanOut: number;
  readonly activation: Activation;
  readonly weight: Tensor;
  readonly bias: Tensor;
  readonly dWeight: Tensor;
  readonly dBias: Tensor;
  /** The layer's batch norm, or null (act-first layers normalize their input: fanIn features). */
  readonly norm: BatchNormLayer | null;
  readonly order: LayerOrder;
  /** The residual block whose skip this layer adds (its second layer), or null. */
  readonly closes: ResidualBlock | null;
  /** The residual block this layer opens (its first layer; its input is the block's input), or null. */
  readonly opens: ResidualBlock | null;
}

/** The skip path of a residual block: the identity, or a projection where the widths differ. */
export interface ResidualBlock {
  readonly index: number;
  readonly form: ResidualForm;
  /** The block's two layers (first + 1 = last). */
  readonly first: number;
  readonly last: number;
  readonly scale: number;
  /** x W_p replacing the identity (block input width x units), or null for the identity. */
  readonly projection: { readonly weight: Tensor; readonly dWeight: Tensor } | null;
}

export interface AuxHead {
  readonly at: number;
  readonly layer: DenseLayer;
}

export interface Network {
  readonly inputWidth: number;
  readonly layers: readonly DenseLayer[];
  readonly blocks: readonly ResidualBlock[];
  readonly heads: readonly AuxHead[];
  /** Room for one transposed weight, shared by every backward pass. */
  readonly scratch: Float32Array;
}

/**
 * How batch norm runs in a forward pass:
 * - 'train': batch statistics, then the running estimates updated (PyTorch's model.train());
 * - 'batch': batch statistics, running estimates untouched (measurement passes, gradient checks);
 * - 'eval':  running estimates (PyTorch's model.eval()); the backward pass is not defined for it.
 * Layers without batch norm ignore the mode.
 */
export type ForwardMode = 'train' | 'batch' | 'eval';

function buildNorm(spec: BatchNormSpec, position: BatchNormPosition, features: number): BatchNormLayer {
  const ones = zerosTensor([features]);
  ones.data.fill(1);
  const runningVar = zerosTensor([features]);
  runningVar.data.fill(1);
  return {
    position, momentum: spec.momentum, eps: spec.eps,
    gamma: ones, beta: zerosTensor([features]), dGamma: zerosTensor([features]), dBeta: zerosTensor([features]),
    runningMean: zerosTensor([features]), runningVar,
  };
}

function denseLayer(
  fanIn: number, fanOut: number, activation: ActivationName, norm: BatchNormLayer | null,
  order: LayerOrder, opens: ResidualBlock | null, closes: ResidualBlock | null,
): DenseLayer {
  return {
    fanIn, fanOut, activation: ACTIVATIONS[activation],
    weight: zerosTensor([fanIn, fanOut]), bias: zerosTensor([fanOut]),
    dWeight: zerosTensor([fanIn, fanOut]), dBias: zerosTensor([fanOut]),
    norm, order, opens, closes,
  };
}

/**
 * Build a network from a plain list of specs; each layer's fanIn is the previous width. A residual
 * spec becomes two layers and a block; heads read the outputs of the layers they name.
 */
export function buildNetwork(inputWidth: number, specs: readonly LayerSpec[], headSpecs: readonly AuxHeadSpec[] = []): Network {
  let fanIn = inputWidth;
  let largest = 0;
  const layers: DenseLayer[] = [];
  const blocks: ResidualBlock[] = [];
  for (const spec of specs) {
    const units = spec.units;
    if (spec.kind === 'dense') {
      const norm = spec.batchNorm ? buildNorm(spec.batchNorm, spec.batchNorm.position, units) : null;
      layers.push(denseLayer(fanIn, units, spec.activation, norm, 'dense-first', null, null));
      largest = Math.max(largest, fanIn * units);
      fanIn = units;
      continue;
    }
    const first = layers.length;
    const projection = fanIn === units ? null : { weight: zerosTensor([fanIn, units]), dWeight: zerosTensor([fanIn, units]) };
    const block: ResidualBlock = { index: blocks.length, form: spec.form, first, last: first + 1, scale: spec.scale, projection };
    blocks.push(block);
    const bn = spec.batchNorm;
    const order: LayerOrder = spec.form === 'post' ? 'dense-first' : 'act-first';
    // post: BN on each dense output (before the act, or before the add); pre: BN on each layer's input.
    const normA = bn ? buildNorm(bn, 'before', spec.form === 'post' ? units : fanIn) : null;
    const normB = bn ? buildNorm(bn, 'before', units) : null;
    layers.push(denseLayer(fanIn, units, spec.activation, normA, order, block, null));
    layers.push(denseLayer(units, units, spec.activation, normB, order, null, block));
    largest = Math.max(largest, fanIn * units, units * units);
    fanIn = units;
  }
  const heads = headSpecs.map((h): AuxHead => {
    if (!(h.at >= 0 && h.at < layers.length)) throw new Error(`an auxiliary head on layer ${h.at + 1}, but the network has ${layers.length} layers`);
    const width = layers[h.at].fanOut;
    largest = Math.max(largest, width * h.classes);
    return { at: h.at, layer: denseLayer(width, h.classes, 'linear', null, 'dense-first', null, null) };
  });
  return { inputWidth, layers, blocks, heads, scratch: new Float32Array(largest) };
}

/** Reset every batch norm to its initial state: gamma 1, beta 0, running mean 0 and variance 1. */
export function resetNorms(net: Network): void {
  for (const layer of net.layers) {
    const n = layer.norm;
    if (!n) continue;
    n.gamma.data.fill(1);
    n.beta.data.fill(0);
    n.runningMean.data.fill(0);
    n.runningVar.data.fill(1);
  }
}

function normForward(norm: BatchNormLayer, nc: BatchNormCache, x: Tensor, y: Tensor, mode: ForwardMode): void {
  if (mode === 'eval') {
    batchNormInference(x, norm.gamma, norm.beta, norm.runningMean, norm.runningVar, norm.eps, y);
    return;
  }
  batchNormForward(x, norm.gamma, norm.beta, norm.eps, y, nc.xHat, nc.stats);
  if (mode === 'train') updateRunningStats(nc.stats, norm.momentum, norm.runningMean, norm.runningVar);
}

function blockInput(cache: Cache, block: ResidualBlock): Tensor {
  return block.first === 0 ? cache.input : cache.out[block.first - 1];
}

/** target = skip + alpha branch, the skip being the block's input or its projection. */
function addSkip(cache: Cache, block: ResidualBlock, branch: Tensor, target: Tensor): void {
  const x = blockInput(cache, block);
  let skip = x;
  if (block.projection) {
    skip = cache.skip[block.index]!;
    linearMapForward(x, block.projection.weight, skip);
  }
  scaledAddForward(skip, branch, block.scale, target);
}

/** Layer l's forward pass (the layers below it have run); see Cache for what each buffer holds. */
export function forwardLayer(net: Network, cache: Cache, l: number, mode: ForwardMode = 'batch'): void {
  const layer = net.layers[l];
  const norm = layer.norm;
  const x = l === 0 ? cache.input : cache.out[l - 1];
  if (layer.order === 'dense-first') {
    denseForward(x, layer.weight, layer.bias, cache.dense[l]);
    if (norm && norm.position === 'before') normForward(norm, cache.norm[l]!, cache.dense[l], cache.branch[l], mode);
    if (layer.closes) addSkip(cache, layer.closes, cache.branch[l], cache.pre[l]);
    layer.activation.forward(cache.pre[l], cache.post[l]);
    if (norm && norm.position === 'after') normForward(norm, cache.norm[l]!, cache.post[l], cache.out[l], mode);
    return;
  }
  if (norm) normForward(norm, cache.norm[l]!, x, cache.pre[l], mode);
  layer.activation.forward(cache.pre[l], cache.post[l]);
  denseForward(cache.post[l], layer.weight, layer.bias, cache.dense[l]);
  if (layer.closes) addSkip(cache, layer.closes, cache.dense[l], cache.out[l]);
}

/** Forward over the batch in cache.input; fills every layer's buffers (see Cache). Heads: forwardHeads. */
export function forward(net: Network, cache: Cache, mode: ForwardMode = 'batch'): void {
  for (let l = 0; l < net.layers.length; l++) forwardLayer(net, cache, l, mode);
}

/** Every auxiliary head's logits, from the outputs of the last forward pass. */
export function forwardHeads(net: Network, cache: Cache): void {
  for (let h = 0; h < net.heads.length; h++) {
    const head = net.heads[h];
    denseForward(cache.out[head.at], head.layer.weight, head.layer.bias, cache.heads[h].logits);
  }
}

export interface BackwardOptions {
  /**
   * Also backpropagate the auxiliary heads from cache.heads[h].dLogits (filled by the caller),
   * adding each head's input gradient to the layer output it reads. Default false.
   */
  readonly heads?: boolean;
}

/** dOut[at] += every head's input gradient, for the heads reading layer `at`. */
function addHeadGradients(net: Network, cache: Cache, at: number): void {
  for (let h = 0; h < net.heads.length; h++) {
    const head = net.heads[h];
    if (head.at !== at) continue;
    const hc = cache.heads[h];
    denseBackward(cache.out[at], head.layer.weight, hc.dLogits, hc.dInput, head.layer.dWeight, head.layer.dBias, net.scratch);
    addInto(cache.dOut[at], hc.dInput);
  }
}

/**
 * Backward from dTop = dL/d(last layer's output), after a forward pass in 'train' or 'batch' mode.
 * Fills every layer's dOut, dPost, dPre, dBranch, dDense, dWeight and dBias (summed over the batch),
 * dGamma and dBeta of its batch norm, every projection's dWeight, and cache.dInput (dL/d input) when
 * the cache has one. A tensor read along two paths (a block's input: the branch and the skip; a
 * layer with an auxiliary head) gets the sum of both gradients in its dOut.
 */
export function backward(net: Network, cache: Cache, dTop: Tensor, options?: BackwardOptions): void {
  startBackward(net, cache, dTop, options);
  for (let l = net.layers.length - 1; l >= 0; l--) backwardLayer(net, cache, l, options);
}

/** backward's first part: dTop into the last layer's dOut (and its heads' gradients). Then backwardLayer, last to first. */
export function startBackward(net: Network, cache: Cache, dTop: Tensor, options?: BackwardOptions): void {
  const last = net.layers.length - 1;
  assertSameShape('backward dTop', cache.out[last], dTop);
  if (dTop !== cache.dOut[last]) cache.dOut[last].data.set(dTop.data);
  if (options?.heads === true && net.heads.length > 0) addHeadGradients(net, cache, last);
}

/** Layer l's part of backward, once every layer above it has had its own (see startBackward). */
export function backwardLayer(net: Network, cache: Cache, l: number, options?: BackwardOptions): void {
  const withHeads = options?.heads === true && net.heads.length > 0;
  const layer = net.layers[l];
  const norm = layer.norm;
  const nc = cache.norm[l];
  const x = l === 0 ? cache.input : cache.out[l - 1];
  const dX = l === 0 ? cache.dInput : cache.dOut[l - 1];
  const block = layer.closes;
  if (layer.order === 'dense-first') {
    if (norm && norm.position === 'after') batchNormBackward(cache.dOut[l], nc!.xHat, norm.gamma, nc!.stats, cache.dPost[l], norm.dGamma, norm.dBeta);
    layer.activation.backward(cache.pre[l], cache.post[l], cache.dPost[l], cache.dPre[l]);
    if (block) closeBackward(net, cache, block, cache.dPre[l], cache.dBranch[l]);
    if (norm && norm.position === 'before') batchNormBackward(cache.dBranch[l], nc!.xHat, norm.gamma, nc!.stats, cache.dDense[l], norm.dGamma, norm.dBeta);
    denseBackward(x, layer.weight, cache.dDense[l], dX, layer.dWeight, layer.dBias, net.scratch);
  } else {
    if (block) closeBackward(net, cache, block, cache.dOut[l], cache.dDense[l]);
    denseBackward(cache.post[l], layer.weight, cache.dDense[l], cache.dPost[l], layer.dWeight, layer.dBias, net.scratch);
    layer.activation.backward(cache.pre[l], cache.post[l], cache.dPost[l], cache.dPre[l]);
    if (norm) batchNormBackward(cache.dPre[l], nc!.xHat, norm.gamma, nc!.stats, dX, norm.dGamma, norm.dBeta);
    else if (dX) dX.data.set(cache.dPre[l].data);
  }
  if (dX && layer.opens) addInto(dX, skipGradient(cache, layer.opens));
  if (withHeads && l > 0) addHeadGradients(net, cache, l - 1);
}

/**
 * The closing layer of a block: dBranch = alpha dMerged; the projection's weight gradient and its
 * input gradient (into cache.dSkip) when there is one. The identity's gradient is dMerged itself,
 * added to the block input's gradient when the opening layer is done (skipGradient).
 */
function closeBackward(net: Network, cache: Cache, block: ResidualBlock, dMerged: Tensor, dBranch: Tensor): void {
  scaledAddBackward(dMerged, block.scale, dBranch);
  if (block.projection) {
    const dx = block.first === 0 && !cache.dInput ? null : cache.dSkip[block.index];
    linearMapBackward(blockInput(cache, block), block.projection.weight, dMerged, dx, block.projection.dWeight, net.scratch);
  }
}

/** dL/d(block input) along the skip: the merge's gradient (identity) or its projection back. */
function skipGradient(cache: Cache, block: ResidualBlock): Tensor {
  if (block.projection) return cache.dSkip[block.index]!;
  return block.form === 'post' ? cache.dPre[block.last] : cache.dOut[block.last];
}

/**
 * dL/d(network input) after a backward pass whose cache had no dInput (training skips it: it is
 * only needed to measure the first block's Jacobian, not to train). Allocates: for measurements,
 * not the training step. The same numbers backward writes into cache.dInput when it has one.
 */
export function inputGradient(net: Network, cache: Cache): Tensor {
  if (cache.dInput) return cache.dInput;
  const layer = net.layers[0];
  const dX = zerosTensor([cache.batch, net.inputWidth]);
  const scratch = new Float32Array(net.scratch.length);
  const throwaway = (n: number) => zerosTensor([n]);
  if (layer.order === 'dense-first') {
    denseBackward(cache.input, layer.weight, cache.dDense[0], dX, zerosTensor(layer.weight.shape), throwaway(layer.fanOut), scratch);
  } else if (layer.norm) {
    // batchNormBackward rewrites its sums: work on a copy of the statistics, and throwaway dGamma, dBeta
    const stats = { ...createBatchNormStats(layer.fanIn), count: cache.norm[0]!.stats.count };
    stats.mean.set(cache.norm[0]!.stats.mean);
    stats.variance.set(cache.norm[0]!.stats.variance);
    stats.invStd.set(cache.norm[0]!.stats.invStd);
    batchNormBackward(cache.dPre[0], cache.norm[0]!.xHat, layer.norm.gamma, stats, dX, throwaway(layer.fanIn), throwaway(layer.fanIn));
  } else dX.data.set(cache.dPre[0].data);
  const block = layer.opens;
  if (block) {
    const merged = block.form === 'post' ? cache.dPre[block.last] : cache.dOut[block.last];
    if (block.projection) {
      const dSkip = zerosTensor([cache.batch, net.inputWidth]);
      linearMapBackward(cache.input, block.projection.weight, merged, dSkip, zerosTensor(block.projection.weight.shape), scratch);
      addInto(dX, dSkip);
    } else addInto(dX, merged);
  }
  return dX;
}
