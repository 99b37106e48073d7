/**
 * Greedy layer-wise pretraining (Hinton, Osindero & Teh 2006 with RBMs; Bengio, Lamblin, Popovici
 * & Larochelle 2007 with autoencoders; Vincent et al. 2008 denoising): hidden layer 1 is trained
 * as an autoencoder of the unlabelled training inputs for ptsteps mini-batches, then frozen while
 * layer 2 is trained as an autoencoder of layer 1's codes, and so on up the stack. Labels are never
 * read. The trainer then fine-tunes the whole stack (and its freshly initialized output layer)
 * with labels.
 *
 * The layers' encoders ARE the network's weights (no copy), so what pretraining leaves is what
 * fine-tuning starts from. Each layer's decoder and loss follow the range of its input: a sigmoid
 * decoder with cross-entropy for [0, 1] inputs (a sigmoid layer's codes), a linear decoder with
 * squared error otherwise (standardized pixels, tanh and ReLU codes).
 *
 * Seeded: mini-batches, masking noise and decoder weights come from their own streams, so the
 * network's initial weights are the same draws as the same config without pretraining (the A/B
 * baseline). Every buffer is allocated at construction; step() allocates nothing.
 */
import type { Config } from '../contract/config.ts';
import { RECONSTRUCTION_COUNT, type DecoderKind, type Reconstructions } from '../contract/pretrain.ts';
import { DecimatingSeries } from '../contract/series.ts';
import { shuffle } from '../data/dataset.ts';
import { createCache, forwardLayer, type Cache, type Network } from '../model/network.ts';
import { createOptimizer, DEFAULT_SETTINGS, type Optimizer, type OptimizerSettings } from '../optim/index.ts';
import { createRng, deriveSeed, type Rng } from '../rng.ts';
import { zerosTensor, type Tensor } from '../tensor.ts';
import { copyRow } from '../train/batchRows.ts';
import { decodeRows, LayerAutoencoder } from './layerAutoencoder.ts';

/** Pretraining's random streams, apart from the weights' (experiment.ts STREAM), the batches' (TRAIN_STREAM) and the data's (DATA_STREAM). */
export const PRETRAIN_STREAM = { batches: 71, noise: 72, decoders: 73 } as const;

/** Steps averaged for a layer's first and latest loss. */
const LOSS_WINDOW = 20;

/** The unlabelled examples pretraining reads: rows of `width` features. */
export interface UnlabelledInputs {
  readonly inputs: Float32Array;
  readonly count: number;
  readonly width: number;
}

/** Which decoder layer l gets: sigmoid for a [0, 1] input (the codes of a sigmoid layer below it), linear otherwise. */
export function decoderFor(net: Network, layer: number, inputInUnitRange: boolean): DecoderKind {
  if (layer === 0) return inputInUnitRange ? 'sigmoid' : 'linear';
  return net.units[layer - 1].activation.name === 'sigmoid' ? 'sigmoid' : 'linear';
}

export class Pretrainer {
  readonly layers: number;
  readonly stepsPerLayer: number;
  readonly noise: number;
  readonly autoencoders: readonly LayerAutoencoder[];
  readonly optimizers: readonly Optimizer[];
  readonly settings: OptimizerSettings;
  /** Per layer: rows of [step in layer (1-based), loss]. */
  readonly losses: readonly DecimatingSeries[];
  readonly firstLoss: Float64Array;
  readonly lastLoss: Float64Array;
  private readonly net: Network;
  private readonly source: UnlabelledInputs;
  private readonly codes: Cache;
  private readonly batch: number;
  private readonly order: Int32Array;
  private readonly recent = new Float64Array(LOSS_WINDOW);
  private readonly row = new Float64Array(2);
  private readonly seed: number;
  private batchRng: Rng = createRng(0);
  private noiseRng: Rng = createRng(0);
  private cursor = 0;
  private current = 0;
  private inLayer = 0;
  private firstSum = 0;
  private lastStepLoss = NaN;
  private display: { cache: Cache; pre: Tensor[]; out: Tensor[] } | null = null;

  constructor(net: Network, config: Config, depth: number, source: UnlabelledInputs, inputInUnitRange: boolean) {
    if (source.width !== net.inputWidth) throw new Error(`pretraining inputs are ${source.width} wide, the network reads ${net.inputWidth}`);
    if (source.count < 1) throw new Error('pretraining needs at least one unlabelled input');
    this.net = net;
    this.source = source;
    this.layers = depth;
    this.stepsPerLayer = config.ptsteps;
    this.noise = config.pretrain === 'dae' ? config.ptnoise : 0;
    this.seed = config.seed;
    this.batch = Math.min(config.batch, source.count);
    this.codes = createCache(net, this.batch, { gradients: false, heads: false, layers: depth });
    this.autoencoders = net.units.slice(0, depth).map((unit, l) => new LayerAutoencoder(unit, decoderFor(net, l, inputInUnitRange), this.batch));
    // Weight decay is a prior of the supervised objective: pretraining has none.
    this.settings = { ...DEFAULT_SETTINGS, lr: config.ptlr, wd: 0, momentum: config.mom };
    this.optimizers = this.autoencoders.map((ae, l) => createOptimizer(config.opt, [
      { name: `layer ${l + 1} weight`, value: ae.unit.weight.data, grad: ae.unit.dWeight.data, decay: false },
      { name: `layer ${l + 1} bias`, value: ae.unit.bias.data, grad: ae.unit.dBias.data, decay: false },
      { name: `layer ${l + 1} decoder weight`, value: ae.decoderWeight.data, grad: ae.dDecoderWeight.data, decay: false },
      { name: `layer ${l + 1} decoder bias`, value: ae.decoderBias.data, grad: ae.dDecoderBias.data, decay: false },
    ], this.settings));
    this.losses = this.autoencoders.map(() => new DecimatingSeries(2, 256));
    this.firstLoss = new Float64Array(depth);
    this.lastLoss = new Float64Array(depth);
    this.order = new Int32Array(source.count);
    this.reset();
  }

  /** The layer being trained (0-based); `layers` once done. */
  get layer(): number { return this.current; }
  get stepInLayer(): number { return this.inLayer; }
  get stepsDone(): number { return this.current * this.stepsPerLayer + this.inLayer; }
  get done(): boolean { return this.current >= this.layers; }

  /** Back to before the first step: decoders drawn again, the batch order and noise from their seeds. Call after the network is initialized. */
  reset(): void {
    const decoderRng = createRng(deriveSeed(this.seed, PRETRAIN_STREAM.decoders));
    for (const ae of this.autoencoders) ae.initialize(decoderRng);
    for (const opt of this.optimizers) opt.reset();
    this.batchRng = createRng(deriveSeed(this.seed, PRETRAIN_STREAM.batches));
    this.noiseRng = createRng(deriveSeed(this.seed, PRETRAIN_STREAM.noise));
    for (let i = 0; i < this.order.length; i++) this.order[i] = i;
    shuffle(this.order, this.order.length, this.batchRng);
    this.cursor = 0;
    this.current = 0;
    this.inLayer = 0;
    this.firstSum = 0;
    this.lastStepLoss = NaN;
    for (const s of this.losses) s.clear();
    this.firstLoss.fill(NaN);
    this.lastLoss.fill(NaN);
  }

  /** The loss of the last step (before its update); NaN before any. */
  get loss(): number { return this.lastStepLoss; }

  /**
   * One mini-batch on the current layer: its input through the (already pretrained) layers below,
   * corrupted under dae, encoded, decoded, and the encoder's and decoder's parameters updated.
   * Returns null, or a sentence when a number stopped being finite (nothing is allocated otherwise).
   */
  step(): string | null {
    if (this.done) return 'pretraining is over';
    const l = this.current, ae = this.autoencoders[l];
    this.nextBatch();
    for (let m = 0; m < l; m++) forwardLayer(this.net, this.codes, m, 'batch');
    ae.clean.data.set(l === 0 ? this.codes.input.data : this.codes.taps[l - 1].output.data);
    ae.corrupt(this.noise, this.noiseRng);
    const loss = ae.forward();
    this.lastStepLoss = loss;
    if (!Number.isFinite(loss)) return `the reconstruction loss diverged in ${this.where(l)} (try a smaller ptlr)`;
    ae.backward();
    const bad = this.optimizers[l].step();
    const problem = bad >= 0 ? `parameters diverged in ${this.where(l)} (try a smaller ptlr)` : null;
    this.record(l, loss);
    return problem;
  }

  private where(l: number): string {
    return `pretraining layer ${l + 1} at its step ${this.inLayer + 1}`;
  }

  private record(l: number, loss: number): void {
    const k = this.inLayer;
    this.row[0] = k + 1;
    this.row[1] = loss;
    this.losses[l].offer(this.row);
    if (k < LOSS_WINDOW) {
      this.firstSum += loss;
      this.firstLoss[l] = this.firstSum / (k + 1);
    }
    this.recent[k % LOSS_WINDOW] = loss;
    const n = Math.min(k + 1, LOSS_WINDOW);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += this.recent[i];
    this.lastLoss[l] = sum / n;
    this.inLayer = k + 1;
    if (this.inLayer >= this.stepsPerLayer) {
      this.current = l + 1;
      this.inLayer = 0;
      this.firstSum = 0;
    }
  }

  /** The next mini-batch of unlabelled inputs into the codes cache: a new permutation when fewer than a batch remain. */
  private nextBatch(): void {
    const { inputs, width } = this.source;
    if (this.cursor + this.batch > this.order.length) {
      shuffle(this.order, this.order.length, this.batchRng);
      this.cursor = 0;
    }
    const x = this.codes.input.data;
    for (let r = 0; r < this.batch; r++) copyRow(inputs, this.order[this.cursor + r], x, r, width);
    this.cursor += this.batch;
  }

  /**
   * The first RECONSTRUCTION_COUNT rows of `inputs` (standardized, as the network reads them)
   * encoded up to each layer trained so far, and each layer's code decoded down through its own
   * decoder and those of every layer below it: the input as the stack up to that layer remembers
   * it, mapped back to pixel values with the standardization's mean and scale. For drawing
   * (allocates its buffers the first time).
   */
  reconstruct(inputs: Float32Array, rows: number, mean: Float64Array, scale: Float64Array): Reconstructions | null {
    const count = Math.min(RECONSTRUCTION_COUNT, rows);
    const top = Math.min(this.current, this.layers - 1);
    if (count < 1 || this.stepsDone === 0) return null;
    const width = this.net.inputWidth, size = count * width;
    if (!this.display || this.display.cache.batch !== count) {
      const cache = createCache(this.net, count, { gradients: false, heads: false, layers: this.layers });
      const pre = this.autoencoders.map((ae) => zerosTensor([count, ae.unit.fanIn]));
      const out = this.autoencoders.map((ae) => zerosTensor([count, ae.unit.fanIn]));
      this.display = { cache, pre, out };
    }
    const { cache, pre, out } = this.display;
    for (let r = 0; r < count; r++) copyRow(inputs, r, cache.input.data, r, width);
    for (let m = 0; m <= top; m++) forwardLayer(this.net, cache, m, 'batch');
    const shown = new Float32Array(size), decoded = new Float32Array((top + 1) * size);
    for (let i = 0; i < size; i++) shown[i] = inputs[i] * scale[i % width] + mean[i % width];
    for (let k = 0; k <= top; k++) {
      let code = cache.taps[k].output;
      for (let l = k; l >= 0; l--) {
        decodeRows(this.autoencoders[l], code, pre[l], out[l]);
        code = out[l];
      }
      for (let i = 0; i < size; i++) decoded[k * size + i] = out[0].data[i] * scale[i % width] + mean[i % width];
    }
    return { layer: top, count, inputs: shown, decoded };
  }
}
