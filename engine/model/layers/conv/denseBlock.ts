/**
 * DenseNet's dense block (Huang et al. 2017): layer m reads the concatenation of the block input
 * and every earlier layer's output and adds `growth` channels to it. The block owns the growing
 * concatenations x_0 (its input) .. x_L (its output); the backward scatters each x_{m+1}'s gradient
 * back into x_m's channels and layer m's output, and adds layer m's input gradient to x_m's.
 */
import { concatBackward, concatForward } from '../../../ops/concat.ts';
import { addInto } from '../../../ops/scaledAdd.ts';
import type { Tensor } from '../../../tensor.ts';
import type { AllocateOptions, Fans, ForwardMode, Layer, LayerCache, LayerParam, Shape, Unit } from '../../layer.ts';
import type { LayerSpec } from '../../network.ts';
import { concatInfo } from '../../shapes.ts';
import { childParams, createSeq, prefixed, type BuildLayer, type SeqCache, type SeqLayer } from './seq.ts';

export interface DenseBlockLayerSpec {
  readonly kind: 'denseblock';
  /** Each layer's modules (BN-ReLU-[1x1 conv-BN-ReLU]-3x3 conv in DenseNet-BC). */
  readonly layers: readonly (readonly LayerSpec[])[];
}

export interface DenseBlockCache extends LayerCache {
  readonly layers: readonly SeqCache[];
  /** x_0 .. x_L and their gradients (dXs[0] the block input's, dXs[L] the output's). */
  readonly xs: readonly Tensor[];
  readonly dXs: readonly Tensor[];
  /** Per layer, dL/d(x_m) along layer m's own path. */
  readonly dParts: readonly Tensor[];
  readonly pairs: readonly (readonly [Tensor, Tensor])[];
  readonly dPairs: readonly (readonly [Tensor, Tensor])[];
}

export class DenseBlockLayer implements Layer<DenseBlockCache> {
  readonly kind = 'denseblock';
  readonly inputShape: Shape;
  readonly outputShape: Shape;
  readonly units: readonly Unit[];
  readonly scratchLength: number;
  private readonly paramList: readonly LayerParam[];

  constructor(readonly layers: readonly SeqLayer[], inputShape: Shape) {
    let shape = inputShape;
    for (const layer of layers) shape = concatInfo([shape, layer.outputShape]).out;
    this.inputShape = [...inputShape];
    this.outputShape = shape;
    this.units = layers.flatMap((l) => l.units);
    this.scratchLength = Math.max(0, ...layers.map((l) => l.scratchLength));
    this.paramList = childParams(layers);
  }

  fans(): Fans { return this.units[0]; }
  params(): readonly LayerParam[] { return this.paramList; }
  resetState(): void { for (const l of this.layers) l.resetState(); }

  allocate(batch: number, input: Tensor, options: AllocateOptions): DenseBlockCache {
    const g = options.gradients, xs: Tensor[] = [input], dXs: Tensor[] = [], dParts: Tensor[] = [], caches: SeqCache[] = [];
    if (g) dXs.push(options.allocate([batch, ...this.inputShape], 'dX0'));
    this.layers.forEach((layer, m) => {
      const c = layer.allocate(batch, xs[m], prefixed(options, `${m}.`));
      caches.push(c);
      const shape = [batch, xs[m].shape[1] + c.output.shape[1], ...this.inputShape.slice(1)];
      xs.push(options.allocate(shape, `x${m + 1}`));
      if (g) {
        dXs.push(options.allocate(shape, `dX${m + 1}`));
        dParts.push(options.allocate(xs[m].shape, `dPart${m}`));
      }
    });
    const L = this.layers.length;
    return {
      batch, input, output: xs[L], dOutput: g ? dXs[L] : null, taps: caches.flatMap((c) => c.taps), layers: caches, xs, dXs, dParts,
      pairs: caches.map((c, m) => [xs[m], c.output] as const), dPairs: g ? caches.map((c, m) => [dXs[m], c.dOutput!] as const) : [],
    };
  }

  forward(c: DenseBlockCache, _input: Tensor, mode: ForwardMode): void {
    for (let m = 0; m < this.layers.length; m++) {
      this.layers[m].forward(c.layers[m], c.xs[m], mode);
      concatForward(c.pairs[m], c.xs[m + 1]);
    }
  }

  backward(c: DenseBlockCache, dOutput: Tensor, dInput: Tensor | null): void {
    const L = this.layers.length;
    if (dOutput !== c.dXs[L]) c.dXs[L].data.set(dOutput.data);
    for (let m = L - 1; m >= 0; m--) {
      concatBackward(c.dXs[m + 1], c.dPairs[m]);
      const lc = c.layers[m];
      this.layers[m].backward(lc, lc.dOutput!, c.dParts[m]);
      addInto(c.dXs[m], c.dParts[m]);
    }
    if (dInput) dInput.data.set(c.dXs[0].data);
  }

  inputGradient(c: DenseBlockCache, dInput: Tensor): void {
    dInput.data.set(c.dXs[0].data);
  }
}

export function createDenseBlock(spec: DenseBlockLayerSpec, inputShape: Shape, build: BuildLayer): DenseBlockLayer {
  const layers: SeqLayer[] = [];
  let shape = inputShape;
  for (const l of spec.layers) {
    const layer = createSeq({ kind: 'seq', layers: l }, shape, build);
    layers.push(layer);
    shape = concatInfo([shape, layer.outputShape]).out;
  }
  return new DenseBlockLayer(layers, inputShape);
}
