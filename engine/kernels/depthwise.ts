import type { PatchGeometry } from './im2col.ts';

/**
 * Direct loops for a convolution with one input channel per group (depthwise; output channel o reads
 * input channel floor(o / multiplier)). Each output is a sum of only kh kw taps, so im2col + one
 * product per group would spend its time on copies and per-call overhead (engine/bench/conv.ts).
 * All three loops run tap by tap over whole rows (out[row] += w * in[row shifted], the output rows a
 * tap reaches computed once per tap), into a float64 scratch plane rounded once per output: long
 * branch-free inner loops instead of kh kw short ones per pixel (10-30% faster than that, measured).
 */

/** Output rows (or columns) [lo, hi) whose tap t lands inside the input: 0 <= o s - p + t d < extent. */
function reachLow(t: number, stride: number, pad: number, dilation: number): number {
  return Math.max(0, Math.ceil((pad - t * dilation) / stride));
}
function reachHigh(t: number, stride: number, pad: number, dilation: number, extent: number, outExtent: number): number {
  return Math.min(outExtent, Math.floor((extent - 1 + pad - t * dilation) / stride) + 1);
}

/** y[n, o] = bias[o] + sum over taps of w[o, i, j] x[n, o / multiplier] shifted by the tap. planeScratch: outH outW. */
export function depthwiseForward(
  x: Float32Array, w: Float32Array, bias: Float32Array | null, y: Float32Array, planeScratch: Float64Array,
  batch: number, outChannels: number, g: PatchGeometry,
): void {
  const { channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, outH, outW } = g;
  const multiplier = outChannels / channels, plane = height * width, pixels = outH * outW, acc = planeScratch;
  for (let n = 0; n < batch; n++) {
    for (let o = 0; o < outChannels; o++) {
      const xBase = (n * channels + Math.floor(o / multiplier)) * plane;
      const b = bias ? bias[o] : 0;
      for (let p = 0; p < pixels; p++) acc[p] = b; // not fill(b): the builtin would box a non-integer b
      for (let i = 0; i < kernelH; i++) {
        const oyLo = reachLow(i, strideH, padH, dilationH), oyHi = reachHigh(i, strideH, padH, dilationH, height, outH);
        for (let j = 0; j < kernelW; j++) {
          const oxLo = reachLow(j, strideW, padW, dilationW), oxHi = reachHigh(j, strideW, padW, dilationW, width, outW);
          const wv = w[(o * kernelH + i) * kernelW + j];
          for (let oy = oyLo; oy < oyHi; oy++) {
            const ar = oy * outW | 0, xr = xBase + (oy * strideH - padH + i * dilationH) * width - padW + j * dilationW | 0;
            for (let ox = oxLo; ox < oxHi; ox++) acc[ar + ox | 0] += wv * x[xr + ox * strideW | 0];
          }
        }
      }
      const dst = (n * outChannels + o) * pixels;
      for (let p = 0; p < pixels; p++) y[dst + p] = acc[p];
    }
  }
}

/** dW[o, i, j] = sum over images and output pixels of dy x at tap (i, j). */
export function depthwiseWeightGradient(
  x: Float32Array, dy: Float32Array, dw: Float32Array, batch: number, outChannels: number, g: PatchGeometry,
): void {
  const { channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, outH, outW } = g;
  const multiplier = outChannels / channels, plane = height * width, pixels = outH * outW;
  for (let o = 0; o < outChannels; o++) {
    const c = Math.floor(o / multiplier);
    for (let i = 0; i < kernelH; i++) {
      const oyLo = reachLow(i, strideH, padH, dilationH), oyHi = reachHigh(i, strideH, padH, dilationH, height, outH);
      for (let j = 0; j < kernelW; j++) {
        const oxLo = reachLow(j, strideW, padW, dilationW), oxHi = reachHigh(j, strideW, padW, dilationW, width, outW);
        let sum = 0;
        for (let n = 0; n < batch; n++) {
          const dyBase = (n * outChannels + o) * pixels, xBase = (n * channels + c) * plane;
          for (let oy = oyLo; oy < oyHi; oy++) {
            const dr = dyBase + oy * outW | 0, xr = xBase + (oy * strideH - padH + i * dilationH) * width - padW + j * dilationW | 0;
            for (let ox = oxLo; ox < oxHi; ox++) sum += dy[dr + ox | 0] * x[xr + ox * strideW | 0];
          }
        }
        dw[(o * kernelH + i) * kernelW + j] = sum;
      }
    }
  }
}

/** dx[n, c] = sum over c's output channels and taps of w dy, shifted back. planeScratch: height width. Overwrites dx. */
export function depthwiseInputGradient(
  w: Float32Array, dy: Float32Array, dx: Float32Array, planeScratch: Float64Array, batch: number, outChannels: number, g: PatchGeometry,
): void {
  const { channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, outH, outW } = g;
  const multiplier = outChannels / channels, plane = height * width, pixels = outH * outW, acc = planeScratch;
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < channels; c++) {
      acc.fill(0, 0, plane);
      for (let o = c * multiplier; o < (c + 1) * multiplier; o++) {
        const dyBase = (n * outChannels + o) * pixels;
        for (let i = 0; i < kernelH; i++) {
          const oyLo = reachLow(i, strideH, padH, dilationH), oyHi = reachHigh(i, strideH, padH, dilationH, height, outH);
          for (let j = 0; j < kernelW; j++) {
            const oxLo = reachLow(j, strideW, padW, dilationW), oxHi = reachHigh(j, strideW, padW, dilationW, width, outW);
            const wv = w[(o * kernelH + i) * kernelW + j];
            for (let oy = oyLo; oy < oyHi; oy++) {
              const dr = dyBase + oy * outW | 0, ar = (oy * strideH - padH + i * dilationH) * width - padW + j * dilationW | 0;
              for (let ox = oxLo; ox < oxHi; ox++) acc[ar + ox * strideW | 0] += wv * dy[dr + ox | 0];
            }
          }
        }
      }
      const dst = (n * channels + c) * plane;
      for (let p = 0; p < plane; p++) dx[dst + p] = acc[p];
    }
  }
}
