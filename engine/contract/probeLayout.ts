/**
 * The probe's packed layout: every per-layer statistic of one probe sits in one Float64Array,
 * STAT_COUNT numbers per layer, so a whole probe crosses the worker boundary as a few transfers.
 */
export const STAT_FIELDS = [
  'preMean', 'preVar', 'preM2', 'preP15', 'preP50', 'preP85', 'preMin', 'preMax',
  'actMean', 'actVar', 'actM2', 'actP15', 'actP50', 'actP85', 'actMin', 'actMax',
  /** Fraction of activation values within 0.01 of an asymptote (tanh, sigmoid); NaN elsewhere. */
  'saturated',
  /** Fraction of units whose pre-activation is <= 0 for the whole batch (ReLU family); NaN elsewhere. */
  'dead',
  /** Gradient with respect to the pre-activations: mean square over batch x units, and L2 norm. */
  'gradM2', 'gradNorm',
  /** Gradient with respect to the activations (before the activation's derivative). */
  'actGradM2',
  'weightNorm', 'weightGradNorm', 'weightGradRatio',
  'nonFinitePre', 'nonFiniteAct', 'nonFiniteGrad', 'nonFiniteWeightGrad',
  'theoryPreM2', 'theoryActM2', 'theoryGradM2',
  // Residual connections, appended so older field indices keep their meaning.
  /** E[x^2] of the residual stream at a block's output, on the layer that ends the block; NaN elsewhere and in plain nets. */
  'streamM2',
  /** Its mean-field prediction (engine/residualTheory.ts); NaN where there is none (and in training). */
  'theoryStreamM2',
  /**
   * ||dx_{k+1}/dx_k|| across a block (residual nets) or a pair of layers (plain nets: layers 1-2,
   * 3-4, ...), on the layer that ends it, estimated by the ratio of gradient norms
   * ||dL/dx_k|| / ||dL/dx_{k+1}|| over the batch with the backward pass's own gradient: the RMS gain
   * sqrt(sum_b |J_b^T g_b|^2 / sum_b |g_b|^2), close to the Jacobian's normalized Frobenius norm
   * ||J||_F / sqrt(n) for an isotropic g (not its spectral norm). NaN on other layers. An
   * auxiliary head reading x_k adds its own gradient to dL/dx_k.
   */
  'blockJacobian',
] as const;
export type StatField = (typeof STAT_FIELDS)[number];
export const STAT_COUNT = STAT_FIELDS.length;
export const STAT: Readonly<Record<StatField, number>> = Object.fromEntries(
  STAT_FIELDS.map((f, i) => [f, i]),
) as Record<StatField, number>;

/** Histogram bins per layer; each histogram spans that layer's finite [min, max]. */
export const HIST_BINS = 40;

export interface ProbeData {
  readonly depth: number;
  readonly widths: Int32Array;
  /** depth x STAT_COUNT, layer-major. */
  readonly stats: Float64Array;
  /** depth x HIST_BINS counts of pre-activations and activations. */
  readonly preHist: Float32Array;
  readonly actHist: Float32Array;
  /** First layer (1-based) whose forward values were not all finite, or 0. */
  readonly forwardOverflowLayer: number;
  /** Deepest layer (1-based) whose gradient was not all finite, or 0 (gradients flow top-down). */
  readonly backwardOverflowLayer: number;
  /**
   * The theory's Var[w] of a hidden layer of n = width inputs under the config's initializer, and its
   * exact activation factor rho = E[phi(h)^2] / E[h^2] (linear, ReLU, leaky ReLU without bias): what
   * the formula card writes out. NaN where there is none (zeros, constant, LSUV; other activations;
   * training probes). Not part of the result fingerprint (they follow from the config).
   */
  theoryWeightVar: number;
  theoryActFactor: number;
}

export function stat(probe: ProbeData, layer: number, field: StatField): number {
  return probe.stats[layer * STAT_COUNT + STAT[field]];
}

/** The typed arrays to transfer when posting a probe. */
export function probeTransferables(probe: ProbeData): ArrayBuffer[] {
  return [probe.widths.buffer, probe.stats.buffer, probe.preHist.buffer, probe.actHist.buffer] as ArrayBuffer[];
}
