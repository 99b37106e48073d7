import type { Rng } from '../rng.ts';

/**
 * A random orthogonal matrix, rows x cols, row-major, in float64 (Saxe et al. 2014; PyTorch's
 * nn.init.orthogonal_): QR of a Gaussian matrix with the signs fixed so R has a positive diagonal,
 * which makes Q Haar-distributed. Rows are orthonormal when rows <= cols, columns otherwise.
 * The QR is modified Gram-Schmidt, run twice ("twice is enough", Giraud et al. 2005), over the
 * shorter dimension's vectors stored as contiguous rows.
 */
export function randomOrthogonal(rows: number, cols: number, rng: Rng): Float64Array {
  const count = Math.min(rows, cols); // vectors to orthonormalize
  const length = Math.max(rows, cols); // their length
  const v = new Float64Array(count * length);
  for (let i = 0; i < v.length; i++) v[i] = rng.normal();
  for (let j = 0; j < count; j++) {
    const vj = j * length;
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < j; i++) {
        const vi = i * length;
        let dot = 0;
        for (let t = 0; t < length; t++) dot += v[vi + t] * v[vj + t];
        for (let t = 0; t < length; t++) v[vj + t] -= dot * v[vi + t];
      }
    }
    let norm = 0;
    for (let t = 0; t < length; t++) norm += v[vj + t] * v[vj + t];
    norm = Math.sqrt(norm);
    for (let t = 0; t < length; t++) v[vj + t] /= norm;
  }
  if (rows <= cols) return v; // the vectors are the rows
  const out = new Float64Array(rows * cols); // the vectors are the columns
  for (let j = 0; j < cols; j++) for (let t = 0; t < rows; t++) out[t * cols + j] = v[j * rows + t];
  return out;
}
