/** Small loops shared by training and evaluation. */

/** Examples whose largest probability is at their label (the first of equal maxima wins). */
export function countCorrect(probs: Float32Array, labels: Int32Array, classes: number): number {
  let correct = 0;
  for (let r = 0; r < labels.length; r++) {
    const row = r * classes;
    let best = 0;
    for (let c = 1; c < classes; c++) if (probs[row + c] > probs[row + best]) best = c;
    correct += +(best === labels[r]);
  }
  return correct;
}

/** dst row dstRow = src row srcRow (width numbers each); a loop, where subarray would allocate a view. */
export function copyRow(src: Float32Array, srcRow: number, dst: Float32Array, dstRow: number, width: number): void {
  const from = srcRow * width, to = dstRow * width;
  for (let j = 0; j < width; j++) dst[to + j] = src[from + j];
}

/** Population variance in float64 (one pass: the activations' |mean| / sd is modest). NaN if any is not finite. */
export function variance(x: Float32Array): number {
  let s = 0, s2 = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    s += v;
    s2 += v * v;
  }
  const mean = s / x.length;
  const v = s2 / x.length - mean * mean;
  return v < 0 ? 0 : v; // rounding can leave a tiny negative; NaN passes through
}

export function sumOfSquares(x: Float32Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return s;
}
