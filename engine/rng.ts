import * as P from './math/portable.ts';
/**
 * Seeded randomness for the whole engine. One generator object is passed explicitly;
 * Math.random never appears in engine/.
 *
 * Algorithm: xoshiro128** 1.1 (Blackman & Vigna, 2018), a 32-bit generator with period 2^128 - 1,
 * its state filled from the seed by SplitMix32. It uses only 32-bit integer operations
 * (Math.imul, shifts, xor), so it gives the same bits in every JavaScript engine.
 * Normals come from Marsaglia's polar method, which needs only log (math/portable.ts,
 * plain IEEE arithmetic) and Math.sqrt (exact in IEEE 754): bit-identical in Node and Chromium.
 */
export interface Rng {
  /** Next raw 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform on the open interval (0, 1), 32 bits of resolution. */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
}

function splitMix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

const TWO_POW_MINUS_32 = 1 / 4294967296;

export function createRng(seed: number): Rng {
  const mix = splitMix32(seed);
  let s0 = mix();
  let s1 = mix();
  let s2 = mix();
  let s3 = mix();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1; // the all-zero state is the one fixed point
  let spare = 0;
  let hasSpare = false;

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };

  // (k + 0.5) / 2^32: never exactly 0 or 1, so log(u) is always finite.
  const uniform = (): number => (nextUint32() + 0.5) * TWO_POW_MINUS_32;

  const normal = (): number => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * uniform() - 1;
      v = 2 * uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * P.log(s)) / s);
    spare = v * factor;
    hasSpare = true;
    return u * factor;
  };

  return { nextUint32, uniform, normal };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Derive an independent stream for a named purpose (weights, input, top gradient) from one seed. */
export function deriveSeed(seed: number, stream: number): number {
  const mix = splitMix32((seed ^ Math.imul(stream + 1, 0x27d4eb2d)) >>> 0);
  mix();
  return mix();
}
