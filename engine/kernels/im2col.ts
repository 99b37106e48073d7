/**
 * The patch matrix of a 2-d convolution over float32 NCHW images, and its adjoint.
 *
 * Layout: one ROW per output pixel (batch-major: row = (n * outH + oy) * outW + ox) and one column
 * per kernel tap of the channel group (column = (c * kernelH + i) * kernelW + j, the order of
 * PyTorch's weight [out][in/groups][kh][kw]). This is Caffe's im2col matrix transposed. With it the
 * three products of a convolution all stream contiguous rows through engine/kernels/matmul.ts:
 *   forward   Y[pixels, out]  = P[pixels, K] W^T       (matmulABT, W small: read in place)
 *   weights   dW[out, K]      = dY[pixels, out]^T P    (matmulATB)
 *   input     dP[pixels, K]   = dY[pixels, out] W      (matmulAB), then col2im scatters dP
 * whereas the column layout would need a transpose of the whole patch matrix for the weight gradient.
 * Taps that fall in the padding read as 0 (and receive no gradient).
 */

export interface PatchGeometry {
  /** Channels of the whole input and of one group (the patch matrix covers one group). */
  readonly channels: number;
  readonly groupChannels: number;
  readonly height: number;
  readonly width: number;
  readonly kernelH: number;
  readonly kernelW: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly padH: number;
  readonly padW: number;
  readonly dilationH: number;
  readonly dilationW: number;
  readonly outH: number;
  readonly outW: number;
}

/** Columns of the patch matrix: groupChannels * kernelH * kernelW (the fan-in of one output). */
export function patchSize(g: PatchGeometry): number {
  return g.groupChannels * g.kernelH * g.kernelW;
}

/**
 * patches[(n P + p) K + t] = x[n, channelStart + c, oy s - pad + i d, ox s - pad + j d] (0 in the
 * padding) for the batch's first `batch` images, P = outH outW, K = patchSize(g).
 */
export function im2col(x: Float32Array, batch: number, channelStart: number, g: PatchGeometry, patches: Float32Array): void {
  const { channels, groupChannels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, outH, outW } = g;
  const plane = height * width;
  // Adjacent taps (no dilation), 4 a step: 5x5 kernels copy ~20% faster; 3x3 ones keep the plain loop (faster for them).
  const unrolled = dilationW === 1 && kernelW >= 4;
  // 3 adjacent taps (3x3 kernels, the common case) written out: no loop per kernel row.
  const three = dilationW === 1 && kernelW === 3;
  let r = 0;
  for (let n = 0; n < batch; n++) {
    const image = (n * channels + channelStart) * plane;
    for (let oy = 0; oy < outH; oy++) {
      const iy0 = oy * strideH - padH;
      for (let ox = 0; ox < outW; ox++) {
        const ix0 = ox * strideW - padW;
        // Every tap of the window's rows lands inside the image: no per-tap test (most windows).
        const inside = ix0 >= 0 && ix0 + (kernelW - 1) * dilationW < width;
        const j0 = Math.min(kernelW, firstInside(ix0, dilationW)), j1 = Math.max(j0, Math.min(kernelW, endInside(ix0, dilationW, width)));
        for (let c = 0; c < groupChannels; c++) {
          const base = image + c * plane | 0;
          for (let i = 0; i < kernelH; i++) {
            const iy = iy0 + i * dilationH | 0;
            if (iy < 0 || iy >= height) {
              for (let j = 0; j < kernelW; j++) patches[r++] = 0;
              continue;
            }
            const row = base + iy * width + ix0 | 0;
            if (inside && three) {
              patches[r] = x[row];
              patches[r + 1 | 0] = x[row + 1 | 0];
              patches[r + 2 | 0] = x[row + 2 | 0];
              r = r + 3 | 0;
              continue;
            }
            if (inside && unrolled) {
              let j = 0;
              for (; j + 4 <= kernelW; j += 4) {
                patches[r] = x[row + j | 0];
                patches[r + 1 | 0] = x[row + j + 1 | 0];
                patches[r + 2 | 0] = x[row + j + 2 | 0];
                patches[r + 3 | 0] = x[row + j + 3 | 0];
                r = r + 4 | 0;
              }
              for (; j < kernelW; j++) patches[r++] = x[row + j | 0];
              continue;
            }
            if (inside) {
              for (let j = 0; j < kernelW; j++) patches[r++] = x[row + j * dilationW | 0];
              continue;
            }
            // A window over the left or right edge: taps [j0, j1) land inside, the rest read 0.
            let j = 0;
            for (; j < j0; j++) patches[r++] = 0;
            for (; j < j1; j++) patches[r++] = x[row + j * dilationW | 0];
            for (; j < kernelW; j++) patches[r++] = 0;
          }
        }
      }
    }
  }
}

/**
 * The adjoint of im2col: dx[n, channelStart + c, iy, ix] += dPatches[row, t] for every tap that
 * read that pixel (overlapping windows add up, up to kh kw times: into float64, rounded once by the
 * caller). Adds into dx: the caller zeroes it first.
 */
export function col2im(dPatches: Float32Array, batch: number, channelStart: number, g: PatchGeometry, dx: Float64Array): void {
  const { channels, groupChannels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, outH, outW } = g;
  const plane = height * width;
  const unrolled = dilationW === 1 && kernelW >= 4;
  // 3 adjacent taps (3x3 kernels, the common case) written out: no loop per kernel row.
  const three = dilationW === 1 && kernelW === 3;
  let r = 0;
  for (let n = 0; n < batch; n++) {
    const image = (n * channels + channelStart) * plane;
    for (let oy = 0; oy < outH; oy++) {
      const iy0 = oy * strideH - padH;
      for (let ox = 0; ox < outW; ox++) {
        const ix0 = ox * strideW - padW;
        // Every tap of the window's rows lands inside the image: no per-tap test (most windows).
        const inside = ix0 >= 0 && ix0 + (kernelW - 1) * dilationW < width;
        const j0 = Math.min(kernelW, firstInside(ix0, dilationW)), j1 = Math.max(j0, Math.min(kernelW, endInside(ix0, dilationW, width)));
        for (let c = 0; c < groupChannels; c++) {
          const base = image + c * plane | 0;
          for (let i = 0; i < kernelH; i++) {
            const iy = iy0 + i * dilationH | 0;
            if (iy < 0 || iy >= height) {
              r += kernelW;
              continue;
            }
            const row = base + iy * width + ix0 | 0;
            if (inside && three) {
              dx[row] += dPatches[r];
              dx[row + 1 | 0] += dPatches[r + 1 | 0];
              dx[row + 2 | 0] += dPatches[r + 2 | 0];
              r = r + 3 | 0;
              continue;
            }
            if (inside && unrolled) {
              let j = 0;
              for (; j + 4 <= kernelW; j += 4) {
                dx[row + j | 0] += dPatches[r];
                dx[row + j + 1 | 0] += dPatches[r + 1 | 0];
                dx[row + j + 2 | 0] += dPatches[r + 2 | 0];
                dx[row + j + 3 | 0] += dPatches[r + 3 | 0];
                r = r + 4 | 0;
              }
              for (; j < kernelW; j++) dx[row + j | 0] += dPatches[r++];
              continue;
            }
            if (inside) {
              for (let j = 0; j < kernelW; j++) dx[row + j * dilationW | 0] += dPatches[r++];
              continue;
            }
            for (let j = j0; j < j1; j++) dx[row + j * dilationW | 0] += dPatches[r + j | 0];
            r += kernelW;
          }
        }
      }
    }
  }
}

/** The first tap j >= 0 with ix0 + j d >= 0. */
function firstInside(ix0: number, d: number): number {
  return ix0 >= 0 ? 0 : Math.floor((-ix0 + d - 1) / d);
}

/** One past the last tap j with ix0 + j d < width (may exceed the kernel: the caller clamps). */
function endInside(ix0: number, d: number, width: number): number {
  return ix0 >= width ? 0 : Math.floor((width - 1 - ix0) / d) + 1;
}
