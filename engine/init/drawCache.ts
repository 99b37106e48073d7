/**
 * The raw weight draws of the newest network, kept between probes. Moving the gain (or switching
 * between initializers of one family, Xavier and He uniform, say) changes only how the draws are
 * scaled, so the next probe skips the random stream: for a 50 x 256 net that was 3.3 million draws,
 * most of a preview's time. Extending or shortening the stack keeps the layers it shares.
 *
 * Only the draws are cached, never a scaled weight, and scaleDraws turns them into the weight bit
 * for bit as drawing afresh would, so a cached probe is the same probe (tested).
 */
import { createRng, type Rng } from '../rng.ts';
import { drawWeights, type DrawFamily } from './initializers.ts';

/** Most draws kept (float64: 64 MB); a bigger network draws afresh each time. */
export const DRAW_CACHE_LIMIT = 8_000_000;

interface Entry {
  readonly seed: number;
  readonly family: DrawFamily;
  /** Each cached layer's fanIn x fanOut, and its draws, in stream order. */
  readonly shapes: string[];
  readonly draws: Float64Array[];
  /** The stream, positioned after the last cached layer. */
  readonly rng: Rng;
  size: number;
}

let entry: Entry | null = null;

/**
 * The draws of each [fanIn, fanOut] weight drawn in order from the stream `createRng(seed)`, from
 * the cache where the newest request shared a prefix of layers with this one.
 */
export function cachedDraws(seed: number, family: DrawFamily, shapes: readonly (readonly [number, number])[]): Float64Array[] {
  const keys = shapes.map(([fanIn, fanOut]) => `${fanIn}x${fanOut}`);
  const total = shapes.reduce((sum, [fanIn, fanOut]) => sum + fanIn * fanOut, 0);
  if (total > DRAW_CACHE_LIMIT) {
    entry = null; // let the old draws go too
    return freshDraws(seed, family, shapes);
  }
  let shared = 0;
  if (entry !== null && entry.seed === seed && entry.family === family) {
    while (shared < keys.length && shared < entry.shapes.length && keys[shared] === entry.shapes[shared]) shared++;
  }
  // The stream can go on only from the end of what is cached: a request that departs earlier starts over.
  if (entry === null || shared === 0 || (shared < entry.shapes.length && shared < keys.length)) {
    entry = { seed, family, shapes: [], draws: [], rng: createRng(seed), size: 0 };
    shared = 0;
  }
  const cache = entry;
  for (let l = cache.shapes.length; l < keys.length; l++) {
    const [fanIn, fanOut] = shapes[l];
    cache.draws.push(drawWeights(family, fanIn, fanOut, cache.rng));
    cache.shapes.push(keys[l]);
    cache.size += fanIn * fanOut;
  }
  if (cache.size > DRAW_CACHE_LIMIT) entry = null; // served once, not kept
  return cache.draws.slice(0, keys.length);
}

/** The same draws, drawn afresh and not kept (background work that should not displace the newest config's). */
export function freshDraws(seed: number, family: DrawFamily, shapes: readonly (readonly [number, number])[]): Float64Array[] {
  const rng = createRng(seed);
  return shapes.map(([fanIn, fanOut]) => drawWeights(family, fanIn, fanOut, rng));
}

/** Forget the cached draws (tests; memory pressure). */
export function clearDrawCache(): void {
  entry = null;
}
