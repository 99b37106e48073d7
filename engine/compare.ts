/**
 * The same network under several initializers at once: "small random vs N(0, 1) vs standard vs
 * Xavier vs He" as one picture. Each line reruns the experiment with a few keys overridden and
 * keeps only the second moments, measured and predicted, per layer.
 */
import type { Config } from './config.ts';
import { drain, forwardAndBackwardSlices, theoryOf } from './experiment.ts';
import { squaredNorm } from './probe/summarize.ts';

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

/** One line's per-layer second moments (each depth long): measured and predicted. */
export interface ComparisonLineResult {
  readonly preM2: Float64Array;
  readonly gradM2: Float64Array;
  readonly theoryPreM2: Float64Array;
  readonly theoryGradM2: Float64Array;
}

/** Mean square of the entries: Infinity if any overflowed (so charts mark it), NaN if empty. */
function meanSquare(x: Float32Array): number {
  const { sumSq, nonFinite } = squaredNorm(x);
  if (nonFinite > 0) return Infinity;
  return x.length > 0 ? sumSq / x.length : NaN;
}

/**
 * The comparison depends on every key but the ones each line overrides: two configs with the same
 * key share one comparison (changing the initializer does not rerun it).
 */
export function comparisonKey(config: Config): string {
  const { init: _i, std: _s, gain: _g, const: _c, ...rest } = config;
  return JSON.stringify(rest);
}

/** Run one line: the base config with the line's overrides, forward and backward, second moments only. */
export function runComparisonLine(base: Config, line: ComparisonLine): ComparisonLineResult {
  return drain(comparisonLineSlices(base, line));
}

/** runComparisonLine in slices, one per layer's forward or backward (see forwardAndBackwardSlices). */
export function* comparisonLineSlices(base: Config, line: ComparisonLine): Generator<void, ComparisonLineResult, void> {
  const depth = base.depth;
  const config = { ...base, ...line.overrides } as Config;
  // The top gradient depends on the seed alone. Background work: the newest config keeps its cached draws.
  const { net, cache } = yield* forwardAndBackwardSlices(config, { keepDraws: false });
  const theory = theoryOf(config, net.inputWidth);
  const preM2 = new Float64Array(depth);
  const gradM2 = new Float64Array(depth);
  for (let l = 0; l < depth; l++) {
    preM2[l] = meanSquare(cache.taps[l].pre.data);
    gradM2[l] = meanSquare(cache.taps[l].dPre!.data);
  }
  return { preM2, gradM2, theoryPreM2: theory.preM2, theoryGradM2: theory.gradM2 };
}

export function comparisonTransferables(c: ComparisonLineResult): ArrayBuffer[] {
  return [c.preM2.buffer, c.gradM2.buffer, c.theoryPreM2.buffer, c.theoryGradM2.buffer] as ArrayBuffer[];
}
