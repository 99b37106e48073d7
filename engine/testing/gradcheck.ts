/**
 * Central-difference gradient checks for float32 ops.
 *
 * The scalar checked is L = sum_i out_i R_i with a fixed random R, accumulated in float64, so the
 * analytic gradient of L with respect to the op's input is the op's backward applied to R.
 * Each input entry x is perturbed in place to fround(x + eps) and fround(x - eps) and the
 * numeric derivative is (L+ - L-) / (x+ - x-), divided by the step actually stored (float32
 * rounds x +- eps), not by 2 eps.
 *
 * Error budget of the numeric derivative (u = 2^-24, float32's unit roundoff):
 * - truncation: eps^2 |L'''| / 6; zero for ops that are linear in the entry (dense, MSE, ReLU away
 *   from its kink), ~1.7e-5 |L'''| at eps = 1e-2;
 * - rounding: every output is stored in float32 after K roundings ("roundingsPerOutput"), so L
 *   carries an error up to K u S with S = sum |out_i R_i|; the difference quotient turns it into
 *   up to 2 K u S / (2 eps). Outputs the perturbation does not touch are recomputed bit for bit
 *   and cancel exactly, so this bound (over all outputs) is conservative.
 * With |L'''| ~ 1 and K u S ~ 1e-7 both terms are ~1e-5 at eps = 1e-2 (the optimum eps is
 * (3 K u S)^(1/3) ~ 7e-3); eps = 1e-3 would make rounding dominate at ~1e-4.
 * Where the derivative itself is near zero (a relative error is meaningless there), the caller
 * gives an absolute truncation bound, eps^2 sup|L'''| / 6. An entry passes when
 * |a - n| <= tolerance * max(|a|, |n|) or |a - n| <= rounding bound + truncation bound,
 * i.e. relativeError(a, n, floor) <= tolerance with floor = (rounding + truncation) / tolerance.
 */

/** Float32's unit roundoff: relative error of one rounding to float32. */
export const FLOAT32_UNIT_ROUNDOFF = 2 ** -24;

export interface GradCheckOptions {
  /** Perturbation added to and subtracted from each entry. */
  readonly eps: number;
  /** Largest accepted |a - n| / max(|a|, |n|, floor). */
  readonly tolerance: number;
  /** Float32 roundings an output goes through (sets the rounding floor); 1 for an element-wise op. */
  readonly roundingsPerOutput: number;
  /** Absolute bound on the truncation error, eps^2 sup|L'''| / 6 (default 0: L linear in the entry). */
  readonly truncation?: number;
  /** Check only these entries (default: all). */
  readonly indices?: readonly number[];
}

export interface GradCheckEntry {
  readonly index: number;
  readonly analytic: number;
  readonly numeric: number;
  readonly relativeError: number;
}

export interface GradCheckResult {
  readonly checked: number;
  /** The entry with the largest relative error. */
  readonly worst: GradCheckEntry;
  /** Entries over the tolerance, for a readable failure message. */
  readonly failures: readonly GradCheckEntry[];
}

/** |a - n| / max(|a|, |n|, floor): relative where the gradient is large, absolute near zero. */
export function relativeError(analytic: number, numeric: number, floor: number): number {
  const diff = Math.abs(analytic - numeric);
  if (diff === 0) return 0;
  return diff / Math.max(Math.abs(analytic), Math.abs(numeric), floor);
}

/** sum_i out_i r_i and sum_i |out_i r_i|, in float64. */
export function weightedSum(out: ArrayLike<number>, r: ArrayLike<number>): { value: number; magnitude: number } {
  if (out.length !== r.length) throw new Error(`weightedSum: ${out.length} outputs, ${r.length} weights`);
  let value = 0;
  let magnitude = 0;
  for (let i = 0; i < out.length; i++) {
    const p = out[i] * r[i];
    value += p;
    magnitude += Math.abs(p);
  }
  return { value, magnitude };
}

/**
 * Compare analytic dL/dparam with central differences of L = sum(evaluate() * r).
 * evaluate() recomputes the op's output from the current contents of param (which this function
 * perturbs in place and restores bit for bit) and returns it.
 */
export function checkGradient(
  param: Float32Array,
  analytic: ArrayLike<number>,
  evaluate: () => ArrayLike<number>,
  r: ArrayLike<number>,
  options: GradCheckOptions,
): GradCheckResult {
  if (analytic.length !== param.length) {
    throw new Error(`checkGradient: ${analytic.length} analytic values for ${param.length} entries`);
  }
  const { eps, tolerance, roundingsPerOutput } = options;
  const truncation = options.truncation ?? 0;
  const indices = options.indices ?? Array.from({ length: param.length }, (_, i) => i);
  const failures: GradCheckEntry[] = [];
  let worst: GradCheckEntry = { index: -1, analytic: NaN, numeric: NaN, relativeError: -1 };
  for (const i of indices) {
    const original = param[i];
    param[i] = original + eps;
    const up = param[i];
    const plus = weightedSum(evaluate(), r);
    param[i] = original - eps;
    const down = param[i];
    const minus = weightedSum(evaluate(), r);
    param[i] = original;
    const step = up - down;
    const numeric = (plus.value - minus.value) / step;
    const roundingBound = (roundingsPerOutput * FLOAT32_UNIT_ROUNDOFF * Math.max(plus.magnitude, minus.magnitude) * 2) / step;
    const a = analytic[i];
    const entry: GradCheckEntry = { index: i, analytic: a, numeric, relativeError: relativeError(a, numeric, (roundingBound + truncation) / tolerance) };
    if (!(entry.relativeError <= tolerance)) failures.push(entry);
    if (!(entry.relativeError <= worst.relativeError)) worst = entry;
  }
  evaluate(); // leave the op's output as it was before the check
  return { checked: indices.length, worst, failures };
}
