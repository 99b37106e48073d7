import type { Tensor } from '../tensor.ts';
import { assertImage, assertNchw, assertWindow, pair, type Pair, type Window2d } from './nchw.ts';

/**
 * Max, average and global average pooling over float32 NCHW images, PyTorch's semantics
 * (nn.MaxPool2d, nn.AvgPool2d, nn.AdaptiveAvgPool2d(1)), ceil_mode=False, dilation 1:
 * - max pooling pads with -Infinity: a padded tap never wins, and argmax indexes a real pixel;
 * - ties go to the FIRST maximum in row-major window order (PyTorch's CPU kernel compares with a
 *   strict `val > max`), and a NaN wins over anything (`|| isnan(val)`), so NaN propagates;
 *   the backward routes each output's gradient to that one pixel (overlapping windows add up);
 * - average pooling counts the padding by default (count_include_pad=True: divide by kh kw);
 *   countIncludePad = false divides by the real pixels in the window instead.
 */

export type Pool2dSpec = Window2d;


/** PyTorch-style arguments; the stride defaults to the kernel, as in nn.MaxPool2d. */
export function pool2dSpec(a: { kernel: Pair; stride?: Pair; padding?: Pair }): Pool2dSpec {
  const [kernelH, kernelW] = pair(a.kernel), [strideH, strideW] = pair(a.stride ?? a.kernel), [padH, padW] = pair(a.padding ?? 0);
  return { kernelH, kernelW, strideH, strideW, padH, padW };
}

/** Output [batch, channels, outH, outW] of pooling x with spec (for setting up buffers); throws on an impossible window. */
export function pool2dOutputShape(what: string, x: Tensor, spec: Pool2dSpec): [number, number, number, number] {
  checkPoolInput(what, 'input', x, spec);
  return [x.shape[0], x.shape[1], outHeight(what, x, spec), outWidth(what, x, spec)];
}

function checkPoolInput(what: string, name: string, x: Tensor, spec: Pool2dSpec): void {
  assertImage(what, name, x);
  // PyTorch's own limit: a window more than half padding would have outputs that see no pixel.
  if (2 * spec.padH > spec.kernelH || 2 * spec.padW > spec.kernelW) {
    throw new Error(`${what}: padding (${spec.padH}, ${spec.padW}) must be at most half the kernel (${spec.kernelH}, ${spec.kernelW})`);
  }
}
const outHeight = (what: string, x: Tensor, spec: Pool2dSpec) => assertWindow(what, 'height', x.shape[2], spec.kernelH, spec.strideH, spec.padH, 1);
const outWidth = (what: string, x: Tensor, spec: Pool2dSpec) => assertWindow(what, 'width', x.shape[3], spec.kernelW, spec.strideW, spec.padW, 1);

/** y = max over each window; argmax[i] = iy W + ix of the winning pixel within its plane (PyTorch's indices). */
export function maxPool2dForward(x: Tensor, spec: Pool2dSpec, y: Tensor, argmax: Int32Array): void {
  checkPoolInput('maxPool2dForward', 'input', x, spec);
  const batch = x.shape[0], channels = x.shape[1], outH = outHeight('maxPool2dForward', x, spec), outW = outWidth('maxPool2dForward', x, spec);
  assertNchw('maxPool2dForward', 'output', y, batch, channels, outH, outW);
  if (argmax.length !== y.data.length) throw new Error(`maxPool2dForward: argmax holds ${argmax.length} indices, output [${y.shape.join(', ')}] needs ${y.data.length}`);
  const { kernelH, kernelW, strideH, strideW, padH, padW } = spec;
  const h = x.shape[2], w = x.shape[3], plane = h * w;
  const xd = x.data, yd = y.data;
  if (kernelH === 2 && kernelW === 2 && strideH === 2 && strideW === 2 && padH === 0 && padW === 0) {
    maxPool2x2(xd, yd, argmax, batch * channels, w, plane, outH, outW);
    return;
  }
  let at = 0;
  for (let nc = 0; nc < batch * channels; nc++) {
    const base = nc * plane;
    for (let oy = 0; oy < outH; oy++) {
      const y0 = Math.max(oy * strideH - padH, 0), y1 = Math.min(oy * strideH - padH + kernelH, h);
      for (let ox = 0; ox < outW; ox++, at++) {
        const x0 = Math.max(ox * strideW - padW, 0), x1 = Math.min(ox * strideW - padW + kernelW, w);
        let best = -Infinity, bestIndex = y0 * w + x0;
        for (let iy = y0; iy < y1; iy++) {
          for (let ix = x0; ix < x1; ix++) {
            const v = xd[base + iy * w + ix];
            if (v > best || v !== v) {
              best = v;
              bestIndex = iy * w + ix;
            }
          }
        }
        yd[at] = best;
        argmax[at] = bestIndex;
      }
    }
  }
}

/**
 * max2 (2x2 windows, stride 2, no padding: the common case) written out, the general loop's
 * comparisons in its order (row-major, strict >, NaN wins), so the same outputs and argmax.
 */
function maxPool2x2(xd: Float32Array, yd: Float32Array, argmax: Int32Array, planes: number, w: number, plane: number, outH: number, outW: number): void {
  let at = 0;
  for (let nc = 0; nc < planes; nc++) {
    const base = nc * plane;
    for (let oy = 0; oy < outH; oy++) {
      const top = 2 * oy * w, bottom = top + w;
      for (let ox = 0; ox < outW; ox++, at++) {
        const i0 = top + 2 * ox, i1 = i0 + 1, i2 = bottom + 2 * ox, i3 = i2 + 1;
        const v0 = xd[base + i0], v1 = xd[base + i1], v2 = xd[base + i2], v3 = xd[base + i3];
        let best = -Infinity, bestIndex = i0;
        if (v0 > best || v0 !== v0) { best = v0; bestIndex = i0; }
        if (v1 > best || v1 !== v1) { best = v1; bestIndex = i1; }
        if (v2 > best || v2 !== v2) { best = v2; bestIndex = i2; }
        if (v3 > best || v3 !== v3) { best = v3; bestIndex = i3; }
        yd[at] = best;
        argmax[at] = bestIndex;
      }
    }
  }
}

/** dx = dy routed to each window's argmax (added where windows overlap). Overwrites dx. */
export function maxPool2dBackward(dy: Tensor, argmax: Int32Array, dx: Tensor): void {
  assertImage('maxPool2dBackward', 'dx', dx);
  assertImage('maxPool2dBackward', 'dy', dy);
  const batch = dx.shape[0], channels = dx.shape[1], h = dx.shape[2], w = dx.shape[3];
  assertNchw('maxPool2dBackward', 'dy', dy, batch, channels, dy.shape[2], dy.shape[3]);
  if (argmax.length !== dy.data.length) throw new Error(`maxPool2dBackward: argmax holds ${argmax.length} indices, dy [${dy.shape.join(', ')}] has ${dy.data.length}`);
  const plane = h * w, outPlane = dy.shape[2] * dy.shape[3];
  const dxd = dx.data, dyd = dy.data;
  dxd.fill(0);
  let at = 0;
  for (let nc = 0; nc < batch * channels; nc++) {
    const base = nc * plane;
    for (let p = 0; p < outPlane; p++, at++) dxd[base + argmax[at]] += dyd[at];
  }
}

/** y = mean over each window; the divisor follows count_include_pad (PyTorch's default true). */
export function avgPool2dForward(x: Tensor, spec: Pool2dSpec, y: Tensor, countIncludePad = true): void {
  checkPoolInput('avgPool2dForward', 'input', x, spec);
  const batch = x.shape[0], channels = x.shape[1], outH = outHeight('avgPool2dForward', x, spec), outW = outWidth('avgPool2dForward', x, spec);
  assertNchw('avgPool2dForward', 'output', y, batch, channels, outH, outW);
  const { kernelH, kernelW, strideH, strideW, padH, padW } = spec;
  const h = x.shape[2], w = x.shape[3], plane = h * w;
  const xd = x.data, yd = y.data;
  let at = 0;
  for (let nc = 0; nc < batch * channels; nc++) {
    const base = nc * plane;
    for (let oy = 0; oy < outH; oy++) {
      const y0 = Math.max(oy * strideH - padH, 0), y1 = Math.min(oy * strideH - padH + kernelH, h);
      for (let ox = 0; ox < outW; ox++, at++) {
        const x0 = Math.max(ox * strideW - padW, 0), x1 = Math.min(ox * strideW - padW + kernelW, w);
        let sum = 0;
        for (let iy = y0; iy < y1; iy++) for (let ix = x0; ix < x1; ix++) sum += xd[base + iy * w + ix];
        yd[at] = sum / (countIncludePad ? kernelH * kernelW : (y1 - y0) * (x1 - x0));
      }
    }
  }
}

/** dx[pixel] = sum over the windows holding it of dy / divisor. Overwrites dx. */
export function avgPool2dBackward(dy: Tensor, spec: Pool2dSpec, dx: Tensor, countIncludePad = true): void {
  checkPoolInput('avgPool2dBackward', 'dx', dx, spec);
  const batch = dx.shape[0], channels = dx.shape[1], outH = outHeight('avgPool2dBackward', dx, spec), outW = outWidth('avgPool2dBackward', dx, spec);
  assertNchw('avgPool2dBackward', 'dy', dy, batch, channels, outH, outW);
  const { kernelH, kernelW, strideH, strideW, padH, padW } = spec;
  const h = dx.shape[2], w = dx.shape[3], plane = h * w;
  const dxd = dx.data, dyd = dy.data;
  dxd.fill(0);
  let at = 0;
  for (let nc = 0; nc < batch * channels; nc++) {
    const base = nc * plane;
    for (let oy = 0; oy < outH; oy++) {
      const y0 = Math.max(oy * strideH - padH, 0), y1 = Math.min(oy * strideH - padH + kernelH, h);
      for (let ox = 0; ox < outW; ox++, at++) {
        const x0 = Math.max(ox * strideW - padW, 0), x1 = Math.min(ox * strideW - padW + kernelW, w);
        const g = dyd[at] / (countIncludePad ? kernelH * kernelW : (y1 - y0) * (x1 - x0));
        for (let iy = y0; iy < y1; iy++) for (let ix = x0; ix < x1; ix++) dxd[base + iy * w + ix] += g;
      }
    }
  }
}

/** Global average pooling: y[n, c] = mean of x[n, c, :, :]; y is [batch, channels] or [batch, channels, 1, 1]. */
export function globalAvgPoolForward(x: Tensor, y: Tensor): void {
  assertImage('globalAvgPoolForward', 'input', x);
  const batch = x.shape[0], channels = x.shape[1], h = x.shape[2], w = x.shape[3];
  checkPooled('globalAvgPoolForward output', y, batch, channels);
  const plane = h * w, xd = x.data, yd = y.data;
  for (let nc = 0; nc < batch * channels; nc++) {
    let sum = 0;
    for (let p = nc * plane, end = p + plane; p < end; p++) sum += xd[p];
    yd[nc] = sum / plane;
  }
}

/** dx[n, c, :, :] = dy[n, c] / (h w). Overwrites dx. */
export function globalAvgPoolBackward(dy: Tensor, dx: Tensor): void {
  assertImage('globalAvgPoolBackward', 'dx', dx);
  const batch = dx.shape[0], channels = dx.shape[1], h = dx.shape[2], w = dx.shape[3];
  checkPooled('globalAvgPoolBackward dy', dy, batch, channels);
  const plane = h * w, dxd = dx.data, dyd = dy.data;
  // A loop, not fill(v, ...): passing a non-integer number to the builtin boxes it (an allocation per plane).
  for (let nc = 0; nc < batch * channels; nc++) {
    const g = dyd[nc] / plane;
    for (let p = nc * plane, end = p + plane; p < end; p++) dxd[p] = g;
  }
}

function checkPooled(what: string, t: Tensor, batch: number, channels: number): void {
  const s = t.shape;
  const ok = s[0] === batch && s[1] === channels && (s.length === 2 || (s.length === 4 && s[2] === 1 && s[3] === 1));
  if (!ok) throw new Error(`${what}: expected shape [${batch}, ${channels}] or [${batch}, ${channels}, 1, 1], got [${s.join(', ')}]`);
}
