import { createContext } from 'react';

/**
 * The steps axis of every chart over training steps, one choice for all (the view state): linear
 * or log (a fast run's learning is in the first pixel column of a linear axis), and optionally
 * only the last N steps.
 */
export interface StepAxis {
  readonly scale: 'linear' | 'log';
  /** Show only the last this many steps; null: all. */
  readonly last: number | null;
}

export const DEFAULT_STEP_AXIS: StepAxis = { scale: 'linear', last: null };

export const StepAxisContext = createContext<StepAxis>(DEFAULT_STEP_AXIS);

/** The x domain for steps up to `end`: [0, end], or its last `last` steps. */
export function stepDomain(end: number, axis: StepAxis): [number, number] {
  const hi = Math.max(1, end);
  return axis.last !== null && hi > axis.last ? [hi - axis.last, hi] : [0, hi];
}
