/**
 * Float32 matrix products (row-major) for the dense layers: scalar JavaScript over typed arrays.
 *
 * All three products run through one streaming kernel. For a block of 8 output rows it holds an
 * 8 x 8 tile of the left operand (8 rows x 8 k-steps) in locals and streams the matching 8 rows
 * of the right operand once, adding into 8 float64 accumulator rows: 128 flops per 8 loads and 8
 * read-modify-writes. The float64 accumulators keep each sum in JS numbers over all of k and
 * round to float32 once, when the finished rows are stored. Both operands are read through
 * strides, so the weight gradient X^T dY needs no transpose, and neither does the input gradient
 * dY W^T while W fits in cache; a larger W is transposed once into the caller's scratch
 * (O(nk) against the product's O(mnk)) so that its rows stream contiguously. Every kernel sees
 * only Float32Array (plus the private Float64Array), so V8 keeps each site monomorphic.
 * `| 0` on index sums tells V8 they are int32, which drops an overflow check per access (~15%).
 * Measured on the bench machine (Xeon, 3 GHz): ~3 GFLOP/s from 64^3 to 512^3, against 1.8 for
 * the 4 x 4 tile before it. See shared/PERFORMANCE.md; `npm run bench` compares with tfjs.
 */

/** Output rows per register tile. */
const TILE_ROWS = 8;

/** TILE_ROWS accumulator rows of n float64 each; grown when a wider product first needs it, never per call. */
let accumulators = new Float64Array(0);

function accumulatorRows(n: number): Float64Array {
  if (accumulators.length < TILE_ROWS * n) accumulators = new Float64Array(TILE_ROWS * n);
  return accumulators;
}

/** matmulABT reads b in place up to this many elements (256 KB, cache-resident); beyond, it transposes. */
const STRIDED_ABT_LIMIT = 65536;

/** c[m,n] (+)= a[m,k] * b[k,n] */
export function matmulAB(
  a: Float32Array, b: Float32Array, c: Float32Array,
  m: number, k: number, n: number, accumulate = false,
): void {
  if (!warmed) warmUp();
  streamProduct(a, k, 1, b, n, 1, c, m, k, n, accumulate);
}

/** c[m,n] (+)= a[k,m]^T * b[k,n]  (the weight-gradient form X^T dY) */
export function matmulATB(
  a: Float32Array, b: Float32Array, c: Float32Array,
  m: number, k: number, n: number, accumulate = false,
): void {
  if (!warmed) warmUp();
  streamProduct(a, 1, m, b, n, 1, c, m, k, n, accumulate);
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
 * c[m,n] = a[m,k] * b[n,k]^T  (the input-gradient form dY W^T). A small b is read in place
 * (each output column j reads 8 consecutive floats of b's row j per step); a large one is first
 * transposed into the caller's scratch (n*k floats), whose rows then stream contiguously.
 */
export function matmulABT(
  a: Float32Array, b: Float32Array, c: Float32Array,
  m: number, k: number, n: number, scratch: Float32Array,
): void {
  if (!warmed) warmUp();
  if (scratch.length < n * k) throw new Error(`matmulABT: scratch holds ${scratch.length}, needs ${n * k}`);
  if (n * k <= STRIDED_ABT_LIMIT) {
    streamProduct(a, k, 1, b, 1, k, c, m, k, n, false);
    return;
  }
  transpose(b, scratch, n, k);
  streamProduct(a, k, 1, scratch, n, 1, c, m, k, n, false);
}

/**
 * c[m,n] (+)= A[m,k] * B[k,n], where A[i,p] = a[i * rowStride + p * colStride] and
 * B[p,j] = b[p * bRowStride + j * bColStride] (strides (k, 1) or (n, 1) for row-major storage,
 * (1, m) or (1, k) for a transposed one).
 */
function streamProduct(
  a: Float32Array, rowStride: number, colStride: number,
  b: Float32Array, bRowStride: number, bColStride: number, c: Float32Array,
  m: number, k: number, n: number, accumulate: boolean,
): void {
  const acc = accumulatorRows(n);
  let i = 0;
  for (; i + TILE_ROWS <= m; i += TILE_ROWS) {
    startRows(acc, c, i * n, TILE_ROWS * n, accumulate);
    eightRows(a, i * rowStride, rowStride, colStride, b, bRowStride, bColStride, acc, k, n);
    storeRows(acc, c, i * n, TILE_ROWS * n);
  }
  for (; i < m; i++) {
    startRows(acc, c, i * n, n, accumulate);
    oneRow(a, i * rowStride, colStride, b, bRowStride, bColStride, acc, k, n);
    storeRows(acc, c, i * n, n);
  }
}

/** Accumulators start at zero, or at c's rows when accumulating into c. */
function startRows(acc: Float64Array, c: Float32Array, cStart: number, count: number, accumulate: boolean): void {
  if (!accumulate) {
    acc.fill(0, 0, count);
    return;
  }
  for (let t = 0; t < count; t++) acc[t] = c[cStart + t | 0];
}

/** The one rounding to float32. */
function storeRows(acc: Float64Array, c: Float32Array, cStart: number, count: number): void {
  for (let t = 0; t < count; t++) c[cStart + t | 0] = acc[t];
}

/** acc[0..8n) += A[8 rows, :] * B, A's rows starting at a[aRow], a[aRow + rowStride], ... */
function eightRows(
  a: Float32Array, aRow: number, rowStride: number, colStride: number,
  b: Float32Array, bRowStride: number, bColStride: number, acc: Float64Array, k: number, n: number,
): void {
  const r0 = aRow, r1 = r0 + rowStride | 0, r2 = r1 + rowStride | 0, r3 = r2 + rowStride | 0, r4 = r3 + rowStride | 0, r5 = r4 + rowStride | 0, r6 = r5 + rowStride | 0, r7 = r6 + rowStride | 0;
  const o1 = n, o2 = 2 * n | 0, o3 = 3 * n | 0, o4 = 4 * n | 0, o5 = 5 * n | 0, o6 = 6 * n | 0, o7 = 7 * n | 0;
  let p = 0;
  for (; p + 8 <= k; p += 8) {
    const q0 = p * colStride | 0, q1 = q0 + colStride | 0, q2 = q1 + colStride | 0, q3 = q2 + colStride | 0, q4 = q3 + colStride | 0, q5 = q4 + colStride | 0, q6 = q5 + colStride | 0, q7 = q6 + colStride | 0;
    const x00 = a[r0 + q0 | 0], x01 = a[r0 + q1 | 0], x02 = a[r0 + q2 | 0], x03 = a[r0 + q3 | 0], x04 = a[r0 + q4 | 0], x05 = a[r0 + q5 | 0], x06 = a[r0 + q6 | 0], x07 = a[r0 + q7 | 0];
    const x10 = a[r1 + q0 | 0], x11 = a[r1 + q1 | 0], x12 = a[r1 + q2 | 0], x13 = a[r1 + q3 | 0], x14 = a[r1 + q4 | 0], x15 = a[r1 + q5 | 0], x16 = a[r1 + q6 | 0], x17 = a[r1 + q7 | 0];
    const x20 = a[r2 + q0 | 0], x21 = a[r2 + q1 | 0], x22 = a[r2 + q2 | 0], x23 = a[r2 + q3 | 0], x24 = a[r2 + q4 | 0], x25 = a[r2 + q5 | 0], x26 = a[r2 + q6 | 0], x27 = a[r2 + q7 | 0];
    const x30 = a[r3 + q0 | 0], x31 = a[r3 + q1 | 0], x32 = a[r3 + q2 | 0], x33 = a[r3 + q3 | 0], x34 = a[r3 + q4 | 0], x35 = a[r3 + q5 | 0], x36 = a[r3 + q6 | 0], x37 = a[r3 + q7 | 0];
    const x40 = a[r4 + q0 | 0], x41 = a[r4 + q1 | 0], x42 = a[r4 + q2 | 0], x43 = a[r4 + q3 | 0], x44 = a[r4 + q4 | 0], x45 = a[r4 + q5 | 0], x46 = a[r4 + q6 | 0], x47 = a[r4 + q7 | 0];
    const x50 = a[r5 + q0 | 0], x51 = a[r5 + q1 | 0], x52 = a[r5 + q2 | 0], x53 = a[r5 + q3 | 0], x54 = a[r5 + q4 | 0], x55 = a[r5 + q5 | 0], x56 = a[r5 + q6 | 0], x57 = a[r5 + q7 | 0];
    const x60 = a[r6 + q0 | 0], x61 = a[r6 + q1 | 0], x62 = a[r6 + q2 | 0], x63 = a[r6 + q3 | 0], x64 = a[r6 + q4 | 0], x65 = a[r6 + q5 | 0], x66 = a[r6 + q6 | 0], x67 = a[r6 + q7 | 0];
    const x70 = a[r7 + q0 | 0], x71 = a[r7 + q1 | 0], x72 = a[r7 + q2 | 0], x73 = a[r7 + q3 | 0], x74 = a[r7 + q4 | 0], x75 = a[r7 + q5 | 0], x76 = a[r7 + q6 | 0], x77 = a[r7 + q7 | 0];
    const b0 = p * bRowStride | 0, b1 = b0 + bRowStride | 0, b2 = b1 + bRowStride | 0, b3 = b2 + bRowStride | 0, b4 = b3 + bRowStride | 0, b5 = b4 + bRowStride | 0, b6 = b5 + bRowStride | 0, b7 = b6 + bRowStride | 0;
    for (let j = 0; j < n; j++) {
      const jb = j * bColStride | 0;
      const y0 = b[b0 + jb | 0], y1 = b[b1 + jb | 0], y2 = b[b2 + jb | 0], y3 = b[b3 + jb | 0], y4 = b[b4 + jb | 0], y5 = b[b5 + jb | 0], y6 = b[b6 + jb | 0], y7 = b[b7 + jb | 0];
      acc[j] += x00 * y0 + x01 * y1 + x02 * y2 + x03 * y3 + x04 * y4 + x05 * y5 + x06 * y6 + x07 * y7;
      acc[o1 + j | 0] += x10 * y0 + x11 * y1 + x12 * y2 + x13 * y3 + x14 * y4 + x15 * y5 + x16 * y6 + x17 * y7;
      acc[o2 + j | 0] += x20 * y0 + x21 * y1 + x22 * y2 + x23 * y3 + x24 * y4 + x25 * y5 + x26 * y6 + x27 * y7;
      acc[o3 + j | 0] += x30 * y0 + x31 * y1 + x32 * y2 + x33 * y3 + x34 * y4 + x35 * y5 + x36 * y6 + x37 * y7;
      acc[o4 + j | 0] += x40 * y0 + x41 * y1 + x42 * y2 + x43 * y3 + x44 * y4 + x45 * y5 + x46 * y6 + x47 * y7;
      acc[o5 + j | 0] += x50 * y0 + x51 * y1 + x52 * y2 + x53 * y3 + x54 * y4 + x55 * y5 + x56 * y6 + x57 * y7;
      acc[o6 + j | 0] += x60 * y0 + x61 * y1 + x62 * y2 + x63 * y3 + x64 * y4 + x65 * y5 + x66 * y6 + x67 * y7;
      acc[o7 + j | 0] += x70 * y0 + x71 * y1 + x72 * y2 + x73 * y3 + x74 * y4 + x75 * y5 + x76 * y6 + x77 * y7;
    }
  }
  for (; p < k; p++) {
    const q = p * colStride | 0;
    const x0 = a[r0 + q | 0], x1 = a[r1 + q | 0], x2 = a[r2 + q | 0], x3 = a[r3 + q | 0], x4 = a[r4 + q | 0], x5 = a[r5 + q | 0], x6 = a[r6 + q | 0], x7 = a[r7 + q | 0];
    const bp = p * bRowStride | 0;
    for (let j = 0; j < n; j++) {
      const y = b[bp + j * bColStride | 0];
      acc[j] += x0 * y;
      acc[o1 + j | 0] += x1 * y;
      acc[o2 + j | 0] += x2 * y;
      acc[o3 + j | 0] += x3 * y;
      acc[o4 + j | 0] += x4 * y;
      acc[o5 + j | 0] += x5 * y;
      acc[o6 + j | 0] += x6 * y;
      acc[o7 + j | 0] += x7 * y;
    }
  }
}

/** acc[0..n) += A[row, :] * B for a row left over after the 8-row blocks. */
function oneRow(
  a: Float32Array, aRow: number, colStride: number,
  b: Float32Array, bRowStride: number, bColStride: number, acc: Float64Array, k: number, n: number,
): void {
  let p = 0;
  for (; p + 8 <= k; p += 8) {
    const x0 = a[aRow + (p + 0) * colStride | 0], x1 = a[aRow + (p + 1) * colStride | 0], x2 = a[aRow + (p + 2) * colStride | 0], x3 = a[aRow + (p + 3) * colStride | 0], x4 = a[aRow + (p + 4) * colStride | 0], x5 = a[aRow + (p + 5) * colStride | 0], x6 = a[aRow + (p + 6) * colStride | 0], x7 = a[aRow + (p + 7) * colStride | 0];
    const b0 = p * bRowStride | 0, b1 = b0 + bRowStride | 0, b2 = b1 + bRowStride | 0, b3 = b2 + bRowStride | 0, b4 = b3 + bRowStride | 0, b5 = b4 + bRowStride | 0, b6 = b5 + bRowStride | 0, b7 = b6 + bRowStride | 0;
    for (let j = 0; j < n; j++) {
      const jb = j * bColStride | 0;
      acc[j] += x0 * b[b0 + jb | 0] + x1 * b[b1 + jb | 0] + x2 * b[b2 + jb | 0] + x3 * b[b3 + jb | 0] + x4 * b[b4 + jb | 0] + x5 * b[b5 + jb | 0] + x6 * b[b6 + jb | 0] + x7 * b[b7 + jb | 0];
    }
  }
  for (; p < k; p++) {
    const x = a[aRow + p * colStride | 0];
    const bp = p * bRowStride | 0;
    for (let j = 0; j < n; j++) acc[j] += x * b[bp + j * bColStride | 0];
  }
}

let warmed = false;

/**
 * Give V8 type feedback for every branch (left-over k-steps and rows, accumulate) before it
 * optimizes the kernels. A branch first taken after optimization, such as the left-over k-steps
 * of a 10-unit output layer, deoptimizes the kernel on every call: that made W1's step 2.5x slower.
 * Run by the first product (not when the module loads: the page imports modules that import this
 * one and never multiplies, and a module without side effects can be left out of its bundle).
 */
function warmUp(): void {
  warmed = true;
  const m = 9, k = 9, n = 2;
  const a = new Float32Array(m * k), b = new Float32Array(k * n), c = new Float32Array(m * n);
  const scratch = new Float32Array(n * k);
  // V8 records feedback only once a function has run a few times (lazy feedback allocation).
  for (let round = 0; round < 32; round++) {
    matmulAB(a, b, c, m, k, n);
    matmulAB(a, b, c, m, k, n, true);
    matmulATB(a, b, c, m, k, n);
    matmulATB(a, b, c, m, k, n, true);
    matmulABT(a, b, c, m, k, n, scratch);
  }
  // And once through matmulABT's transposing branch (one output row, so it costs ~0.5 ms once).
  const wideN = Math.floor(STRIDED_ABT_LIMIT / k) + 1;
  const wide = new Float32Array(wideN * k);
  matmulABT(a, wide, new Float32Array(wideN), 1, k, wideN, new Float32Array(wide.length));
}
