/**
 * Register-tiled float32 matrix products (row-major). Each kernel holds a 4 x 4 tile of the
 * left operand (4 output rows x 4 k-steps) in locals and streams contiguous rows of the right
 * operand and the output, which is what lets scalar JavaScript reach ~5 GFLOP/s
 * (see shared/PERFORMANCE.md). Every kernel sees only Float32Array, so V8 keeps it monomorphic.
 * Sums of four products are formed in float64 and rounded once when stored.
 */

/** c[m,n] (+)= a[m,k] * b[k,n] */
export function matmulAB(
  a: Float32Array, b: Float32Array, c: Float32Array,
  m: number, k: number, n: number, accumulate = false,
): void {
  if (!accumulate) c.fill(0, 0, m * n);
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const c0 = i * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
    const a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
    let p = 0;
    for (; p + 4 <= k; p += 4) {
      const x00 = a[a0 + p], x01 = a[a0 + p + 1], x02 = a[a0 + p + 2], x03 = a[a0 + p + 3];
      const x10 = a[a1 + p], x11 = a[a1 + p + 1], x12 = a[a1 + p + 2], x13 = a[a1 + p + 3];
      const x20 = a[a2 + p], x21 = a[a2 + p + 1], x22 = a[a2 + p + 2], x23 = a[a2 + p + 3];
      const x30 = a[a3 + p], x31 = a[a3 + p + 1], x32 = a[a3 + p + 2], x33 = a[a3 + p + 3];
      const b0 = p * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
      for (let j = 0; j < n; j++) {
        const y0 = b[b0 + j], y1 = b[b1 + j], y2 = b[b2 + j], y3 = b[b3 + j];
        c[c0 + j] += x00 * y0 + x01 * y1 + x02 * y2 + x03 * y3;
        c[c1 + j] += x10 * y0 + x11 * y1 + x12 * y2 + x13 * y3;
        c[c2 + j] += x20 * y0 + x21 * y1 + x22 * y2 + x23 * y3;
        c[c3 + j] += x30 * y0 + x31 * y1 + x32 * y2 + x33 * y3;
      }
    }
    for (; p < k; p++) {
      const x0 = a[a0 + p], x1 = a[a1 + p], x2 = a[a2 + p], x3 = a[a3 + p];
      const bp = p * n;
      for (let j = 0; j < n; j++) {
        const y = b[bp + j];
        c[c0 + j] += x0 * y;
        c[c1 + j] += x1 * y;
        c[c2 + j] += x2 * y;
        c[c3 + j] += x3 * y;
      }
    }
  }
  for (; i < m; i++) {
    const ci = i * n, ai = i * k;
    let p = 0;
    for (; p + 4 <= k; p += 4) {
      const x0 = a[ai + p], x1 = a[ai + p + 1], x2 = a[ai + p + 2], x3 = a[ai + p + 3];
      const b0 = p * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
      for (let j = 0; j < n; j++) {
        c[ci + j] += x0 * b[b0 + j] + x1 * b[b1 + j] + x2 * b[b2 + j] + x3 * b[b3 + j];
      }
    }
    for (; p < k; p++) {
      const x = a[ai + p], bp = p * n;
      for (let j = 0; j < n; j++) c[ci + j] += x * b[bp + j];
    }
  }
}

/** c[m,n] (+)= a[k,m]^T * b[k,n]  (the weight-gradient form X^T dY) */
export function matmulATB(
  a: Float32Array, b: Float32Array, c: Float32Array,
  m: number, k: number, n: number, accumulate = false,
): void {
  if (!accumulate) c.fill(0, 0, m * n);
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const c0 = i * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
    let p = 0;
    for (; p + 4 <= k; p += 4) {
      const r0 = p * m + i, r1 = r0 + m, r2 = r1 + m, r3 = r2 + m;
      const x00 = a[r0], x01 = a[r1], x02 = a[r2], x03 = a[r3];
      const x10 = a[r0 + 1], x11 = a[r1 + 1], x12 = a[r2 + 1], x13 = a[r3 + 1];
      const x20 = a[r0 + 2], x21 = a[r1 + 2], x22 = a[r2 + 2], x23 = a[r3 + 2];
      const x30 = a[r0 + 3], x31 = a[r1 + 3], x32 = a[r2 + 3], x33 = a[r3 + 3];
      const b0 = p * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
      for (let j = 0; j < n; j++) {
        const y0 = b[b0 + j], y1 = b[b1 + j], y2 = b[b2 + j], y3 = b[b3 + j];
        c[c0 + j] += x00 * y0 + x01 * y1 + x02 * y2 + x03 * y3;
        c[c1 + j] += x10 * y0 + x11 * y1 + x12 * y2 + x13 * y3;
        c[c2 + j] += x20 * y0 + x21 * y1 + x22 * y2 + x23 * y3;
        c[c3 + j] += x30 * y0 + x31 * y1 + x32 * y2 + x33 * y3;
      }
    }
    for (; p < k; p++) {
      const r = p * m + i;
      const x0 = a[r], x1 = a[r + 1], x2 = a[r + 2], x3 = a[r + 3];
      const bp = p * n;
      for (let j = 0; j < n; j++) {
        const y = b[bp + j];
        c[c0 + j] += x0 * y;
        c[c1 + j] += x1 * y;
        c[c2 + j] += x2 * y;
        c[c3 + j] += x3 * y;
      }
    }
  }
  for (; i < m; i++) {
    const ci = i * n;
    for (let p = 0; p < k; p++) {
      const x = a[p * m + i], bp = p * n;
      for (let j = 0; j < n; j++) c[ci + j] += x * b[bp + j];
    }
  }
}

/** out[cols,rows] = in[rows,cols]^T, blocked for cache friendliness. */
export function transpose(src: Float32Array, dst: Float32Array, rows: number, cols: number): void {
  const B = 32;
  for (let r0 = 0; r0 < rows; r0 += B) {
    const r1 = Math.min(rows, r0 + B);
    for (let c0 = 0; c0 < cols; c0 += B) {
      const c1 = Math.min(cols, c0 + B);
      for (let r = r0; r < r1; r++) {
        const row = r * cols;
        for (let c = c0; c < c1; c++) dst[c * rows + r] = src[row + c];
      }
    }
  }
}

/**
 * c[m,n] = a[m,k] * b[n,k]^T  (the input-gradient form dY W^T). b is transposed into the
 * caller's scratch (n*k floats, O(nk) against the product's O(mnk)), then streamed by matmulAB.
 */
export function matmulABT(
  a: Float32Array, b: Float32Array, c: Float32Array,
  m: number, k: number, n: number, scratch: Float32Array,
): void {
  if (scratch.length < n * k) throw new Error(`matmulABT: scratch holds ${scratch.length}, needs ${n * k}`);
  transpose(b, scratch, n, k);
  matmulAB(a, scratch, c, m, k, n);
}
