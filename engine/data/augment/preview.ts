/**
 * Keeps a copy of the first examples of each training batch after augmentation, taken back to
 * pixel units, for the page's grid (AugmentedBatchView). Buffers are allocated once; capture()
 * copies PREVIEW_EXAMPLES rows a step and allocates nothing; view() allocates the copy it posts.
 */
import { PREVIEW_EXAMPLES, type AugmentedBatchView } from '../../contract/augmentLayout.ts';
import type { Augmenter, AugmentData } from './augmenter.ts';

export class BatchPreview {
  private readonly data: AugmentData & { readonly imageShape: readonly [number, number, number]; readonly pixelMax: number };
  private readonly pixels: Float32Array;
  private readonly labels: Int32Array;
  private readonly partners: Int32Array;
  private readonly count: number;
  private readonly aug: string;
  private lambda = 1;
  private step = 0;

  constructor(data: AugmentData, batch: number, aug: string) {
    if (!data.imageShape || data.pixelMax === null) throw new Error('BatchPreview: an image set only');
    this.data = data as BatchPreview['data'];
    this.count = Math.min(batch, PREVIEW_EXAMPLES);
    this.aug = aug;
    this.pixels = new Float32Array(this.count * data.inputWidth);
    this.labels = new Int32Array(this.count);
    this.partners = new Int32Array(this.count).fill(-1);
  }

  clear(): void {
    this.step = 0;
  }

  /** The batch x (standardized, as the network saw it) of `step`, its labels, and the augmenter's mixup. */
  capture(step: number, x: Float32Array, labels: Int32Array, augmenter: Augmenter | null): void {
    const n = this.data.inputWidth, mean = this.data.inputMean, scale = this.data.inputScale;
    for (let r = 0; r < this.count; r++) {
      for (let k = 0; k < n; k++) this.pixels[r * n + k] = x[r * n + k] * scale[k] + mean[k];
    }
    const mixed = augmenter !== null && augmenter.targets !== null;
    for (let r = 0; r < this.count; r++) {
      this.labels[r] = mixed ? augmenter.ownLabels[r] : labels[r];
      this.partners[r] = mixed ? augmenter.partnerLabels[r] : -1;
    }
    this.lambda = mixed ? augmenter.lambda : 1;
    this.step = step;
  }

  /** A copy to post, or null before the first step. */
  view(): AugmentedBatchView | null {
    if (this.step === 0) return null;
    return {
      step: this.step, aug: this.aug, count: this.count, shape: this.data.imageShape, pixelMax: this.data.pixelMax,
      pixels: Float32Array.from(this.pixels), labels: Int32Array.from(this.labels), partners: Int32Array.from(this.partners), lambda: this.lambda,
    };
  }
}
