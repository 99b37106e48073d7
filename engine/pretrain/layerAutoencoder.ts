/**
 * One hidden layer trained as an autoencoder of its own input x (Bengio et al. 2007; Vincent et al.
 * 2008 for the denoising form): the layer's encoder h = act(x~ W + b) on the (possibly corrupted)
 * input x~, a decoder of its own a = h W' + c with x^ = sigmoid(a) or a, and the reconstruction
 * loss against the CLEAN x (ops/reconstructionLoss.ts).
 *
 * Untied weights: W' (fanOut x fanIn) is a parameter of its own, not W^T. The decoder is thrown
 * away after pretraining, so tying buys only a constraint; untied, each gradient is one dense op's
 * backward (checked like every dense layer), and the decoder's scale is free to fit a sigmoid
 * output when the encoder's weights are small. Vincent et al. (2010) report both working; with a
 * code wider than its input, the masking noise (pretrain=dae), not tying, is what keeps it from
 * learning a near-identity.
 *
 * Every buffer is allocated here, once: a step allocates nothing.
 */
import type { Activation } from '../ops/activations.ts';
import { denseBackward, denseForward } from '../ops/dense.ts';
import { reconstructionBackward, reconstructionForward, type ReconstructionLoss } from '../ops/reconstructionLoss.ts';
import { zerosTensor, type Tensor } from '../tensor.ts';
import type { Unit } from '../model/layer.ts';
import type { DecoderKind } from '../contract/pretrain.ts';
import type { Rng } from '../rng.ts';
import * as P from '../math/portable.ts';

export class LayerAutoencoder {
  readonly unit: Unit;
  readonly decoder: DecoderKind;
  readonly loss: ReconstructionLoss;
  /** The decoder a = h W' + c: W' is fanOut x fanIn (the layer's shape transposed). */
  readonly decoderWeight: Tensor;
  readonly decoderBias: Tensor;
  readonly dDecoderWeight: Tensor;
  readonly dDecoderBias: Tensor;
  /** The clean input (the target) and the encoder's input (the corrupted copy under masking noise). */
  readonly clean: Tensor;
  readonly corrupted: Tensor;
  readonly pre: Tensor;
  readonly code: Tensor;
  readonly decoderPre: Tensor;
  readonly decoded: Tensor;
  private readonly dDecoderPre: Tensor;
  private readonly dCode: Tensor;
  private readonly dPre: Tensor;
  private readonly scratch: Float32Array;
  private readonly activation: Activation;

  constructor(unit: Unit, decoder: DecoderKind, batch: number) {
    const { fanIn, fanOut } = unit;
    this.unit = unit;
    this.activation = unit.activation;
    this.decoder = decoder;
    this.loss = decoder === 'sigmoid' ? 'crossEntropy' : 'squaredError';
    this.decoderWeight = zerosTensor([fanOut, fanIn]);
    this.decoderBias = zerosTensor([fanIn]);
    this.dDecoderWeight = zerosTensor([fanOut, fanIn]);
    this.dDecoderBias = zerosTensor([fanIn]);
    this.clean = zerosTensor([batch, fanIn]);
    this.corrupted = zerosTensor([batch, fanIn]);
    this.pre = zerosTensor([batch, fanOut]);
    this.code = zerosTensor([batch, fanOut]);
    this.decoderPre = zerosTensor([batch, fanIn]);
    this.decoded = zerosTensor([batch, fanIn]);
    this.dDecoderPre = zerosTensor([batch, fanIn]);
    this.dCode = zerosTensor([batch, fanOut]);
    this.dPre = zerosTensor([batch, fanOut]);
    this.scratch = new Float32Array(fanIn * fanOut);
  }

  /**
   * The decoder's initial weights: Xavier/Glorot uniform U(-sqrt(6/(fanIn + fanOut)), +...), the
   * variance 2/(fanIn + fanOut) that keeps both passes' variance (Glorot & Bengio 2010); bias 0.
   */
  initialize(rng: Rng): void {
    const w = this.decoderWeight.data, { fanIn, fanOut } = this.unit;
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    for (let i = 0; i < w.length; i++) w[i] = limit * (2 * rng.uniform() - 1);
    this.decoderBias.data.fill(0);
  }

  /** Masking noise: each feature of `clean` is zeroed with probability `fraction`, into `corrupted` (a copy when 0). */
  corrupt(fraction: number, rng: Rng): void {
    const x = this.clean.data, c = this.corrupted.data;
    if (fraction <= 0) {
      c.set(x);
      return;
    }
    for (let i = 0; i < x.length; i++) c[i] = rng.uniform() < fraction ? 0 : x[i];
  }

  /** Encode the corrupted input, decode, and return the loss against the clean input. */
  forward(): number {
    const u = this.unit;
    denseForward(this.corrupted, u.weight, u.bias, this.pre);
    this.activation.forward(this.pre, this.code);
    denseForward(this.code, this.decoderWeight, this.decoderBias, this.decoderPre);
    return reconstructionForward(this.loss, this.decoderPre, this.clean, this.decoded);
  }

  /** Gradients of the last forward's loss: the decoder's, then the encoder's (into the unit's dWeight and dBias). */
  backward(): void {
    const u = this.unit;
    reconstructionBackward(this.decoded, this.clean, this.dDecoderPre);
    denseBackward(this.code, this.decoderWeight, this.dDecoderPre, this.dCode, this.dDecoderWeight, this.dDecoderBias, this.scratch);
    this.activation.backward(this.pre, this.code, this.dCode, this.dPre);
    denseBackward(this.corrupted, u.weight, this.dPre, null, u.dWeight, u.dBias, this.scratch);
  }
}

/**
 * x^ = decoder(code) for `rows` rows of `code` (rows x fanOut), into out (rows x fanIn): the
 * decoder's output (sigmoid(a) or a). pre holds a; both at least rows x fanIn. For drawing.
 */
export function decodeRows(ae: LayerAutoencoder, code: Tensor, pre: Tensor, out: Tensor): void {
  denseForward(code, ae.decoderWeight, ae.decoderBias, pre);
  const a = pre.data, y = out.data;
  if (ae.decoder === 'sigmoid') for (let i = 0; i < a.length; i++) y[i] = 1 / (1 + P.exp(-a[i]));
  else y.set(a);
}
