/**
 * An auxiliary classifier (GoogLeNet's, simplified to one linear layer): logits = x_at W + b, read
 * from the output of unit `at`. Its gradient joins that unit's output gradient (Network's backward).
 */
import { denseBackward, denseForward } from '../../ops/dense.ts';
import { zerosTensor, type Tensor } from '../../tensor.ts';
import type { AllocateOptions, Fans, ForwardMode, Layer, LayerCache, LayerParam, Shape, Unit } from '../layer.ts';
import { ACTIVATIONS } from '../../ops/activations.ts';

export interface AuxHeadSpec {
  /** Index (0-based) in the network's units of the unit whose output the head reads. */
  readonly at: number;
  readonly classes: number;
}

/** The head's logits, dL/dlogits (filled by the caller) and its input gradient. */
export interface HeadCache extends LayerCache {
  readonly logits: Tensor;
  readonly dLogits: Tensor;
  readonly dInput: Tensor;
  readonly scratch: Float32Array;
}

export class AuxHead implements Layer<HeadCache> {
  readonly kind = 'auxHead';
  readonly at: number;
  readonly inputShape: Shape;
  readonly outputShape: Shape;
  readonly units: readonly Unit[];
  readonly scratchLength: number;
  readonly unit: Unit;
  private readonly paramList: readonly LayerParam[];

  constructor(spec: AuxHeadSpec, width: number) {
    this.at = spec.at;
    this.unit = {
      fanIn: width, fanOut: spec.classes, activation: ACTIVATIONS.linear, norm: null,
      weight: zerosTensor([width, spec.classes]), bias: zerosTensor([spec.classes]),
      dWeight: zerosTensor([width, spec.classes]), dBias: zerosTensor([spec.classes]),
    };
    this.units = [this.unit];
    this.inputShape = [width];
    this.outputShape = [spec.classes];
    this.scratchLength = width * spec.classes;
    this.paramList = [
      { name: 'weight', value: this.unit.weight, grad: this.unit.dWeight, decay: true, unit: 0 },
      { name: 'bias', value: this.unit.bias, grad: this.unit.dBias, decay: false, unit: 0 },
    ];
  }

  fans(): Fans { return { fanIn: this.unit.fanIn, fanOut: this.unit.fanOut }; }
  params(): readonly LayerParam[] { return this.paramList; }
  resetState(): void {}

  allocate(batch: number, input: Tensor, options: AllocateOptions): HeadCache {
    const logits = zerosTensor([batch, this.unit.fanOut]);
    const dLogits = zerosTensor([batch, this.unit.fanOut]);
    // The logits are no unit of the network: the probe reads no taps here.
    return { batch, input, output: logits, dOutput: dLogits, taps: [], logits, dLogits, dInput: zerosTensor([batch, this.unit.fanIn]), scratch: options.scratch };
  }

  forward(c: HeadCache, input: Tensor, _mode: ForwardMode): void {
    denseForward(input, this.unit.weight, this.unit.bias, c.logits);
  }

  backward(c: HeadCache, dOutput: Tensor, dInput: Tensor | null): void {
    denseBackward(c.input, this.unit.weight, dOutput, dInput, this.unit.dWeight, this.unit.dBias, c.scratch);
  }

  inputGradient(c: HeadCache, dInput: Tensor): void {
    denseBackward(c.input, this.unit.weight, c.dLogits, dInput, zerosTensor(this.unit.dWeight.shape), zerosTensor(this.unit.dBias.shape), new Float32Array(this.scratchLength));
  }
}

export function createAuxHead(spec: AuxHeadSpec, inputShape: Shape): AuxHead {
  return new AuxHead(spec, inputShape[0]);
}
