import { ACTIVATIONS, type Activation, type ActivationName } from './ops/activations.ts';
import {
  BATCH_NORM_EPS, BATCH_NORM_MOMENTUM, batchNormBackward, batchNormForward, batchNormInference,
  createBatchNormStats, updateRunningStats, type BatchNormStats,
} from './ops/batchNorm.ts';
import { denseBackward, denseForward } from './ops/dense.ts';
import { zerosTensor, assertSameShape, type Tensor } from './tensor.ts';

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

/** A dense layer's parameters and their gradients (stored fanIn x fanOut). */
export interface DenseLayer {
  readonly fanIn: number;
  readonly fanOut: number;
  readonly activation: Activation;
  readonly weight: Tensor;
  readonly bias: Tensor;
  readonly dWeight: Tensor;
  readonly dBias: Tensor;
  /** The layer's batch norm, or null. */
  readonly norm: BatchNormLayer | null;
}

export interface Network {
  readonly inputWidth: number;
  readonly layers: readonly DenseLayer[];
  /** Room for one transposed weight, shared by every layer's backward pass. */
  readonly scratch: Float32Array;
}

/** What a layer's batch norm keeps from the forward pass for the backward pass. */
export interface BatchNormCache {
  readonly xHat: Tensor;
  readonly stats: BatchNormStats;
}

/**
 * What the backward pass needs from the forward pass, for one batch size: allocated once.
 * Per layer l, with z = x W + b:
 *   no norm:      pre = z,        post = act(pre), out = post
 *   norm before:  dense = z,      pre = BN(z),     post = act(pre), out = post
 *   norm after:   pre = z,        post = act(pre), out = BN(post)
 * Where two names are the same quantity they are the same Tensor object (dense === pre without a
 * norm before; out === post without a norm after), so a plain network has exactly the buffers it had.
 */
export interface Cache {
  readonly batch: number;
  readonly input: Tensor;
  /** The activation's input. */
  readonly pre: readonly Tensor[];
  /** The activation's output. */
  readonly post: readonly Tensor[];
  readonly dPre: readonly Tensor[];
  readonly dPost: readonly Tensor[];
  /** The dense output x W + b (the same object as pre unless a batch norm comes before the activation). */
  readonly dense: readonly Tensor[];
  readonly dDense: readonly Tensor[];
  /** The layer's output, the next layer's input (the same object as post unless a batch norm comes after). */
  readonly out: readonly Tensor[];
  readonly dOut: readonly Tensor[];
  readonly norm: readonly (BatchNormCache | null)[];
}

/**
 * How batch norm runs in a forward pass:
 * - 'train': batch statistics, then the running estimates updated (PyTorch's model.train());
 * - 'batch': batch statistics, running estimates untouched (measurement passes, gradient checks);
 * - 'eval':  running estimates (PyTorch's model.eval()); the backward pass is not defined for it.
 * Layers without batch norm ignore the mode.
 */
export type ForwardMode = 'train' | 'batch' | 'eval';

function buildNorm(spec: BatchNormSpec, units: number): BatchNormLayer {
  const ones = zerosTensor([units]);
  ones.data.fill(1);
  const runningVar = zerosTensor([units]);
  runningVar.data.fill(1);
  return {
    position: spec.position, momentum: spec.momentum, eps: spec.eps,
    gamma: ones, beta: zerosTensor([units]), dGamma: zerosTensor([units]), dBeta: zerosTensor([units]),
    runningMean: zerosTensor([units]), runningVar,
  };
}

/** Build a network from a plain list of layer specs; each layer's fanIn is the previous width. */
export function buildNetwork(inputWidth: number, specs: readonly DenseSpec[]): Network {
  let fanIn = inputWidth;
  let largest = 0;
  const layers = specs.map((spec) => {
    const fanOut = spec.units;
    const layer: DenseLayer = {
      fanIn, fanOut,
      activation: ACTIVATIONS[spec.activation],
      weight: zerosTensor([fanIn, fanOut]),
      bias: zerosTensor([fanOut]),
      dWeight: zerosTensor([fanIn, fanOut]),
      dBias: zerosTensor([fanOut]),
      norm: spec.batchNorm ? buildNorm(spec.batchNorm, fanOut) : null,
    };
    largest = Math.max(largest, fanIn * fanOut);
    fanIn = fanOut;
    return layer;
  });
  return { inputWidth, layers, scratch: new Float32Array(largest) };
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

export function createCache(net: Network, batch: number): Cache {
  const pre: Tensor[] = [], post: Tensor[] = [], dPre: Tensor[] = [], dPost: Tensor[] = [];
  const dense: Tensor[] = [], dDense: Tensor[] = [], out: Tensor[] = [], dOut: Tensor[] = [];
  const norm: (BatchNormCache | null)[] = [];
  for (const layer of net.layers) {
    const shape = [batch, layer.fanOut];
    const p = zerosTensor(shape), a = zerosTensor(shape), dp = zerosTensor(shape), da = zerosTensor(shape);
    pre.push(p); post.push(a); dPre.push(dp); dPost.push(da);
    const position = layer.norm?.position;
    dense.push(position === 'before' ? zerosTensor(shape) : p);
    dDense.push(position === 'before' ? zerosTensor(shape) : dp);
    out.push(position === 'after' ? zerosTensor(shape) : a);
    dOut.push(position === 'after' ? zerosTensor(shape) : da);
    norm.push(layer.norm ? { xHat: zerosTensor(shape), stats: createBatchNormStats(layer.fanOut) } : null);
  }
  return { batch, input: zerosTensor([batch, net.inputWidth]), pre, post, dPre, dPost, dense, dDense, out, dOut, norm };
}

/** The input of layer l: the network input for l = 0, the previous layer's output otherwise. */
export function layerInput(cache: Cache, l: number): Tensor {
  return l === 0 ? cache.input : cache.out[l - 1];
}

function normForward(norm: BatchNormLayer, nc: BatchNormCache, x: Tensor, y: Tensor, mode: ForwardMode): void {
  if (mode === 'eval') {
    batchNormInference(x, norm.gamma, norm.beta, norm.runningMean, norm.runningVar, norm.eps, y);
    return;
  }
  batchNormForward(x, norm.gamma, norm.beta, norm.eps, y, nc.xHat, nc.stats);
  if (mode === 'train') updateRunningStats(nc.stats, norm.momentum, norm.runningMean, norm.runningVar);
}

export function forwardLayer(net: Network, cache: Cache, l: number, mode: ForwardMode = 'batch'): void {
  const layer = net.layers[l];
  const norm = layer.norm;
  denseForward(layerInput(cache, l), layer.weight, layer.bias, cache.dense[l]);
  if (norm && norm.position === 'before') normForward(norm, cache.norm[l]!, cache.dense[l], cache.pre[l], mode);
  layer.activation.forward(cache.pre[l], cache.post[l]);
  if (norm && norm.position === 'after') normForward(norm, cache.norm[l]!, cache.post[l], cache.out[l], mode);
}

/** Forward over the batch in cache.input; fills every layer's buffers (see Cache). */
export function forward(net: Network, cache: Cache, mode: ForwardMode = 'batch'): void {
  for (let l = 0; l < net.layers.length; l++) forwardLayer(net, cache, l, mode);
}

/**
 * Backward from dTop = dL/d(last layer's output), after a forward pass in 'train' or 'batch' mode.
 * Fills every layer's dOut, dPost, dPre, dDense, dWeight and dBias (summed over the batch), and
 * dGamma and dBeta of its batch norm. The input's gradient is not computed.
 */
export function backward(net: Network, cache: Cache, dTop: Tensor): void {
  const last = net.layers.length - 1;
  assertSameShape('backward dTop', cache.out[last], dTop);
  if (dTop !== cache.dOut[last]) cache.dOut[last].data.set(dTop.data);
  for (let l = last; l >= 0; l--) {
    const layer = net.layers[l];
    const norm = layer.norm;
    const nc = cache.norm[l];
    if (norm && norm.position === 'after') batchNormBackward(cache.dOut[l], nc!.xHat, norm.gamma, nc!.stats, cache.dPost[l], norm.dGamma, norm.dBeta);
    layer.activation.backward(cache.pre[l], cache.post[l], cache.dPost[l], cache.dPre[l]);
    if (norm && norm.position === 'before') batchNormBackward(cache.dPre[l], nc!.xHat, norm.gamma, nc!.stats, cache.dDense[l], norm.dGamma, norm.dBeta);
    const dInput = l > 0 ? cache.dOut[l - 1] : null;
    denseBackward(layerInput(cache, l), layer.weight, cache.dDense[l], dInput, layer.dWeight, layer.dBias, net.scratch);
  }
}
