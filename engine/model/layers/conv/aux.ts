/**
 * An auxiliary classifier at a named point of the main path (GoogLeNet's): the module passes its
 * input on unchanged and runs a side head (a sequence ending in logits) on it. The trainer writes
 * dL/d(logits) into `dLogits` before the backward; the head's input gradient joins the main one.
 */
import { addInto } from '../../../ops/scaledAdd.ts';
import type { Tensor } from '../../../tensor.ts';
import type { AllocateOptions, Fans, ForwardMode, Layer, LayerCache, LayerParam, Shape, Unit } from '../../layer.ts';
import type { LayerSpec } from '../../network.ts';
import { createSeq, prefixed, type BuildLayer, type SeqCache, type SeqLayer } from './seq.ts';

export interface AuxLayerSpec {
  readonly kind: 'aux';
  readonly head: readonly LayerSpec[];
}

export interface AuxCache extends LayerCache {
  readonly head: SeqCache;
  readonly logits: Tensor;
  /** dL/d(logits): filled by the caller (zero: the head trains nothing and adds nothing). */
  readonly dLogits: Tensor | null;
  readonly dIn: Tensor | null;
  readonly dHead: Tensor | null;
}

export class AuxLayer implements Layer<AuxCache> {
  readonly kind = 'aux';
  readonly inputShape: Shape;
  readonly outputShape: Shape;
  readonly units: readonly Unit[];
  readonly scratchLength: number;

  constructor(readonly head: SeqLayer, inputShape: Shape) {
    this.inputShape = [...inputShape];
    this.outputShape = [...inputShape];
    this.units = head.units;
    this.scratchLength = head.scratchLength;
  }

  fans(): Fans { return this.head.fans(); }
  params(): readonly LayerParam[] { return this.head.params(); }
  resetState(): void { this.head.resetState(); }

  allocate(batch: number, input: Tensor, options: AllocateOptions): AuxCache {
    const head = this.head.allocate(batch, input, prefixed(options, 'head.'));
    const g = options.gradients, shape = [batch, ...this.inputShape];
    const dOutput = g ? options.allocate(shape, 'dOut') : null;
    return {
      batch, input, output: input, dOutput, taps: head.taps, head, logits: head.output, dLogits: head.dOutput,
      dIn: g ? options.allocate(shape, 'dIn') : null, dHead: g ? options.allocate(shape, 'dHead') : null,
    };
  }

  forward(c: AuxCache, input: Tensor, mode: ForwardMode): void {
    this.head.forward(c.head, input, mode);
  }

  backward(c: AuxCache, dOutput: Tensor, dInput: Tensor | null): void {
    this.head.backward(c.head, c.dLogits!, c.dHead);
    c.dIn!.data.set(dOutput.data);
    addInto(c.dIn!, c.dHead!);
    if (dInput) dInput.data.set(c.dIn!.data);
  }

  inputGradient(c: AuxCache, dInput: Tensor): void {
    dInput.data.set(c.dIn!.data);
  }
}

export function createAux(spec: AuxLayerSpec, inputShape: Shape, build: BuildLayer): AuxLayer {
  return new AuxLayer(createSeq({ kind: 'seq', layers: spec.head }, inputShape, build), inputShape);
}
