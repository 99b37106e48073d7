import type { Conv2dSpec } from '../ops/conv2d.ts';
import { outputExtent } from '../ops/nchw.ts';

/**
 * The direct alternative to im2col + GEMM that engine/bench/conv.ts measures (groups 1, dilation 1
 * only: the shapes it is measured on). Kept out of engine/ops because it lost; see conv2d.ts's header.
 * - forward: 4 output channels at a time, their sums in float64 locals, each input tap loaded once
 *   for the 4; the valid kernel range of each output pixel is computed once, so no per-tap branch;
 * - weight gradient: 4 output channels at a time, each tap a dot product of shifted planes;
 * - input gradient: shifted axpy, dx[c] += w[o, c, i, j] * (dy[o] shifted by (i, j)), row by row.
 */

export interface DirectGeometry { batch: number; height: number; width: number; outH: number; outW: number }

export function directGeometry(spec: Conv2dSpec, batch: number, height: number, width: number): DirectGeometry {
  if (spec.groups !== 1 || spec.dilationH !== 1 || spec.dilationW !== 1) throw new Error('direct conv: groups 1 and dilation 1 only');
  return {
    batch, height, width,
    outH: outputExtent(height, spec.kernelH, spec.strideH, spec.padH, 1),
    outW: outputExtent(width, spec.kernelW, spec.strideW, spec.padW, 1),
  };
}

export function conv2dDirectForward(x: Float32Array, w: Float32Array, bias: Float32Array, y: Float32Array, s: Conv2dSpec, g: DirectGeometry): void {
  const { inChannels: C, outChannels: O, kernelH: KH, kernelW: KW, strideH: SH, strideW: SW, padH: PH, padW: PW } = s;
  const { batch, height: H, width: W, outH, outW } = g;
  const plane = H * W, K = C * KH * KW, P = outH * outW;
  for (let n = 0; n < batch; n++) {
    const xn = n * C * plane;
    for (let o = 0; o < O; o += 4) {
      const blk = Math.min(4, O - o);
      const w0 = o * K, w1 = blk > 1 ? w0 + K : w0, w2 = blk > 2 ? w0 + 2 * K : w0, w3 = blk > 3 ? w0 + 3 * K : w0;
      for (let oy = 0; oy < outH; oy++) {
        const iy0 = oy * SH - PH;
        const iLo = Math.max(0, -iy0), iHi = Math.min(KH, H - iy0);
        for (let ox = 0; ox < outW; ox++) {
          const ix0 = ox * SW - PW;
          const jLo = Math.max(0, -ix0), jHi = Math.min(KW, W - ix0);
          let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
          for (let c = 0; c < C; c++) {
            for (let i = iLo; i < iHi; i++) {
              const xr = xn + c * plane + (iy0 + i) * W + ix0 | 0;
              const wr = (c * KH + i) * KW | 0;
              for (let j = jLo; j < jHi; j++) {
                const v = x[xr + j | 0];
                s0 += w[w0 + wr + j | 0] * v;
                s1 += w[w1 + wr + j | 0] * v;
                s2 += w[w2 + wr + j | 0] * v;
                s3 += w[w3 + wr + j | 0] * v;
              }
            }
          }
          const at = (n * O + o) * P + oy * outW + ox;
          y[at] = s0 + bias[o];
          if (blk > 1) y[at + P] = s1 + bias[o + 1];
          if (blk > 2) y[at + 2 * P] = s2 + bias[o + 2];
          if (blk > 3) y[at + 3 * P] = s3 + bias[o + 3];
        }
      }
    }
  }
}

export function conv2dDirectBackward(
  x: Float32Array, w: Float32Array, dy: Float32Array, dx: Float32Array, dw: Float32Array, db: Float32Array, s: Conv2dSpec, g: DirectGeometry,
): void {
  const { inChannels: C, outChannels: O, kernelH: KH, kernelW: KW, strideH: SH, strideW: SW, padH: PH, padW: PW } = s;
  const { batch, height: H, width: W, outH, outW } = g;
  const plane = H * W, P = outH * outW, K = C * KH * KW;
  for (let o = 0; o < O; o++) {
    let sum = 0;
    for (let n = 0; n < batch; n++) for (let p = 0; p < P; p++) sum += dy[(n * O + o) * P + p];
    db[o] = sum;
  }
  // Weight gradient: dw[o, c, i, j] = sum over n, oy, ox of dy[n, o, oy, ox] x[n, c, oy s - p + i, ox s - p + j].
  for (let o = 0; o < O; o++) {
    for (let c = 0; c < C; c++) {
      for (let i = 0; i < KH; i++) {
        const oyLo = Math.max(0, Math.ceil((PH - i) / SH)), oyHi = Math.min(outH, Math.floor((H - 1 + PH - i) / SH) + 1);
        for (let j = 0; j < KW; j++) {
          const oxLo = Math.max(0, Math.ceil((PW - j) / SW)), oxHi = Math.min(outW, Math.floor((W - 1 + PW - j) / SW) + 1);
          let sum = 0;
          for (let n = 0; n < batch; n++) {
            const dyn = (n * O + o) * P, xn = (n * C + c) * plane;
            for (let oy = oyLo; oy < oyHi; oy++) {
              const dr = dyn + oy * outW | 0, xr = xn + (oy * SH - PH + i) * W - PW + j | 0;
              for (let ox = oxLo; ox < oxHi; ox++) sum += dy[dr + ox | 0] * x[xr + ox * SW | 0];
            }
          }
          dw[o * K + (c * KH + i) * KW + j] = sum;
        }
      }
    }
  }
  // Input gradient, shifted axpy: accumulate in float32 (a float64 buffer would double the traffic).
  dx.fill(0);
  for (let n = 0; n < batch; n++) {
    for (let o = 0; o < O; o++) {
      const dyn = (n * O + o) * P;
      for (let c = 0; c < C; c++) {
        const xn = (n * C + c) * plane;
        for (let i = 0; i < KH; i++) {
          const oyLo = Math.max(0, Math.ceil((PH - i) / SH)), oyHi = Math.min(outH, Math.floor((H - 1 + PH - i) / SH) + 1);
          for (let j = 0; j < KW; j++) {
            const oxLo = Math.max(0, Math.ceil((PW - j) / SW)), oxHi = Math.min(outW, Math.floor((W - 1 + PW - j) / SW) + 1);
            const wv = w[o * K + (c * KH + i) * KW + j];
            for (let oy = oyLo; oy < oyHi; oy++) {
              const dr = dyn + oy * outW | 0, xr = xn + (oy * SH - PH + i) * W - PW + j | 0;
              for (let ox = oxLo; ox < oxHi; ox++) dx[xr + ox * SW | 0] += wv * dy[dr + ox | 0];
            }
          }
        }
      }
    }
  }
}
