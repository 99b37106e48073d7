/**
 * A convolution unit: conv2d [+ bias], [BN2d], [merge], activation, the way a dense layer carries
 * batch norm and its activation, so the probe finds the same taps (pre-activation, activation and
 * their gradients) per conv layer. Weights are PyTorch's [out][in/groups][kh][kw]; the fans are
 * convInfo's. A composite (a residual block) may add its skip between the BN and the activation.
 */
import type { ActivationName } from '../../../contract/names.ts';
import { ACTIVATIONS } from '../../../ops/activations.ts';
import { batchNorm2dBackward, batchNorm2dForward, batchNorm2dInference, createBatchNormStats } from '../../../ops/batchNorm2d.ts';
import { conv2dBackward, conv2dForward, conv2dSpec, createConv2dWorkspace, type Conv2dSpec, type Conv2dWorkspace } from '../../../ops/conv2d.ts';
import { zerosTensor, type Tensor } from '../../../tensor.ts';
import type { AllocateOptions, BatchNorm, Fans, ForwardMode, Layer, LayerCache, LayerParam, Shape, Tap, Unit } from '../../layer.ts';
import { convInfo, halfPadding } from '../../shapes.ts';
import { createBatchNorm, normForwardWith, resetBatchNorm, type BatchNormSpec, type NormCache, type NormKernels } from '../dense.ts';

export interface ConvLayerSpec {
  readonly kind: 'conv';
  readonly out: number;
  readonly kernel: readonly [number, number];
  readonly stride?: number;
  readonly padding?: number | 'half';
  readonly dilation?: number;
  readonly groups?: number;
  readonly bias: boolean;
  readonly batchNorm?: BatchNormSpec;
  readonly activation: ActivationName;
}

const CHANNEL_NORM: NormKernels = { forward: batchNorm2dForward, inference: batchNorm2dInference };

/** BN2d forward in a layer's mode (statistics per channel over N, H, W). */
export function norm2dForward(norm: BatchNorm, nc: NormCache, x: Tensor, y: Tensor, mode: ForwardMode): void {
  normForwardWith(CHANNEL_NORM, norm, nc, x, y, mode);
}

export interface ConvCache extends LayerCache {
  readonly conv: Tensor;
  /** BN(conv), or conv itself without BN: the value a composite adds its skip to. */
  readonly branch: Tensor;
  readonly pre: Tensor;
  readonly dConv: Tensor | null;
  readonly dBranch: Tensor | null;
  readonly dPre: Tensor | null;
  readonly norm: NormCache | null;
  readonly ws: Conv2dWorkspace;
}

export class ConvLayer implements Layer<ConvCache> {
  readonly kind = 'conv';
  readonly inputShape: Shape;
  readonly outputShape: Shape;
  readonly units: readonly Unit[];
  readonly scratchLength = 0;
  readonly unit: Unit;
  readonly op: Conv2dSpec;
  readonly hasBias: boolean;
  readonly merges: boolean;
  private readonly paramList: readonly LayerParam[];

  constructor(spec: ConvLayerSpec, inputShape: Shape, merges = false) {
    const info = convInfo(inputShape, { outChannels: spec.out, kernel: spec.kernel, stride: spec.stride, padding: spec.padding, dilation: spec.dilation, groups: spec.groups, bias: spec.bias });
    const [kh, kw] = spec.kernel, dilation = spec.dilation ?? 1, groups = spec.groups ?? 1;
    const pad = (k: number) => (spec.padding === 'half' ? halfPadding(k, dilation) : spec.padding ?? 0);
    this.op = conv2dSpec({ inChannels: inputShape[0], outChannels: spec.out, kernel: [kh, kw], stride: spec.stride ?? 1, padding: [pad(kh), pad(kw)], dilation, groups });
    const wShape = [spec.out, inputShape[0] / groups, kh, kw];
    const norm = spec.batchNorm ? createBatchNorm(spec.batchNorm, 'before', spec.out) : null;
    this.unit = {
      fanIn: info.fanIn, fanOut: info.fanOut, activation: ACTIVATIONS[spec.activation], norm,
      weight: zerosTensor(wShape), dWeight: zerosTensor(wShape), bias: zerosTensor([spec.out]), dBias: zerosTensor([spec.out]),
    };
    this.hasBias = spec.bias;
    this.merges = merges;
    this.inputShape = [...inputShape];
    this.outputShape = info.out;
    this.units = [this.unit];
    const u = this.unit;
    this.paramList = [
      { name: 'weight', value: u.weight, grad: u.dWeight, decay: true, unit: 0 },
      ...(spec.bias ? [{ name: 'bias', value: u.bias, grad: u.dBias, decay: false, unit: 0 }] : []),
      ...(norm ? [
        { name: 'batch-norm gamma', value: norm.gamma, grad: norm.dGamma, decay: false, unit: 0 },
        { name: 'batch-norm beta', value: norm.beta, grad: norm.dBeta, decay: false, unit: 0 },
      ] : []),
    ];
  }

  fans(): Fans { return { fanIn: this.unit.fanIn, fanOut: this.unit.fanOut }; }
  params(): readonly LayerParam[] { return this.paramList; }
  resetState(): void { if (this.unit.norm) resetBatchNorm(this.unit.norm); }

  allocate(batch: number, input: Tensor, options: AllocateOptions): ConvCache {
    const a = options.allocate, grads = options.gradients, n = this.unit.norm, shape = [batch, ...this.outputShape];
    const linear = this.unit.activation.name === 'linear';
    const conv = a(shape, 'conv');
    const branch = n ? a(shape, 'branch') : conv;
    const pre = this.merges ? a(shape, 'pre') : branch;
    // A linear unit without a merge is its own output: no copy.
    const output = linear && !this.merges ? pre : a(shape, 'post');
    let dPre: Tensor | null = null, dBranch: Tensor | null = null, dConv: Tensor | null = null, dOutput: Tensor | null = null;
    if (grads) {
      dOutput = a(shape, 'dPost');
      dPre = linear && !this.merges ? dOutput : a(shape, 'dPre');
      dBranch = this.merges ? a(shape, 'dBranch') : dPre;
      dConv = n ? a(shape, 'dConv') : dBranch;
    }
    const norm = n ? { xHat: a(shape, 'xHat'), stats: createBatchNormStats(this.outputShape[0]) } : null;
    const ws = createConv2dWorkspace(this.op, this.inputShape[1], this.inputShape[2], batch);
    const tap: Tap = { dense: conv, pre, post: output, dPre, dPost: dOutput, output, dOutput, normStats: norm?.stats ?? null };
    return { batch, input, output, dOutput, taps: [tap], conv, branch, pre, dConv, dBranch, dPre, norm, ws };
  }

  forward(c: ConvCache, input: Tensor, mode: ForwardMode): void {
    this.forwardToMerge(c, input, mode);
    this.forwardFromMerge(c);
  }

  /** conv [+ BN]; returns the branch value a composite adds its skip to. */
  forwardToMerge(c: ConvCache, x: Tensor, mode: ForwardMode): Tensor {
    const u = this.unit;
    conv2dForward(x, u.weight, this.hasBias ? u.bias : null, c.conv, c.ws);
    if (u.norm) norm2dForward(u.norm, c.norm!, c.conv, c.branch, mode);
    return c.branch;
  }

  /** Where a composite writes skip + branch. */
  mergeTarget(c: ConvCache): Tensor {
    return c.pre;
  }

  forwardFromMerge(c: ConvCache): void {
    if (c.output !== c.pre) this.unit.activation.forward(c.pre, c.output);
  }

  /** Down to the merge point; returns dL/d(merged value). */
  backwardToMerge(c: ConvCache, dOutput: Tensor): Tensor {
    if (dOutput !== c.dOutput) c.dOutput!.data.set(dOutput.data);
    if (c.dPre !== c.dOutput) this.unit.activation.backward(c.pre, c.output, c.dOutput!, c.dPre!);
    return c.dPre!;
  }

  /** From dBranch (written by the composite, or dPre itself) down to dL/d(input). */
  backwardFromMerge(c: ConvCache, dX: Tensor | null): void {
    const u = this.unit, n = u.norm, nc = c.norm;
    if (n) batchNorm2dBackward(c.dBranch!, nc!.xHat, n.gamma, nc!.stats, c.dConv, n.dGamma, n.dBeta);
    conv2dBackward(c.input, u.weight, c.dConv!, dX, u.dWeight, this.hasBias ? u.dBias : null, c.ws);
  }

  backward(c: ConvCache, dOutput: Tensor, dInput: Tensor | null): void {
    this.backwardToMerge(c, dOutput);
    this.backwardFromMerge(c, dInput);
  }

  inputGradient(c: ConvCache, dX: Tensor): void {
    const u = this.unit;
    conv2dBackward(c.input, u.weight, c.dConv!, dX, zerosTensor(u.dWeight.shape), null, c.ws);
  }
}

export function createConv(spec: ConvLayerSpec, inputShape: Shape): ConvLayer {
  return new ConvLayer(spec, inputShape);
}
