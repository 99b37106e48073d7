/**
 * GoogLeNet's Inception module: parallel branches (each a sequence: a 1x1; a 1x1 reduction and a
 * 3x3; a 1x1 reduction and a 5x5; a 3x3 max pool and a 1x1 projection) read the same input and
 * are concatenated along the channels. The input's gradient is the sum over the branches.
 */
import { concatBackward, concatForward } from '../../../ops/concat.ts';
import { addInto } from '../../../ops/scaledAdd.ts';
import type { Tensor } from '../../../tensor.ts';
import type { AllocateOptions, Fans, ForwardMode, Layer, LayerCache, LayerParam, Shape, Unit } from '../../layer.ts';
import type { LayerSpec } from '../../network.ts';
import { concatInfo } from '../../shapes.ts';
import { childParams, createSeq, prefixed, type BuildLayer, type SeqCache, type SeqLayer } from './seq.ts';

export interface InceptionLayerSpec {
  readonly kind: 'inception';
  readonly branches: readonly (readonly LayerSpec[])[];
}

export interface InceptionCache extends LayerCache {
  readonly branches: readonly SeqCache[];
  readonly branchOutputs: readonly Tensor[];
  readonly branchGradients: readonly Tensor[];
  readonly dIn: Tensor | null;
  readonly dPart: Tensor | null;
}

export class InceptionLayer implements Layer<InceptionCache> {
  readonly kind = 'inception';
  readonly inputShape: Shape;
  readonly outputShape: Shape;
  readonly units: readonly Unit[];
  readonly scratchLength: number;
  private readonly paramList: readonly LayerParam[];

  constructor(readonly branches: readonly SeqLayer[], inputShape: Shape) {
    this.inputShape = [...inputShape];
    this.outputShape = concatInfo(branches.map((b) => b.outputShape)).out;
    this.units = branches.flatMap((b) => b.units);
    this.scratchLength = Math.max(...branches.map((b) => b.scratchLength));
    this.paramList = childParams(branches);
  }

  fans(): Fans { return this.units[0]; }
  params(): readonly LayerParam[] { return this.paramList; }
  resetState(): void { for (const b of this.branches) b.resetState(); }

  allocate(batch: number, input: Tensor, options: AllocateOptions): InceptionCache {
    const branches = this.branches.map((b, i) => b.allocate(batch, input, prefixed(options, `b${i}.`)));
    const shape = [batch, ...this.outputShape], g = options.gradients;
    const output = options.allocate(shape, 'out');
    const dOutput = g ? options.allocate(shape, 'dOut') : null;
    const dIn = g ? options.allocate([batch, ...this.inputShape], 'dIn') : null;
    const dPart = g ? options.allocate([batch, ...this.inputShape], 'dPart') : null;
    return {
      batch, input, output, dOutput, taps: branches.flatMap((b) => b.taps), branches,
      branchOutputs: branches.map((b) => b.output), branchGradients: g ? branches.map((b) => b.dOutput!) : [], dIn, dPart,
    };
  }

  forward(c: InceptionCache, input: Tensor, mode: ForwardMode): void {
    for (let i = 0; i < this.branches.length; i++) this.branches[i].forward(c.branches[i], input, mode);
    concatForward(c.branchOutputs, c.output);
  }

  backward(c: InceptionCache, dOutput: Tensor, dInput: Tensor | null): void {
    concatBackward(dOutput, c.branchGradients);
    for (let i = 0; i < this.branches.length; i++) {
      const bc = c.branches[i];
      this.branches[i].backward(bc, bc.dOutput!, i === 0 ? c.dIn : c.dPart);
      if (i > 0) addInto(c.dIn!, c.dPart!);
    }
    if (dInput) dInput.data.set(c.dIn!.data);
  }

  inputGradient(c: InceptionCache, dInput: Tensor): void {
    dInput.data.set(c.dIn!.data);
  }
}

export function createInception(spec: InceptionLayerSpec, inputShape: Shape, build: BuildLayer): InceptionLayer {
  return new InceptionLayer(spec.branches.map((layers) => createSeq({ kind: 'seq', layers }, inputShape, build)), inputShape);
}
