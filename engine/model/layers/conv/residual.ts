/**
 * A convolutional residual block (He et al. 2015): a branch of conv units, the last one's BN
 * output plus the shortcut, then its activation. The shortcut is the identity, or a projection
 * (a 1x1 conv with the block's stride and BN, linear) where the shape changes, as torchvision.
 * The same module is the basic block (two 3x3), the bottleneck (1x1, 3x3, 1x1) and ResNeXt's
 * (a grouped 3x3): they differ only in their branch specs.
 */
import { addInto, scaledAddBackward, scaledAddForward } from '../../../ops/scaledAdd.ts';
import type { Tensor } from '../../../tensor.ts';
import type { AllocateOptions, Fans, ForwardMode, Layer, LayerCache, LayerParam, Shape, Unit } from '../../layer.ts';
import { ConvLayer, type ConvCache, type ConvLayerSpec } from './conv.ts';
import { childParams, prefixed } from './seq.ts';

export interface ResBlockSpec {
  readonly kind: 'resblock';
  /** The branch's conv units; the last one's activation runs after the sum. */
  readonly branch: readonly ConvLayerSpec[];
  /** A projection shortcut (linear), or null for the identity. */
  readonly shortcut: ConvLayerSpec | null;
}

export interface ResBlockCache extends LayerCache {
  readonly branch: readonly ConvCache[];
  readonly shortcut: ConvCache | null;
  /** dL/d(block input), always computed (the probe asks for it later). */
  readonly dIn: Tensor | null;
  readonly dSkip: Tensor | null;
}

export class ResBlock implements Layer<ResBlockCache> {
  readonly kind = 'resblock';
  readonly inputShape: Shape;
  readonly outputShape: Shape;
  readonly units: readonly Unit[];
  readonly scratchLength = 0;
  readonly branch: readonly ConvLayer[];
  readonly shortcut: ConvLayer | null;
  private readonly paramList: readonly LayerParam[];

  constructor(spec: ResBlockSpec, inputShape: Shape) {
    const branch: ConvLayer[] = [];
    let shape = inputShape;
    spec.branch.forEach((s, i) => {
      const layer = new ConvLayer(s, shape, i === spec.branch.length - 1);
      branch.push(layer);
      shape = layer.outputShape;
    });
    this.branch = branch;
    this.shortcut = spec.shortcut ? new ConvLayer(spec.shortcut, inputShape) : null;
    const skipShape = this.shortcut ? this.shortcut.outputShape : inputShape;
    if (skipShape.join() !== shape.join()) throw new Error(`a residual block's shortcut ${skipShape.join('x')} does not match its branch ${shape.join('x')}`);
    this.inputShape = [...inputShape];
    this.outputShape = shape;
    const children: Layer[] = this.shortcut ? [...branch, this.shortcut] : branch;
    this.units = children.flatMap((c) => c.units);
    this.paramList = childParams(children);
  }

  fans(): Fans { return this.units[0]; }
  params(): readonly LayerParam[] { return this.paramList; }
  resetState(): void {
    for (const c of this.branch) c.resetState();
    this.shortcut?.resetState();
  }

  /** Zero-gamma (Goyal et al. 2017): the branch's last BN starts at zero, the block at act(skip). */
  startAsIdentity(): void {
    const norm = this.branch[this.branch.length - 1].unit.norm;
    if (norm) {
      norm.gamma.data.fill(0);
      norm.beta.data.fill(0);
    }
  }

  allocate(batch: number, input: Tensor, options: AllocateOptions): ResBlockCache {
    const caches: ConvCache[] = [];
    let x = input;
    this.branch.forEach((layer, i) => {
      const c = layer.allocate(batch, x, prefixed(options, `${i}.`));
      caches.push(c);
      x = c.output;
    });
    const shortcut = this.shortcut ? this.shortcut.allocate(batch, input, prefixed(options, 'skip.')) : null;
    const last = caches[caches.length - 1];
    const g = options.gradients;
    const dIn = g ? options.allocate([batch, ...this.inputShape], 'dIn') : null;
    const dSkip = g && shortcut ? options.allocate([batch, ...this.inputShape], 'dSkip') : null;
    return { batch, input, output: last.output, dOutput: last.dOutput, taps: [...caches, ...(shortcut ? [shortcut] : [])].flatMap((c) => c.taps), branch: caches, shortcut, dIn, dSkip };
  }

  forward(c: ResBlockCache, input: Tensor, mode: ForwardMode): void {
    const n = this.branch.length, last = this.branch[n - 1], lc = c.branch[n - 1];
    for (let i = 0; i < n - 1; i++) this.branch[i].forward(c.branch[i], c.branch[i].input, mode);
    const value = last.forwardToMerge(lc, lc.input, mode);
    let skip = input;
    if (this.shortcut) {
      this.shortcut.forward(c.shortcut!, input, mode);
      skip = c.shortcut!.output;
    }
    scaledAddForward(skip, value, 1, last.mergeTarget(lc));
    last.forwardFromMerge(lc);
  }

  backward(c: ResBlockCache, dOutput: Tensor, dInput: Tensor | null): void {
    const n = this.branch.length, last = this.branch[n - 1], lc = c.branch[n - 1];
    const dMerged = last.backwardToMerge(lc, dOutput);
    scaledAddBackward(dMerged, 1, lc.dBranch!);
    last.backwardFromMerge(lc, n > 1 ? c.branch[n - 2].dOutput : c.dIn);
    for (let i = n - 2; i >= 0; i--) this.branch[i].backward(c.branch[i], c.branch[i].dOutput!, i > 0 ? c.branch[i - 1].dOutput : c.dIn);
    if (this.shortcut) {
      this.shortcut.backward(c.shortcut!, dMerged, c.dSkip);
      addInto(c.dIn!, c.dSkip!);
    } else addInto(c.dIn!, dMerged);
    if (dInput) dInput.data.set(c.dIn!.data);
  }

  inputGradient(c: ResBlockCache, dInput: Tensor): void {
    dInput.data.set(c.dIn!.data);
  }
}

export const createResBlock = (spec: ResBlockSpec, inputShape: Shape) => new ResBlock(spec, inputShape);
