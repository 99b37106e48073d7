/**
 * Greedy layer-wise pretraining as it crosses the worker boundary: what the page needs to draw
 * its progress layer by layer, the reconstructions, and the per-layer probes before and after it.
 * The engine's side is engine/pretrain/.
 */
import type { ProbeData } from './probeLayout.ts';
import type { SeriesChunk } from './series.ts';

/** none: no pretraining; ae: each hidden layer as a plain autoencoder; dae: as a denoising one (masking noise). */
export const PRETRAIN_MODES = ['none', 'ae', 'dae'] as const;
export type PretrainMode = (typeof PRETRAIN_MODES)[number];

/**
 * Each layer's decoder and loss, chosen by the range of the input it reconstructs: 'sigmoid' (a
 * sigmoid decoder and the Bernoulli cross-entropy) for inputs in [0, 1], the codes of a sigmoid
 * layer; 'linear' (a linear decoder and the squared error) otherwise (standardized pixels, tanh
 * or ReLU codes).
 */
export type DecoderKind = 'sigmoid' | 'linear';

/** Columns of a layer's loss curve: the step within the layer (1-based) and that step's reconstruction loss. */
export const PRETRAIN_LOSS_FIELDS = ['step', 'loss'] as const;

/** Test inputs shown with their reconstructions (image data). */
export const RECONSTRUCTION_COUNT = 8;

export interface Reconstructions {
  /**
   * The deepest hidden layer (0-based) decoded: every layer up to the one last trained. Layer k's
   * reconstruction is its code decoded down through the decoders of layers k, k-1, ..., 1.
   */
  readonly layer: number;
  /** Examples shown. */
  readonly count: number;
  /** Pixel values (before standardization), count x inputWidth: the test inputs. */
  readonly inputs: Float32Array;
  /** Their reconstructions from layer 1, then layer 2, ... up to `layer`: (layer + 1) x count x inputWidth. */
  readonly decoded: Float32Array;
}

export interface PretrainView {
  readonly mode: Exclude<PretrainMode, 'none'>;
  /** Hidden layers pretrained, in turn (all of them). */
  readonly layers: number;
  readonly stepsPerLayer: number;
  /** The layer (0-based) being trained; equal to `layers` once pretraining is over. */
  readonly layer: number;
  /** Steps taken on `layer` (0 once over). */
  readonly stepInLayer: number;
  /** Pretraining steps taken in all (layers x stepsPerLayer once over). */
  readonly stepsDone: number;
  readonly decoders: readonly DecoderKind[];
  /** Per layer, its loss curve so far (PRETRAIN_LOSS_FIELDS per row, thinned when long). */
  readonly losses: readonly SeriesChunk[];
  /** Per layer, the mean loss over its first and its latest steps (NaN before any). */
  readonly firstLoss: Float64Array;
  readonly lastLoss: Float64Array;
  /** Image data: test inputs and the reconstructions of the layer last trained; null for 2D points or before any step. */
  readonly reconstructions: Reconstructions | null;
  /**
   * The per-layer probe of the supervised objective on the first training batch (as at step 0)
   * with the initial weights, and with the pretrained ones once pretraining is over (else null).
   * Sent on the first snapshot after a (re)build and when pretraining ends; null on the others.
   */
  readonly before: ProbeData | null;
  readonly after: ProbeData | null;
}

/** Pretraining steps a config asks for in all: every hidden layer, ptsteps each. */
export function pretrainStepsOf(config: { readonly pretrain: PretrainMode; readonly depth: number; readonly ptsteps: number }): number {
  return config.pretrain === 'none' ? 0 : config.depth * config.ptsteps;
}
