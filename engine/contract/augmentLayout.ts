/**
 * The augmented training batch as the worker posts it (TrainSnapshot.augmented): the first few
 * examples of the batch the network just trained on, after augmentation, in pixel units, so the
 * page can draw them as a grid that changes with every step.
 */

/** Examples of the batch sent to the page (at most). */
export const PREVIEW_EXAMPLES = 16;

export interface AugmentedBatchView {
  /** The step that trained on this batch (1 for the first). */
  readonly step: number;
  /** The run's aug value ('' for none: the plain batch). */
  readonly aug: string;
  readonly count: number;
  /** [channels, height, width] of one example. */
  readonly shape: readonly [number, number, number];
  /** The data set's brightest pixel value (digits 16, the 28x28 sets 255): 0..pixelMax is black to white. */
  readonly pixelMax: number;
  /** count x channels x height x width pixel values (noise can take them past 0..pixelMax). */
  readonly pixels: Float32Array;
  /** Each example's own label. */
  readonly labels: Int32Array;
  /** With mixup: the label of the example mixed in, else -1. */
  readonly partners: Int32Array;
  /** With mixup: the weight of each example's own image and label (1 - lambda goes to its partner); 1 without. */
  readonly lambda: number;
}
