import { createRng, type Rng } from '../rng.ts';
import { tensorFrom, type Tensor } from '../tensor.ts';

/** A tensor of N(0, scale^2) entries drawn from rng. */
export function normalTensor(rng: Rng, shape: readonly number[], scale = 1): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tensorFrom(shape, Array.from({ length: n }, () => scale * rng.normal()));
}

/**
 * N(0, scale^2) entries redrawn until |x| >= margin: points at least margin away from a kink at 0,
 * so a central difference of half-width eps < margin never straddles it.
 */
export function normalTensorAwayFromZero(rng: Rng, shape: readonly number[], scale: number, margin: number): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    do v = Math.fround(scale * rng.normal());
    while (Math.abs(v) < margin);
    values[i] = v;
  }
  return tensorFrom(shape, values);
}

/** A seeded N(0, 1) vector (the fixed random weights R of a gradient check's L = sum(out * R)). */
export function fixedWeights(seed: number, n: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => rng.normal());
}

/**
 * Same number, where NaN equals NaN and +0 equals -0 (float32 storage does not preserve the
 * sign of an underflowed zero in a way any caller relies on); otherwise |a - e| <= absTol + relTol |e|.
 */
export function sameNumber(actual: number, expected: number, relTol = 0, absTol = 0): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  if (!Number.isFinite(actual)) return false;
  return Math.abs(actual - expected) <= absTol + relTol * Math.abs(expected);
}
