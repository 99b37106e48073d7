/**
 * The one interface every layer kind implements (ConvNetJS's layers: forward, backward,
 * getParamsAndGrads), so the network runner, the trainer, the probe and the initializers never ask
 * which kind a layer is. A layer owns its parameters; what its backward pass needs travels in its
 * own cache, allocated once per batch size. Shapes exclude the batch: [features], later [C, H, W].
 */
import type { Activation } from '../ops/activations.ts';
import type { BatchNormStats } from '../ops/batchNorm.ts';
import type { Tensor } from '../tensor.ts';

export type Shape = readonly number[];

/**
 * How batch norm runs in a forward pass:
 * - 'train': batch statistics, then the running estimates updated (PyTorch's model.train());
 * - 'batch': batch statistics, running estimates untouched (measurement passes, gradient checks);
 * - 'eval':  running estimates (PyTorch's model.eval()); the backward pass is not defined for it.
 * Layers without batch norm ignore the mode.
 */
export type ForwardMode = 'train' | 'batch' | 'eval';

/** Inputs and outputs one output unit sees: what the initializers' variance formulas divide by. */
export interface Fans {
  readonly fanIn: number;
  readonly fanOut: number;
}

/** A parameter and its gradient, named within its layer ("weight", "batch-norm gamma", "projection weight"). */
export interface LayerParam {
  readonly name: string;
  readonly value: Tensor;
  readonly grad: Tensor;
  /** Whether L2 weight decay applies: weights yes; biases, gamma and beta no. */
  readonly decay: boolean;
  /** The unit it belongs to (index in the layer's units), or -1 for the layer's own (a projection). */
  readonly unit: number;
}

/** A batch norm's parameters (gamma starts at 1, beta at 0), their gradients, and running estimates. */
export interface BatchNorm {
  readonly position: 'before' | 'after';
  readonly momentum: number;
  readonly eps: number;
  readonly gamma: Tensor;
  readonly beta: Tensor;
  readonly dGamma: Tensor;
  readonly dBeta: Tensor;
  /** Start at 0 and 1, as in PyTorch. */
  readonly runningMean: Tensor;
  readonly runningVar: Tensor;
}

/**
 * One weight map followed by an activation: what the probe, the charts and the initializers call
 * "a layer". A dense layer is one unit; a residual block is two. Weights are stored fanIn x fanOut.
 */
export interface Unit extends Fans {
  readonly activation: Activation;
  readonly weight: Tensor;
  readonly dWeight: Tensor;
  readonly bias: Tensor;
  readonly dBias: Tensor;
  readonly norm: BatchNorm | null;
}

/** The buffers the probe reads for one unit after a forward (and backward) pass. */
export interface Tap {
  /** The weight map's output x W + b. */
  readonly dense: Tensor;
  /** The activation's input and output, and their gradients (null without gradient buffers). */
  readonly pre: Tensor;
  readonly post: Tensor;
  readonly dPre: Tensor | null;
  readonly dPost: Tensor | null;
  /** The unit's output (the next unit's input) and its gradient. */
  readonly output: Tensor;
  readonly dOutput: Tensor | null;
  /** The batch statistics of the unit's batch norm, or null. */
  readonly normStats: BatchNormStats | null;
}

/** Where a cache's buffers come from; `name` is unique within the layer, so a caller may pool by it. */
export type Allocator = (shape: Shape, name: string) => Tensor;

export interface AllocateOptions {
  /** Allocate the gradient buffers. */
  readonly gradients: boolean;
  /** Room for one transposed weight, shared by every layer of a network (Layer.scratchLength). */
  readonly scratch: Float32Array;
  readonly allocate: Allocator;
}

/** Called by a composite once an inner unit's output gradient is written (auxiliary heads add theirs). */
export type UnitGradientHook = (unit: number, dOutput: Tensor) => void;

/** The cache every layer kind's own cache extends. */
export interface LayerCache {
  readonly batch: number;
  /** The tensor forward reads (bound at allocation, so an activation may read it in place). */
  readonly input: Tensor;
  readonly output: Tensor;
  /** dL/d(output), written by the layer above (or the caller); null without gradient buffers. */
  readonly dOutput: Tensor | null;
  readonly taps: readonly Tap[];
}

export interface Layer<C extends LayerCache = LayerCache> {
  readonly kind: string;
  readonly inputShape: Shape;
  readonly outputShape: Shape;
  /** The layer's units in forward order (none for a pool, a flatten, a concatenation). */
  readonly units: readonly Unit[];
  /** Floats of shared scratch its backward needs. */
  readonly scratchLength: number;
  fans(): Fans;
  /** Every parameter in a fixed order (the optimizer's and the fingerprint's). */
  params(): readonly LayerParam[];
  /** Buffers for `batch` examples read from `input`. */
  allocate(batch: number, input: Tensor, options: AllocateOptions): C;
  /** Reads input (cache.input), fills cache.output and every tap. */
  forward(cache: C, input: Tensor, mode: ForwardMode): void;
  /**
   * From dOutput (after a forward in 'train' or 'batch' mode): every parameter's gradient (summed
   * over the batch), the taps' gradients, and dL/d(input) into dInput unless it is null.
   */
  backward(cache: C, dOutput: Tensor, dInput: Tensor | null, hook?: UnitGradientHook): void;
  /**
   * dL/d(input) again, after a backward pass that had no dInput (training skips it): the backward
   * of the op that reads the input, from the gradient the last backward left at its output, with
   * the current parameters. Parameter gradients stay untouched.
   */
  inputGradient(cache: C, dInput: Tensor): void;
  /** Start as the identity where the layer has a skip (a residual branch ending at exactly zero); absent elsewhere. */
  startAsIdentity?(): void;
  /** Back to the initial state of anything that is not a parameter drawn by an initializer (batch norms). */
  resetState(): void;
}
