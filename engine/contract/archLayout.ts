/**
 * What a training snapshot of an architecture run (config.arch set) carries beyond the MLP's
 * rows: per-unit statistics of the latest training batch with the mean-field line, the first conv
 * layer's filters, the feature maps of one test image at every unit, per-channel batch-norm state
 * and, for nets with residual blocks, the stream's variance after each top-level module and each
 * block's gradient norms (the block Jacobian's measurement).
 */

/** One unit (a conv or dense weight map and its activation) of the built network, in forward order. */
export interface ArchUnitInfo {
  /** "conv 3x3 1->8 relu", "fc 16->10 linear". */
  readonly name: string;
  /** Its output per example: [C, H, W] or [features]. */
  readonly shape: readonly number[];
  /** n = fan_in = C_in/groups kh kw (dense: inputs). */
  readonly fanIn: number;
  readonly conv: boolean;
  /** The top-level module it sits in (0-based), and that module's kind ("conv", "resblock", "inception", ...). */
  readonly module: number;
  readonly moduleKind: string;
}

/**
 * Per unit, of the latest training batch: preVar and actVar (variance of the activation's input
 * and output over N, C, H, W), theory (the mean-field E[z^2] = n E[w^2] E[x^2] + E[b^2], He et
 * al. 2015, n = fan_in, from the unit's measured input), measuredSq (E[z^2] of x*W + b, what
 * theory predicts), interiorSq (the same over outputs whose window misses the zero padding; NaN
 * without padding), gradSq (E[(dL/d pre-activation)^2]), weightGradNorm (||dL/dW||), dead
 * (fraction of channels whose activation input is <= 0 everywhere; NaN for activations that
 * cannot die and for dense units).
 */
export const ARCH_UNIT_FIELDS = ['preVar', 'actVar', 'theory', 'measuredSq', 'interiorSq', 'gradSq', 'weightGradNorm', 'dead'] as const;

export const ARCH_UNIT = Object.fromEntries(ARCH_UNIT_FIELDS.map((f, i) => [f, i])) as Readonly<Record<(typeof ARCH_UNIT_FIELDS)[number], number>>;

/** A tensor as it crosses the boundary: its shape and float32 data (a copy, transferred). */
export interface PackedTensor {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** Per normalized unit: NORM_FIELDS (batchMean, batchVar, runningMean, runningVar, gamma, beta) x channels. */
export interface ArchNormState {
  readonly unit: number;
  readonly channels: number;
  readonly data: Float32Array;
}

export interface ArchState {
  readonly units: readonly ArchUnitInfo[];
  /** units x ARCH_UNIT_FIELDS, row-major. */
  readonly stats: Float64Array;
  /** The first conv unit's weights [out, in/groups, kh, kw] (PyTorch's layout), or null without a conv. */
  readonly filters: PackedTensor | null;
  /** The inspected test image (index into the test set) through the net in eval mode: each unit's activation, batch 1. */
  readonly maps: {
    readonly index: number;
    readonly label: number;
    readonly prediction: number;
    readonly probs: Float32Array;
    readonly layers: readonly PackedTensor[];
  } | null;
  readonly norms: readonly ArchNormState[];
  /**
   * Variance over N, C, H, W of each top-level module's output on the latest training batch, with
   * the module's kind: the residual stream's variance where the modules are residual blocks.
   */
  readonly stream: { readonly kinds: readonly string[]; readonly variance: Float64Array; readonly blocks: readonly ArchBlockGradient[] };
}

/**
 * A residual block's gradient norms on the latest training batch (the backward pass that step
 * made): at its input x(k), at the sum x(k) + F(x(k)) before its final activation, and at its
 * output x(k+1). gradIn / gradSum is the norm ratio across the sum, whose Jacobian is ∂F/∂x + I
 * for an identity shortcut (∂F/∂x + ∂P/∂x for a projection P); gradIn / gradOut is across the
 * whole block, the activation after the sum included.
 */
export interface ArchBlockGradient {
  /** The top-level module it is. */
  readonly module: number;
  readonly projection: boolean;
  readonly gradIn: number;
  readonly gradSum: number;
  readonly gradOut: number;
}

/** The typed arrays of an arch state (to transfer). */
export function archTransferables(a: ArchState): ArrayBuffer[] {
  const out: ArrayBufferLike[] = [a.stats.buffer, a.stream.variance.buffer];
  if (a.filters) out.push(a.filters.data.buffer);
  if (a.maps) out.push(a.maps.probs.buffer, ...a.maps.layers.map((l) => l.data.buffer));
  for (const n of a.norms) out.push(n.data.buffer);
  return out as ArrayBuffer[];
}
