/**
 * The same network under several initializers at once: "small random vs N(0, 1) vs standard vs
 * Xavier vs He" as one picture. Each line reruns the experiment with a few keys overridden and
 * keeps only the second moments, measured and predicted, per layer.
 */
import type { Config } from './contract/config.ts';
import { drain, forwardAndBackwardSlices, theoryOf } from './experiment.ts';
import { squaredNorm } from './probe/summarize.ts';
import { COMPARISON_BATCH, type ComparisonLine, type ComparisonLineResult } from './contract/comparison.ts';
import { freshDraws } from './init/drawCache.ts';
import type { DrawFamily } from './init/initializers.ts';

/** Mean square of the entries: Infinity if any overflowed (so charts mark it), NaN if empty. */
function meanSquare(x: Float32Array): number {
  const { sumSq, nonFinite } = squaredNorm(x);
  if (nonFinite > 0) return Infinity;
  return x.length > 0 ? sumSq / x.length : NaN;
}

/**
 * The comparison's own weight draws, shared by its lines: the four Gaussian lines scale one set of
 * N(0, 1) draws, LSUV starts from the orthogonal line's matrices (the QR behind them was ~0.7 s of
 * the ~9 s the seven lines took for the default 10 x 256 net), and moving a key the draws do not
 * depend on (activation, bias, input) keeps them. Scaling never writes to a draw, so each line's
 * weights are those a fresh draw gives, bit for bit. Kept for one seed and one set of shapes.
 */
const sharedDraws = new Map<string, Float64Array[]>();

function comparisonDraws(seed: number, family: DrawFamily, shapes: readonly (readonly [number, number])[]): Float64Array[] {
  const shape = shapes.map(([fanIn, fanOut]) => `${fanIn}x${fanOut}`).join(',');
  const key = `${seed}|${family}|${shape}`;
  let draws = sharedDraws.get(key);
  if (!draws) {
    for (const old of sharedDraws.keys()) if (!old.startsWith(`${seed}|`) || !old.endsWith(`|${shape}`)) sharedDraws.delete(old);
    draws = freshDraws(seed, family, shapes);
    sharedDraws.set(key, draws);
  }
  return draws;
}

/** Run one line: the base config with the line's overrides, forward and backward, second moments only. */
export function runComparisonLine(base: Config, line: ComparisonLine): ComparisonLineResult {
  return drain(comparisonLineSlices(base, line));
}

/** runComparisonLine in slices, one per layer's forward or backward (see forwardAndBackwardSlices). */
export function* comparisonLineSlices(base: Config, line: ComparisonLine): Generator<void, ComparisonLineResult, void> {
  const depth = base.depth;
  const config = { ...base, ...line.overrides, batch: Math.min(base.batch, COMPARISON_BATCH) } as Config;
  // The top gradient depends on the seed alone. Background work: the newest config keeps its cached draws.
  const { net, cache } = yield* forwardAndBackwardSlices(config, { keepDraws: false, draws: comparisonDraws });
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
