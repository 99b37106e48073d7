/**
 * Augmentations of the training batch, applied on the fly after the batch is drawn and before the
 * forward pass (the test set is never touched: only the trainer's batch goes through here). Every
 * draw comes from the config seed's own stream (AUG_STREAM), so the batch order, the weights and
 * everything else draw exactly what they draw without augmentation, and the same link replays the
 * same augmented batches bit for bit. Every buffer is allocated here: apply() allocates nothing.
 *
 * Per example, in raw pixel units (digits 0..16, the 28x28 sets 0..255; the inputs are
 * standardized, so each row is taken back to pixels, augmented, and standardized again with the
 * training split's mean and sd, exactly as the data set was):
 *   1. one bilinear resampling for shift, subpixel, rotate, scale and elastic together (warp.ts):
 *      output pixel p reads the source at A^-1 (p + d(p) - c - t) + c, with d the elastic field,
 *      t the shift (whole pixels, then sub-pixel), A rotation times zoom about the centre c;
 *   2. noise: + sd * pixelMax * N(0, 1) per pixel (no clipping);
 *   3. cutout: a side x side square, centred on a uniformly drawn pixel, set to 0 (background);
 * then, over the batch, mixup (Zhang et al. 2018): one lambda ~ Beta(alpha, alpha) per batch and a
 * random pairing, x_i = lambda x_i + (1 - lambda) x_j and the targets mixed the same way (soft
 * targets: `targets`); `labels` then holds each example's larger share, for the batch accuracy.
 * A 2D point set takes noise (sd in the data's own units) and mixup only.
 */
import { augSpecOf, type AugSpec } from '../../contract/augment.ts';
import { createRng, deriveSeed, type Rng } from '../../rng.ts';
import { sampleBeta } from './beta.ts';
import { elasticField, gaussianKernel } from './elastic.ts';
import { affineSourceMap, resampleBilinear } from './warp.ts';

/** The augmentations' random stream, beside STREAM, DATA_STREAM, TRAIN_STREAM and the arch and ERF streams. */
export const AUG_STREAM = 61;

/** What the augmenter needs of a data set (engine/data/dataset.ts's Dataset has it). */
export interface AugmentData {
  readonly inputWidth: number;
  readonly imageShape: readonly [number, number, number] | null;
  /** Largest pixel value of an image set (its pixels are whole numbers 0..pixelMax); null for points. */
  readonly pixelMax: number | null;
  readonly classes: number;
  readonly inputMean: Float64Array;
  readonly inputScale: Float64Array;
}

const DEG = Math.PI / 180;

export class Augmenter {
  readonly spec: AugSpec;
  /** Soft targets of the last batch (batch x classes) with mixup, else null. */
  readonly targets: Float32Array | null;
  /** The last batch's mixup: each example's own label and its partner's (-1 without mixup), and lambda (1 without). */
  readonly ownLabels: Int32Array;
  readonly partnerLabels: Int32Array;
  lambda = 1;
  private rng: Rng;
  private readonly seed: number;
  private readonly data: AugmentData;
  private readonly batch: number;
  private readonly channels: number;
  private readonly height: number;
  private readonly width: number;
  private readonly geometric: boolean;
  private readonly kernel: Float64Array | null;
  private readonly a: Float64Array;
  private readonly b: Float64Array;
  private readonly sourceX: Float64Array;
  private readonly sourceY: Float64Array;
  private readonly dx: Float64Array;
  private readonly dy: Float64Array;
  private readonly tmp: Float64Array;
  private readonly copy: Float32Array | null;
  private readonly pairing: Int32Array;

  constructor(spec: AugSpec, data: AugmentData, batch: number, seed: number) {
    this.spec = spec;
    this.data = data;
    this.batch = batch;
    this.seed = seed;
    const [channels, height, width] = data.imageShape ?? [1, 1, data.inputWidth];
    this.channels = channels;
    this.height = height;
    this.width = width;
    this.geometric = spec.shift !== undefined || spec.subpixel !== undefined || spec.rotate !== undefined || spec.scale !== undefined || spec.elastic !== undefined;
    if (!data.imageShape && (this.geometric || spec.cutout !== undefined)) throw new Error('shift, subpixel, rotate, scale, elastic and cutout need images; a 2D point set takes noise and mixup');
    const plane = height * width;
    this.kernel = spec.elastic ? gaussianKernel(spec.elastic[1]) : null;
    this.a = new Float64Array(data.inputWidth);
    this.b = new Float64Array(data.inputWidth);
    this.sourceX = new Float64Array(plane);
    this.sourceY = new Float64Array(plane);
    this.dx = new Float64Array(spec.elastic ? plane : 0);
    this.dy = new Float64Array(spec.elastic ? plane : 0);
    this.tmp = new Float64Array(spec.elastic ? plane : 0);
    const mixing = spec.mixup !== undefined && spec.mixup[0] > 0;
    this.copy = mixing ? new Float32Array(batch * data.inputWidth) : null;
    this.targets = mixing ? new Float32Array(batch * data.classes) : null;
    this.ownLabels = new Int32Array(batch);
    this.pairing = new Int32Array(batch);
    this.partnerLabels = new Int32Array(batch).fill(-1);
    this.rng = createRng(deriveSeed(seed, AUG_STREAM));
  }

  /** Back to the first batch's draws. */
  reset(): void {
    this.rng = createRng(deriveSeed(this.seed, AUG_STREAM));
    this.lambda = 1;
    this.partnerLabels.fill(-1);
  }

  /** Augment the batch in place: x is batch x inputWidth standardized inputs, labels their classes. */
  apply(x: Float32Array, labels: Int32Array): void {
    const { batch } = this, n = this.data.inputWidth;
    if (x.length !== batch * n || labels.length !== batch) throw new Error(`Augmenter.apply: ${x.length} inputs and ${labels.length} labels for a batch of ${batch} x ${n}`);
    for (let r = 0; r < batch; r++) this.augmentRow(x, r * n);
    if (this.copy) this.mix(x, labels);
  }

  private augmentRow(x: Float32Array, offset: number): void {
    const { data, spec, rng } = this, n = data.inputWidth, mean = data.inputMean, scale = data.inputScale;
    const whole = data.pixelMax !== null;
    let a = this.a;
    // Back to pixels: an image set's pixels are whole numbers, recovered exactly by rounding.
    for (let k = 0; k < n; k++) {
      const v = x[offset + k] * scale[k] + mean[k];
      a[k] = whole ? Math.round(v) : v;
    }
    if (this.geometric) {
      this.sourceMap();
      resampleBilinear(a, this.b, this.channels, this.height, this.width, this.sourceX, this.sourceY);
      a = this.b;
    }
    if (spec.noise) {
      const sd = spec.noise[0] * (data.pixelMax ?? 1);
      for (let k = 0; k < n; k++) a[k] += sd * rng.normal();
    }
    if (spec.cutout) this.cutout(a, spec.cutout[0]);
    for (let k = 0; k < n; k++) x[offset + k] = (a[k] - mean[k]) / scale[k];
  }

  /** Each output pixel's source point for this example's draws (see the file's comment). */
  private sourceMap(): void {
    const { spec, rng, height: h, width: w } = this;
    let tx = 0, ty = 0, angle = 0, zoom = 1;
    if (spec.shift) {
      const k = spec.shift[0];
      tx += Math.floor(rng.uniform() * (2 * k + 1)) - k;
      ty += Math.floor(rng.uniform() * (2 * k + 1)) - k;
    }
    if (spec.subpixel) {
      const s = spec.subpixel[0];
      tx += s * (2 * rng.uniform() - 1);
      ty += s * (2 * rng.uniform() - 1);
    }
    if (spec.rotate) angle = spec.rotate[0] * DEG * (2 * rng.uniform() - 1);
    if (spec.scale) zoom = 1 + spec.scale[0] * (2 * rng.uniform() - 1);
    const elastic = spec.elastic !== undefined;
    if (elastic) elasticField(rng, spec.elastic![0], this.kernel!, h, w, this.dx, this.dy, this.tmp);
    affineSourceMap(tx, ty, angle, zoom, elastic ? this.dx : null, elastic ? this.dy : null, h, w, this.sourceX, this.sourceY);
  }

  private cutout(a: Float64Array, side: number): void {
    const { rng, channels, height: h, width: w } = this;
    const cx = Math.floor(rng.uniform() * w), cy = Math.floor(rng.uniform() * h);
    if (side === 0) return;
    const x0 = Math.max(0, cx - (side >> 1)), x1 = Math.min(w, cx - (side >> 1) + side);
    const y0 = Math.max(0, cy - (side >> 1)), y1 = Math.min(h, cy - (side >> 1) + side);
    for (let c = 0; c < channels; c++) {
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) a[c * h * w + y * w + x] = 0;
    }
  }

  /** mixup over the standardized batch (a linear mix commutes with the affine standardization). */
  private mix(x: Float32Array, labels: Int32Array): void {
    const { rng, batch, pairing } = this, n = this.data.inputWidth, classes = this.data.classes;
    const copy = this.copy!, targets = this.targets!;
    const alpha = this.spec.mixup![0];
    const lambda = sampleBeta(rng, alpha, alpha);
    for (let i = 0; i < batch; i++) pairing[i] = i;
    for (let i = batch - 1; i > 0; i--) {
      const j = Math.floor(rng.uniform() * (i + 1));
      const t = pairing[i];
      pairing[i] = pairing[j];
      pairing[j] = t;
    }
    copy.set(x);
    this.ownLabels.set(labels);
    targets.fill(0);
    for (let i = 0; i < batch; i++) {
      const j = pairing[i], own = this.ownLabels[i], other = this.ownLabels[j];
      for (let k = 0; k < n; k++) x[i * n + k] = lambda * copy[i * n + k] + (1 - lambda) * copy[j * n + k];
      targets[i * classes + own] += lambda;
      targets[i * classes + other] += 1 - lambda;
      labels[i] = lambda >= 0.5 ? own : other;
      this.partnerLabels[i] = other;
    }
    this.lambda = lambda;
  }
}

/**
 * The config's augmenter for a trainer's batch, or null without aug=. A trainer whose loss takes
 * no soft targets (softTargets false: the conv ArchTrainer's) refuses mixup by name rather than
 * training on labels that do not match its mixed images.
 */
export function createAugmenter(config: { readonly aug: string; readonly seed: number }, data: AugmentData, batch: number, options: { readonly softTargets: boolean }): Augmenter | null {
  if (config.aug === '') return null;
  const spec = augSpecOf(config.aug);
  if (!options.softTargets && spec.mixup && spec.mixup[0] > 0) throw new Error(`aug=${config.aug}: mixup mixes labels, and this trainer's loss takes hard labels only (the MLP trainer takes mixup)`);
  return new Augmenter(spec, data, batch, config.seed);
}
