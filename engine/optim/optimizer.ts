/**
 * Optimizers update parameters in place from their gradients, with all state allocated once.
 *
 * L2 weight decay and MAP. With decay wd, every WEIGHT's gradient becomes g + wd w before the
 * update; biases and batch-norm gamma and beta are not decayed (PyTorch's weight_decay decays
 * every parameter it is given; to match ours there, pass two parameter groups, the weights with
 * weight_decay=wd and the rest with 0). That is gradient descent on
 *     J(theta) = (1/B) sum_{batch} CE + (wd/2) ||W||^2,
 * whose average over mini-batches is (1/N) (-log p(D|theta)) + (wd/2) ||W||^2 for a training set
 * of N examples (the loss is a MEAN over examples). Multiplying by -N:
 *     -N J = log p(D|theta) - (N wd / 2) ||W||^2 = log p(D|theta) + log p(W) + const
 * for the Gaussian prior W ~ N(0, sigma^2 I) with sigma^2 = 1 / (N wd) (flat priors on biases,
 * gamma and beta). So minimizing J finds the MAP estimate, log p(theta|D) = log p(D|theta) +
 * log p(theta) + const, and wd = 1 / (N sigma^2): a prior standard deviation of 0.1 on 1000
 * examples is wd = 0.1. Adam adds wd w to the gradient before its scaling (PyTorch's
 * Adam(weight_decay), not AdamW), so its fixed points are the same MAP estimates.
 *
 * The prior's form (settings.prior): 'gauss' as above, R'(w) = w; 'laplace' (L1), J = mean CE +
 * wd ||W||_1, the Laplace prior p(w) = exp(-|w|/b) / (2b) with b = 1 / (N wd), subgradient
 * R'(w) = sign(w) (0 at w = 0, the subgradient of least norm); 'none', maximum likelihood.
 * Coupled (default), wd R'(w) joins the gradient before the optimizer's own arithmetic (momentum
 * accumulates it, Adam divides it by sqrt(v)). Decoupled (Loshchilov & Hutter's AdamW), each weight
 * first takes its own step w -= lr wd R'(w), then the optimizer's step on the loss's gradient
 * alone: for plain SGD the two are the same update (up to rounding), for momentum and Adam not.
 */

import type { OptimizerName } from '../contract/names.ts';

export interface Param {
  /** Readable name for messages, e.g. "layer 2 weight". */
  readonly name: string;
  readonly value: Float32Array;
  readonly grad: Float32Array;
  /** Whether L2 weight decay applies: weights yes; biases, gamma and beta no (see above). */
  readonly decay: boolean;
}

/** Hyperparameters; lr, wd, momentum, prior and decoupled may change between steps (the lab's controls). */
export interface OptimizerSettings {
  lr: number;
  wd: number;
  /** The prior whose strength wd is (see above); absent: 'gauss'. */
  prior?: 'none' | 'gauss' | 'laplace';
  /** The prior's step apart from the optimizer's (AdamW); absent: false. */
  decoupled?: boolean;
  /** SGD with momentum's mu (PyTorch's momentum, 0.9 by default). */
  momentum: number;
  /** Adam's beta1, beta2 and eps (PyTorch's defaults 0.9, 0.999, 1e-8). */
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
}

export const DEFAULT_SETTINGS: Readonly<OptimizerSettings> = { lr: 0.1, wd: 0, momentum: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8 };

export interface Optimizer {
  readonly name: OptimizerName;
  readonly params: readonly Param[];
  readonly settings: OptimizerSettings;
  /** Steps taken since creation or reset (Adam's t). */
  readonly steps: number;
  /**
   * Per parameter, from the last step, in float64: the squared norm of the update actually
   * intended (sum of (delta p)^2) and of the values before it, so ||dW|| / ||W|| is
   * sqrt(updateSq / valueSq): the update-to-weight ratio practitioners watch (~1e-3 is healthy).
   */
  readonly updateSq: Float64Array;
  readonly valueSq: Float64Array;
  /**
   * Apply one update from the current gradients. Returns the index of the first parameter with a
   * non-finite value after the update, or -1 (the caller stops training: it has diverged).
   */
  step(): number;
  /** Forget all state (momentum buffers, Adam's moments and t). */
  reset(): void;
}

/**
 * One parameter's prior terms this step: the strength added to its gradient (coupled) and the one
 * applied as a step of its own (decoupled), and whether R'(w) is sign(w) (L1) rather than w (L2).
 * Written into `out` (no allocation per step).
 */
export interface PriorTerms { coupled: number; decoupled: number; l1: boolean }

export function priorTerms(settings: OptimizerSettings, decay: boolean, out: PriorTerms): PriorTerms {
  const wd = decay && settings.prior !== 'none' ? settings.wd : 0;
  out.coupled = settings.decoupled ? 0 : wd;
  out.decoupled = settings.decoupled ? wd : 0;
  out.l1 = settings.prior === 'laplace';
  return out;
}
