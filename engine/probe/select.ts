/** In-place selection (Hoare/Wirth): afterwards a[k] is the k-th smallest of a[lo..hi], with
 * everything left of k <= a[k] <= everything right of it. Expected O(n). No NaN allowed. */
export function selectInPlace(a: Float32Array, lo: number, hi: number, k: number): void {
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    // Median of three as the pivot guards against sorted runs.
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function swap(a: Float32Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * Percentiles of a[0..n) with linear interpolation between order statistics (NumPy's default):
 * the q-quantile sits at position q (n - 1). qs must ascend. Reorders a.
 */
export function percentilesInPlace(a: Float32Array, n: number, qs: readonly number[], out: number[]): void {
  let lo = 0;
  for (let t = 0; t < qs.length; t++) {
    if (n === 0) {
      out[t] = NaN;
      continue;
    }
    const pos = qs[t] * (n - 1);
    const k = Math.floor(pos);
    const frac = pos - k;
    selectInPlace(a, lo, n - 1, k);
    let value = a[k];
    if (frac > 0 && k + 1 < n) {
      let next = Infinity;
      for (let i = k + 1; i < n; i++) if (a[i] < next) next = a[i];
      value += frac * (next - value);
    }
    out[t] = value;
    lo = k;
  }
}
