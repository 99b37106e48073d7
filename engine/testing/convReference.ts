import type { Conv2dSpec } from '../ops/conv2d.ts';
import { outputExtent } from '../ops/nchw.ts';

/**
 * The convolution's definition as four nested sums, in float64 with no tiling: what the engine's
 * im2col + GEMM is checked against. Returns y [batch, out, outH, outW] and the magnitude
 * sum |w x| + |b| of each output (the scale of its rounding error).
 */
export function conv2dReference(
  x: ArrayLike<number>, batch: number, height: number, width: number,
  weight: ArrayLike<number>, bias: ArrayLike<number> | null, spec: Conv2dSpec,
): { y: Float64Array; magnitude: Float64Array; outH: number; outW: number } {
  const { inChannels, outChannels, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, groups } = spec;
  const outH = outputExtent(height, kernelH, strideH, padH, dilationH);
  const outW = outputExtent(width, kernelW, strideW, padW, dilationW);
  const cg = inChannels / groups, og = outChannels / groups;
  const y = new Float64Array(batch * outChannels * outH * outW);
  const magnitude = new Float64Array(y.length);
  for (let n = 0; n < batch; n++) {
    for (let o = 0; o < outChannels; o++) {
      const g = Math.floor(o / og);
      for (let oy = 0; oy < outH; oy++) {
        for (let ox = 0; ox < outW; ox++) {
          let sum = bias ? bias[o] : 0, mag = Math.abs(sum);
          for (let c = 0; c < cg; c++) {
            for (let i = 0; i < kernelH; i++) {
              for (let j = 0; j < kernelW; j++) {
                const iy = oy * strideH - padH + i * dilationH, ix = ox * strideW - padW + j * dilationW;
                if (iy < 0 || iy >= height || ix < 0 || ix >= width) continue;
                const term = weight[((o * cg + c) * kernelH + i) * kernelW + j] * x[((n * inChannels + g * cg + c) * height + iy) * width + ix];
                sum += term;
                mag += Math.abs(term);
              }
            }
          }
          const at = ((n * outChannels + o) * outH + oy) * outW + ox;
          y[at] = sum;
          magnitude[at] = mag;
        }
      }
    }
  }
  return { y, magnitude, outH, outW };
}
