/**
 * The modules without units: max/avg pooling, global average pooling, flatten, and a standalone
 * BN2d + activation (DenseNet's pre-activation, a `bn,relu` after a concatenation). Their
 * parameters (a standalone BN's gamma and beta) belong to no unit, so no initializer draws them.
 */
import type { ActivationName } from '../../../contract/names.ts';
import { ACTIVATIONS, type Activation } from '../../../ops/activations.ts';
import { batchNorm2dBackward, createBatchNormStats } from '../../../ops/batchNorm2d.ts';
import {
  avgPool2dBackward, avgPool2dForward, globalAvgPoolBackward, globalAvgPoolForward, maxPool2dBackward, maxPool2dForward, pool2dSpec, type Pool2dSpec,
} from '../../../ops/pool2d.ts';
import { zerosTensor, type Tensor } from '../../../tensor.ts';
import type { AllocateOptions, BatchNorm, Fans, ForwardMode, Layer, LayerCache, LayerParam, Shape } from '../../layer.ts';
import { flattenInfo, globalAvgPoolInfo, poolInfo } from '../../shapes.ts';
import { createBatchNorm, resetBatchNorm, type BatchNormSpec, type NormCache } from '../dense.ts';
import { norm2dForward } from './conv.ts';

const NO_FANS: Fans = { fanIn: 0, fanOut: 0 };

abstract class Unitless<C extends LayerCache> implements Layer<C> {
  abstract readonly kind: string;
  readonly units = [];
  readonly scratchLength = 0;
  constructor(readonly inputShape: Shape, readonly outputShape: Shape) {}
  fans(): Fans { return NO_FANS; }
  params(): readonly LayerParam[] { return []; }
  resetState(): void {}
  abstract allocate(batch: number, input: Tensor, options: AllocateOptions): C;
  abstract forward(c: C, input: Tensor, mode: ForwardMode): void;
  abstract backward(c: C, dOutput: Tensor, dInput: Tensor | null): void;
  /** The backward's input gradient again (these modules read no parameter). */
  inputGradient(c: C, dInput: Tensor): void { this.backward(c, c.dOutput!, dInput); }
}

function cacheOf(batch: number, input: Tensor, output: Tensor, dOutput: Tensor | null): LayerCache {
  return { batch, input, output, dOutput, taps: [] };
}

export interface PoolLayerSpec {
  readonly kind: 'pool';
  /** 'gap': global average pooling to [C, 1, 1]. */
  readonly op: 'max' | 'avg' | 'gap';
  readonly kernel?: number;
  readonly stride?: number;
  readonly padding?: number;
}

interface PoolCache extends LayerCache { readonly argmax: Int32Array }

export class PoolLayer extends Unitless<PoolCache> {
  readonly kind = 'pool';
  readonly op: PoolLayerSpec['op'];
  readonly window: Pool2dSpec | null;

  constructor(spec: PoolLayerSpec, inputShape: Shape) {
    const info = spec.op === 'gap' ? globalAvgPoolInfo(inputShape) : poolInfo(inputShape, { op: spec.op, kernel: spec.kernel!, stride: spec.stride, padding: spec.padding });
    super([...inputShape], info.out);
    this.op = spec.op;
    this.window = spec.op === 'gap' ? null : pool2dSpec({ kernel: spec.kernel!, stride: spec.stride ?? spec.kernel!, padding: spec.padding ?? 0 });
  }

  allocate(batch: number, input: Tensor, options: AllocateOptions): PoolCache {
    const shape = [batch, ...this.outputShape];
    const output = options.allocate(shape, 'out'), dOutput = options.gradients ? options.allocate(shape, 'dOut') : null;
    return { ...cacheOf(batch, input, output, dOutput), argmax: new Int32Array(this.op === 'max' ? output.data.length : 0) };
  }

  forward(c: PoolCache, input: Tensor): void {
    if (this.op === 'gap') globalAvgPoolForward(input, c.output);
    else if (this.op === 'max') maxPool2dForward(input, this.window!, c.output, c.argmax);
    else avgPool2dForward(input, this.window!, c.output);
  }

  backward(c: PoolCache, dOutput: Tensor, dInput: Tensor | null): void {
    if (!dInput) return;
    if (this.op === 'gap') globalAvgPoolBackward(dOutput, dInput);
    else if (this.op === 'max') maxPool2dBackward(dOutput, c.argmax, dInput);
    else avgPool2dBackward(dOutput, this.window!, dInput);
  }
}

export interface FlattenLayerSpec { readonly kind: 'flatten' }

/** [C, H, W] to [C H W]: the output shares the input's data; the gradient is copied back. */
export class FlattenLayer extends Unitless<LayerCache> {
  readonly kind = 'flatten';
  constructor(inputShape: Shape) { super([...inputShape], flattenInfo(inputShape).out); }

  allocate(batch: number, input: Tensor, options: AllocateOptions): LayerCache {
    const shape = [batch, ...this.outputShape];
    return cacheOf(batch, input, { data: input.data, shape }, options.gradients ? options.allocate(shape, 'dOut') : null);
  }

  forward(): void {}

  backward(_c: LayerCache, dOutput: Tensor, dInput: Tensor | null): void {
    if (dInput) dInput.data.set(dOutput.data);
  }
}

export interface NormActSpec {
  readonly kind: 'normact';
  readonly batchNorm?: BatchNormSpec;
  readonly activation: ActivationName;
}

interface NormActCache extends LayerCache {
  readonly normed: Tensor;
  readonly dNormed: Tensor | null;
  readonly norm: NormCache | null;
}

export class NormActLayer extends Unitless<NormActCache> {
  readonly kind = 'normact';
  readonly norm: BatchNorm | null;
  readonly activation: Activation;
  private readonly paramList: readonly LayerParam[];

  constructor(spec: NormActSpec, inputShape: Shape) {
    super([...inputShape], [...inputShape]);
    this.norm = spec.batchNorm ? createBatchNorm(spec.batchNorm, 'before', inputShape[0]) : null;
    this.activation = ACTIVATIONS[spec.activation];
    const n = this.norm;
    this.paramList = n ? [
      { name: 'batch-norm gamma', value: n.gamma, grad: n.dGamma, decay: false, unit: -1 },
      { name: 'batch-norm beta', value: n.beta, grad: n.dBeta, decay: false, unit: -1 },
    ] : [];
  }

  override params(): readonly LayerParam[] { return this.paramList; }
  override resetState(): void { if (this.norm) resetBatchNorm(this.norm); }

  allocate(batch: number, input: Tensor, options: AllocateOptions): NormActCache {
    const shape = [batch, ...this.outputShape], a = options.allocate, g = options.gradients;
    const normed = this.norm ? a(shape, 'normed') : input;
    const output = a(shape, 'out');
    const dOutput = g ? a(shape, 'dOut') : null;
    const dNormed = g && this.norm ? a(shape, 'dNormed') : null;
    const norm = this.norm ? { xHat: a(shape, 'xHat'), stats: createBatchNormStats(shape[1]) } : null;
    return { ...cacheOf(batch, input, output, dOutput), normed, dNormed, norm };
  }

  forward(c: NormActCache, input: Tensor, mode: ForwardMode): void {
    if (this.norm) norm2dForward(this.norm, c.norm!, input, c.normed, mode);
    this.activation.forward(c.normed, c.output);
  }

  backward(c: NormActCache, dOutput: Tensor, dInput: Tensor | null): void {
    const n = this.norm;
    if (!n) {
      if (dInput) this.activation.backward(c.normed, c.output, dOutput, dInput);
      return;
    }
    this.activation.backward(c.normed, c.output, dOutput, c.dNormed!);
    batchNorm2dBackward(c.dNormed!, c.norm!.xHat, n.gamma, c.norm!.stats, dInput, n.dGamma, n.dBeta);
  }

  override inputGradient(c: NormActCache, dInput: Tensor): void {
    const n = this.norm;
    if (!n) return this.backward(c, c.dOutput!, dInput);
    batchNorm2dBackward(c.dNormed!, c.norm!.xHat, n.gamma, c.norm!.stats, dInput, zerosTensor(n.dGamma.shape), zerosTensor(n.dBeta.shape));
  }
}

export const createPool = (spec: PoolLayerSpec, inputShape: Shape) => new PoolLayer(spec, inputShape);
export const createFlatten = (_spec: FlattenLayerSpec, inputShape: Shape) => new FlattenLayer(inputShape);
export const createNormAct = (spec: NormActSpec, inputShape: Shape) => new NormActLayer(spec, inputShape);
