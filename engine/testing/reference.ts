/** Plain reference implementations the engine's faster code is checked against. */

/**
 * NumPy's default percentile ('linear', type 7 of Hyndman & Fan): sort, the q-quantile sits at
 * position q (n - 1), interpolated linearly between its two neighbours. NaN for an empty array.
 */
export function percentileLinear(values: ArrayLike<number>, q: number): number {
  const sorted = Array.from(values).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = q * (n - 1);
  const k = Math.floor(pos);
  const frac = pos - k;
  if (frac === 0 || k + 1 >= n) return sorted[k];
  return sorted[k] + frac * (sorted[k + 1] - sorted[k]);
}

/** Mean, population variance (two-pass) and mean square of the finite entries, in float64. */
export function finiteMoments(values: ArrayLike<number>): { count: number; mean: number; variance: number; m2: number } {
  let count = 0, sum = 0, sumSq = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      count++;
      sum += v;
      sumSq += v * v;
    }
  }
  const mean = sum / count;
  let dev = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) dev += (values[i] - mean) ** 2;
  return { count, mean, variance: dev / count, m2: sumSq / count };
}

/** Largest error relative to the reference tensor's RMS (its own scale): for float32 results against float64 references. */
export function scaledError(engine: ArrayLike<number>, reference: readonly number[]): number {
  let rms = 0;
  for (const v of reference) rms += v * v;
  rms = Math.sqrt(rms / reference.length) || 1;
  let worst = 0;
  for (let i = 0; i < reference.length; i++) worst = Math.max(worst, Math.abs(engine[i] - reference[i]) / rms);
  return worst;
}
