/**
 * A dense layer: a weight map x W + b and an activation, optionally with batch norm before or after
 * the activation. Two orders, and an optional merge point where a residual block adds its skip:
 * - 'dense-first': z = x W + b, [BN], [merge], act, [BN after]  (plain layers, the post form);
 * - 'act-first':   [BN], act, z = a W + b, [merge]               (the pre form's layers).
 * Where two names are the same quantity they are the same Tensor object (and their gradients too),
 * so a plain layer has exactly the buffers it needs. An act-first layer without batch norm reads its
 * input in place (pre IS the input), but dPre is its own: the gradient along this layer's path only.
 */
import type { ActivationName } from '../../contract/names.ts';
import { ACTIVATIONS, type Activation } from '../../ops/activations.ts';
import {
  BATCH_NORM_EPS, BATCH_NORM_MOMENTUM, batchNormBackward, batchNormForward, batchNormInference,
  createBatchNormStats, updateRunningStats, type BatchNormStats,
} from '../../ops/batchNorm.ts';
import { denseBackward, denseForward } from '../../ops/dense.ts';
import { zerosTensor, type Tensor } from '../../tensor.ts';
import type {
  AllocateOptions, BatchNorm, Fans, ForwardMode, Layer, LayerCache, LayerParam, Shape, Tap, Unit,
} from '../layer.ts';

/** Where a layer's batch norm sits: on the dense output (Ioffe & Szegedy's choice) or on the activation. */
export type BatchNormPosition = 'before' | 'after';

export interface BatchNormSpec {
  readonly position: BatchNormPosition;
  /** Weight of the new batch in the running estimates (PyTorch's momentum, 0.1). */
  readonly momentum: number;
  readonly eps: number;
}

/** One dense layer's spec; an output head is a dense layer with the 'linear' activation (outputHead). */
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

export type DenseOrder = 'dense-first' | 'act-first';

export interface DenseOptions {
  readonly order: DenseOrder;
  /** The batch norm's spec and where it sits (act-first layers normalize their input). */
  readonly norm: BatchNormSpec | null;
  /** A composite adds a skip at the merge point (before the act, or after the dense map). */
  readonly merges: boolean;
}

export function createBatchNorm(spec: BatchNormSpec, position: BatchNormPosition, features: number): BatchNorm {
  const norm: BatchNorm = {
    position, momentum: spec.momentum, eps: spec.eps,
    gamma: zerosTensor([features]), beta: zerosTensor([features]), dGamma: zerosTensor([features]), dBeta: zerosTensor([features]),
    runningMean: zerosTensor([features]), runningVar: zerosTensor([features]),
  };
  resetBatchNorm(norm);
  return norm;
}

export function resetBatchNorm(n: BatchNorm): void {
  n.gamma.data.fill(1);
  n.beta.data.fill(0);
  n.runningMean.data.fill(0);
  n.runningVar.data.fill(1);
}

export interface NormCache {
  readonly xHat: Tensor;
  readonly stats: BatchNormStats;
}

/** A batch norm's two passes: over features (batchNorm.ts) or over channels (batchNorm2d.ts). */
export interface NormKernels {
  readonly forward: typeof batchNormForward;
  readonly inference: typeof batchNormInference;
}

const FEATURE_NORM: NormKernels = { forward: batchNormForward, inference: batchNormInference };

/** Batch norm in a layer's mode: running estimates in 'eval', batch statistics otherwise, updated in 'train'. */
export function normForwardWith(kernels: NormKernels, norm: BatchNorm, nc: NormCache, x: Tensor, y: Tensor, mode: ForwardMode): void {
  if (mode === 'eval') {
    kernels.inference(x, norm.gamma, norm.beta, norm.runningMean, norm.runningVar, norm.eps, y);
    return;
  }
  kernels.forward(x, norm.gamma, norm.beta, norm.eps, y, nc.xHat, nc.stats);
  if (mode === 'train') updateRunningStats(nc.stats, norm.momentum, norm.runningMean, norm.runningVar);
}

export function normForward(norm: BatchNorm, nc: NormCache, x: Tensor, y: Tensor, mode: ForwardMode): void {
  normForwardWith(FEATURE_NORM, norm, nc, x, y, mode);
}

/**
 * dense-first: dense = z; branch = BN(z) or z; pre = merged or branch; post = act(pre); out = BN(post) or post.
 * act-first: pre = BN(x) or x; post = act(pre); dense = post W + b; out = merged or dense.
 */
export interface DenseCache extends LayerCache {
  readonly dense: Tensor;
  readonly branch: Tensor;
  readonly pre: Tensor;
  readonly post: Tensor;
  readonly dDense: Tensor | null;
  readonly dBranch: Tensor | null;
  readonly dPre: Tensor | null;
  readonly dPost: Tensor | null;
  readonly norm: NormCache | null;
  readonly scratch: Float32Array;
}

export class DenseLayer implements Layer<DenseCache> {
  readonly kind = 'dense';
  readonly inputShape: Shape;
  readonly outputShape: Shape;
  readonly units: readonly Unit[];
  readonly scratchLength: number;
  readonly unit: Unit;
  readonly order: DenseOrder;
  readonly merges: boolean;
  private readonly paramList: readonly LayerParam[];

  constructor(fanIn: number, fanOut: number, activation: ActivationName | Activation, options: DenseOptions) {
    const { order, norm, merges } = options;
    const bn = norm === null ? null : createBatchNorm(norm, order === 'act-first' ? 'before' : norm.position, order === 'act-first' ? fanIn : fanOut);
    this.unit = {
      fanIn, fanOut, activation: typeof activation === 'string' ? ACTIVATIONS[activation] : activation,
      weight: zerosTensor([fanIn, fanOut]), bias: zerosTensor([fanOut]), dWeight: zerosTensor([fanIn, fanOut]), dBias: zerosTensor([fanOut]),
      norm: bn,
    };
    this.units = [this.unit];
    this.order = order;
    this.merges = merges;
    this.inputShape = [fanIn];
    this.outputShape = [fanOut];
    this.scratchLength = fanIn * fanOut;
    const u = this.unit;
    this.paramList = [
      { name: 'weight', value: u.weight, grad: u.dWeight, decay: true, unit: 0 },
      { name: 'bias', value: u.bias, grad: u.dBias, decay: false, unit: 0 },
      ...(bn ? [
        { name: 'batch-norm gamma', value: bn.gamma, grad: bn.dGamma, decay: false, unit: 0 },
        { name: 'batch-norm beta', value: bn.beta, grad: bn.dBeta, decay: false, unit: 0 },
      ] : []),
    ];
  }

  fans(): Fans { return { fanIn: this.unit.fanIn, fanOut: this.unit.fanOut }; }
  params(): readonly LayerParam[] { return this.paramList; }
  resetState(): void { if (this.unit.norm) resetBatchNorm(this.unit.norm); }

  allocate(batch: number, input: Tensor, options: AllocateOptions): DenseCache {
    const a = options.allocate, grads = options.gradients;
    const n = this.unit.norm;
    const wide = [batch, this.unit.fanOut], narrow = [batch, this.unit.fanIn];
    const none = null as Tensor | null;
    let dense: Tensor, branch: Tensor, pre: Tensor, post: Tensor, output: Tensor, xHat: Tensor | null;
    let dDense = none, dBranch = none, dPre = none, dPost = none, dOutput = none;
    if (this.order === 'dense-first') {
      dense = a(wide, 'dense');
      branch = n?.position === 'before' ? a(wide, 'branch') : dense;
      pre = this.merges ? a(wide, 'pre') : branch;
      post = a(wide, 'post');
      output = n?.position === 'after' ? a(wide, 'out') : post;
      if (grads) {
        dPre = a(wide, 'dPre');
        dBranch = this.merges ? a(wide, 'dBranch') : dPre;
        dPost = a(wide, 'dPost');
        dDense = n?.position === 'before' ? a(wide, 'dDense') : dBranch;
        dOutput = n?.position === 'after' ? a(wide, 'dOut') : dPost;
      }
      xHat = n ? a(wide, 'xHat') : null;
    } else {
      pre = n ? a(narrow, 'pre') : input;
      post = a(narrow, 'post');
      dense = a(wide, 'dense');
      branch = dense;
      output = this.merges ? a(wide, 'out') : dense;
      if (grads) {
        dPre = a(narrow, 'dPre');
        dPost = a(narrow, 'dPost');
        dOutput = a(wide, 'dOut');
        dDense = this.merges ? a(wide, 'dDense') : dOutput;
        dBranch = dDense;
      }
      xHat = n ? a(narrow, 'xHat') : null;
    }
    const norm = n && xHat ? { xHat, stats: createBatchNormStats(n.gamma.shape[0]) } : null;
    const tap: Tap = { dense, pre, post, dPre, dPost, output, dOutput, normStats: norm?.stats ?? null };
    return {
      batch, input, output, dOutput, taps: [tap],
      dense, branch, pre, post, dDense, dBranch, dPre, dPost, norm, scratch: options.scratch,
    };
  }

  forward(c: DenseCache, input: Tensor, mode: ForwardMode): void {
    this.forwardToMerge(c, input, mode);
    this.forwardFromMerge(c, mode);
  }

  /** Up to the merge point; returns the value a composite scales and adds its skip to. */
  forwardToMerge(c: DenseCache, x: Tensor, mode: ForwardMode): Tensor {
    const u = this.unit, norm = u.norm;
    if (this.order === 'dense-first') {
      denseForward(x, u.weight, u.bias, c.dense);
      if (norm && norm.position === 'before') normForward(norm, c.norm!, c.dense, c.branch, mode);
      return c.branch;
    }
    if (norm) normForward(norm, c.norm!, x, c.pre, mode);
    u.activation.forward(c.pre, c.post);
    denseForward(c.post, u.weight, u.bias, c.dense);
    return c.dense;
  }

  /** Where a composite writes skip + alpha branch. */
  mergeTarget(c: DenseCache): Tensor {
    return this.order === 'dense-first' ? c.pre : c.output;
  }

  /** From the merge point on (the merged value is in mergeTarget). */
  forwardFromMerge(c: DenseCache, mode: ForwardMode): void {
    if (this.order === 'act-first') return;
    const u = this.unit, norm = u.norm;
    u.activation.forward(c.pre, c.post);
    if (norm && norm.position === 'after') normForward(norm, c.norm!, c.post, c.output, mode);
  }

  backward(c: DenseCache, dOutput: Tensor, dInput: Tensor | null): void {
    if (dOutput !== c.dOutput) c.dOutput!.data.set(dOutput.data);
    this.backwardToMerge(c, c.dOutput!);
    this.backwardFromMerge(c, dInput);
  }

  /** Down to the merge point; returns dL/d(merged value). A composite then writes dBranchTarget. */
  backwardToMerge(c: DenseCache, dOutput: Tensor): Tensor {
    if (this.order === 'act-first') return dOutput;
    const u = this.unit, norm = u.norm, nc = c.norm;
    if (norm && norm.position === 'after') batchNormBackward(dOutput, nc!.xHat, norm.gamma, nc!.stats, c.dPost, norm.dGamma, norm.dBeta);
    u.activation.backward(c.pre, c.post, c.dPost!, c.dPre!);
    return c.dPre!;
  }

  /** Where dL/d(branch value) goes: the composite's alpha dMerged, or the merge gradient itself. */
  dBranchTarget(c: DenseCache): Tensor {
    return c.dBranch!;
  }

  /** From dBranchTarget down to dL/d(input) (null: not needed). */
  backwardFromMerge(c: DenseCache, dX: Tensor | null): void {
    const u = this.unit, norm = u.norm, nc = c.norm;
    if (this.order === 'dense-first') {
      if (norm && norm.position === 'before') batchNormBackward(c.dBranch!, nc!.xHat, norm.gamma, nc!.stats, c.dDense, norm.dGamma, norm.dBeta);
      denseBackward(c.input, u.weight, c.dDense!, dX, u.dWeight, u.dBias, c.scratch);
      return;
    }
    denseBackward(c.post, u.weight, c.dDense!, c.dPost, u.dWeight, u.dBias, c.scratch);
    u.activation.backward(c.pre, c.post, c.dPost!, c.dPre!);
    if (norm) batchNormBackward(c.dPre!, nc!.xHat, norm.gamma, nc!.stats, dX, norm.dGamma, norm.dBeta);
    else if (dX) dX.data.set(c.dPre!.data);
  }

  inputGradient(c: DenseCache, dX: Tensor): void {
    const u = this.unit, norm = u.norm, throwaway = (t: Tensor) => zerosTensor(t.shape);
    if (this.order === 'dense-first') {
      denseBackward(c.input, u.weight, c.dDense!, dX, throwaway(u.dWeight), throwaway(u.dBias), new Float32Array(this.scratchLength));
    } else if (norm) {
      // Recomputes the batch norm's float64 sums from the same dPre: the same numbers it holds.
      batchNormBackward(c.dPre!, c.norm!.xHat, norm.gamma, c.norm!.stats, dX, throwaway(norm.dGamma), throwaway(norm.dBeta));
    } else dX.data.set(c.dPre!.data);
  }
}

export function createDense(spec: DenseSpec, inputShape: Shape): DenseLayer {
  return new DenseLayer(inputShape[0], spec.units, spec.activation, { order: 'dense-first', norm: spec.batchNorm ?? null, merges: false });
}