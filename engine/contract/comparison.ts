/**
 * The initializer comparison as the page asks for it: the lines it draws (the lecture's lineup),
 * the per-layer numbers each line sends back, and the key that says when a comparison is stale.
 */
import type { Config } from './config.ts';

export interface ComparisonLine {
  readonly id: string;
  readonly label: string;
  readonly overrides: Partial<Pick<Config, 'init' | 'std' | 'gain' | 'const'>>;
}

/** The lecture's lineup (Glorot & Bengio 2010, He et al. 2015), plus the two exact-variance schemes. */
export const COMPARISON_LINES: readonly ComparisonLine[] = [
  { id: 'small', label: 'small N(0, 0.01²)', overrides: { init: 'normal', std: 0.01, gain: 1 } },
  { id: 'unit', label: 'N(0, 1)', overrides: { init: 'normal', std: 1, gain: 1 } },
  { id: 'standard', label: 'standard U(±1/√n)', overrides: { init: 'standard', gain: 1 } },
  { id: 'xavier', label: 'Xavier (normal)', overrides: { init: 'xavier_normal', gain: 1 } },
  { id: 'he', label: 'He (normal)', overrides: { init: 'he_normal', gain: 1 } },
  { id: 'orthogonal', label: 'orthogonal', overrides: { init: 'orthogonal', gain: 1 } },
  { id: 'lsuv', label: 'LSUV', overrides: { init: 'lsuv', gain: 1 } },
];

/**
 * The comparison's lines are measured on at most this many examples (the first of the probe's
 * batch, drawn the same way): seven lines of a 10 x 256 net on 256 examples took ~9 s to fill.
 * The panel says so.
 */
export const COMPARISON_BATCH = 64;

/** One line's per-layer second moments (each depth long): measured and predicted. */
export interface ComparisonLineResult {
  readonly preM2: Float64Array;
  readonly gradM2: Float64Array;
  readonly theoryPreM2: Float64Array;
  readonly theoryGradM2: Float64Array;
}

/**
 * The comparison depends on every key but the ones each line overrides: two configs with the same
 * key share one comparison (changing the initializer does not rerun it).
 */
export function comparisonKey(config: Config): string {
  const { init: _i, std: _s, gain: _g, const: _c, ...rest } = config;
  return JSON.stringify(rest);
}
