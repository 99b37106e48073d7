/**
 * A residual block: two dense layers in the branch F, and the skip (the identity, or a projection
 * x W_p, no bias, where the block's input width differs from its units). The two forms:
 * - 'post' (He et al. 2015): x_{k+1} = act(x_k + alpha F(x_k)), F = dense, [BN], act, dense, [BN];
 * - 'pre'  (He et al. 2016, "Identity mappings"): x_{k+1} = x_k + alpha F(x_k),
 *          F = [BN], act, dense, [BN], act, dense.
 * Batch norm, when given, sits where the form puts it (its `position` is not used).
 */
import type { ActivationName } from '../../contract/names.ts';
import { linearMapBackward, linearMapForward } from '../../ops/linearMap.ts';
import { addInto, scaledAddBackward, scaledAddForward } from '../../ops/scaledAdd.ts';
import { zerosTensor, type Tensor } from '../../tensor.ts';
import type {
  AllocateOptions, Fans, ForwardMode, Layer, LayerCache, LayerParam, Shape, Unit, UnitGradientHook,
} from '../layer.ts';
import { DenseLayer, type BatchNormSpec, type DenseCache } from './dense.ts';

export type ResidualForm = 'post' | 'pre';

export interface ResidualSpec {
  readonly kind: 'residual';
  readonly form: ResidualForm;
  readonly units: number;
  readonly activation: ActivationName;
  readonly batchNorm?: BatchNormSpec;
  /** The branch scale alpha (1: the original; 1/sqrt(blocks): a scaled residual). */
  readonly scale: number;
}

export interface ResidualCache extends LayerCache {
  readonly a: DenseCache;
  readonly b: DenseCache;
  /** x W_p, or null for the identity. */
  readonly skip: Tensor | null;
  /** dL/dx through the projection, or null. */
  readonly dSkip: Tensor | null;
  readonly scratch: Float32Array;
}

export class ResidualBlock implements Layer<ResidualCache> {
  readonly kind = 'residual';
  readonly inputShape: Shape;
  readonly outputShape: Shape;
  readonly units: readonly Unit[];
  readonly scratchLength: number;
  readonly form: ResidualForm;
  readonly scale: number;
  /** The branch's two layers. */
  readonly a: DenseLayer;
  readonly b: DenseLayer;
  /** x W_p replacing the identity (block input width x units), or null for the identity. */
  readonly projection: { readonly weight: Tensor; readonly dWeight: Tensor } | null;
  private readonly paramList: readonly LayerParam[];

  constructor(fanIn: number, spec: ResidualSpec) {
    const { units, form, activation } = spec;
    const norm = spec.batchNorm ?? null;
    const order = form === 'post' ? 'dense-first' : 'act-first';
    // post: BN on each dense output (before the act, or before the add); pre: BN on each layer's input.
    const before = norm ? { ...norm, position: 'before' as const } : null;
    this.a = new DenseLayer(fanIn, units, activation, { order, norm: before, merges: false });
    this.b = new DenseLayer(units, units, activation, { order, norm: before, merges: true });
    this.form = form;
    this.scale = spec.scale;
    this.projection = fanIn === units ? null : { weight: zerosTensor([fanIn, units]), dWeight: zerosTensor([fanIn, units]) };
    this.inputShape = [fanIn];
    this.outputShape = [units];
    this.units = [this.a.unit, this.b.unit];
    this.scratchLength = Math.max(fanIn * units, units * units);
    const p = this.projection;
    this.paramList = [
      ...this.a.params(),
      ...this.b.params().map((q) => ({ ...q, unit: 1 })),
      ...(p ? [{ name: 'projection weight', value: p.weight, grad: p.dWeight, decay: true, unit: -1 }] : []),
    ];
  }

  fans(): Fans { return { fanIn: this.inputShape[0], fanOut: this.outputShape[0] }; }
  params(): readonly LayerParam[] { return this.paramList; }

  resetState(): void {
    this.a.resetState();
    this.b.resetState();
  }

  /** Fixup / SkipInit: the branch ends at exactly zero (its last BN's gamma and beta in the post form with BN, else its last dense map). */
  startAsIdentity(): void {
    const last = this.b.unit;
    if (this.form === 'post' && last.norm) {
      last.norm.gamma.data.fill(0);
      last.norm.beta.data.fill(0);
    } else {
      last.weight.data.fill(0);
      last.bias.data.fill(0);
    }
  }

  allocate(batch: number, input: Tensor, options: AllocateOptions): ResidualCache {
    const prefixed = (p: string): AllocateOptions => ({ ...options, allocate: (shape, name) => options.allocate(shape, `${p}${name}`) });
    const a = this.a.allocate(batch, input, prefixed('a.'));
    const b = this.b.allocate(batch, a.output, prefixed('b.'));
    const units = this.outputShape[0];
    const skip = this.projection ? options.allocate([batch, units], 'skip') : null;
    const dSkip = this.projection && options.gradients ? zerosTensor([batch, this.inputShape[0]]) : null;
    return {
      batch, input, output: b.output, dOutput: b.dOutput, taps: [...a.taps, ...b.taps],
      a, b, skip, dSkip, scratch: options.scratch,
    };
  }

  forward(c: ResidualCache, input: Tensor, mode: ForwardMode): void {
    this.a.forward(c.a, input, mode);
    const branch = this.b.forwardToMerge(c.b, c.a.output, mode);
    let skip = input;
    if (this.projection) {
      skip = c.skip!;
      linearMapForward(input, this.projection.weight, skip);
    }
    scaledAddForward(skip, branch, this.scale, this.b.mergeTarget(c.b));
    this.b.forwardFromMerge(c.b, mode);
  }

  backward(c: ResidualCache, dOutput: Tensor, dInput: Tensor | null, hook?: UnitGradientHook): void {
    if (dOutput !== c.dOutput) c.dOutput!.data.set(dOutput.data);
    const dMerged = this.b.backwardToMerge(c.b, c.dOutput!);
    scaledAddBackward(dMerged, this.scale, this.b.dBranchTarget(c.b));
    if (this.projection) linearMapBackward(c.input, this.projection.weight, dMerged, dInput ? c.dSkip : null, this.projection.dWeight, c.scratch);
    this.b.backwardFromMerge(c.b, c.a.dOutput);
    if (hook) hook(0, c.a.dOutput!);
    this.a.backward(c.a, c.a.dOutput!, dInput);
    // The skip's gradient: the merge's gradient (identity) or its projection back.
    if (dInput) addInto(dInput, this.projection ? c.dSkip! : dMerged);
  }

  inputGradient(c: ResidualCache, dInput: Tensor): void {
    this.a.inputGradient(c.a, dInput);
    const dMerged = this.form === 'post' ? c.b.dPre! : c.dOutput!;
    if (!this.projection) {
      addInto(dInput, dMerged);
      return;
    }
    const dSkip = zerosTensor(dInput.shape);
    linearMapBackward(c.input, this.projection.weight, dMerged, dSkip, zerosTensor(this.projection.weight.shape), new Float32Array(this.scratchLength));
    addInto(dInput, dSkip);
  }
}

export function createResidual(spec: ResidualSpec, inputShape: Shape): ResidualBlock {
  return new ResidualBlock(inputShape[0], spec);
}
