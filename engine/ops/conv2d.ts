import { depthwiseForward, depthwiseInputGradient, depthwiseWeightGradient } from '../kernels/depthwise.ts';
import { col2im, im2col, patchSize, type PatchGeometry } from '../kernels/im2col.ts';
import { matmulAB, matmulABT, matmulATB, transpose } from '../kernels/matmul.ts';
import type { Tensor } from '../tensor.ts';
import { assertChannels, assertImage, assertNchw, assertWindow, pair, type Pair, type Window2d } from './nchw.ts';

/**
 * 2-d convolution (cross-correlation, as PyTorch's nn.Conv2d) over float32 NCHW images:
 *   y[n, o, oy, ox] = bias[o] + sum_{c, i, j} w[o, c, i, j] x[n, g(o) Cg + c, oy s - p + i d, ox s - p + j d]
 * with weight [out][in / groups][kh][kw], so exported weights load into PyTorch unchanged.
 * Computed as im2col (one patch row per output pixel, engine/kernels/im2col.ts) and the tuned
 * products of engine/kernels/matmul.ts, one product per group over the whole batch at once.
 *
 * Why im2col + GEMM and not a direct loop (`npx tsx engine/bench/conv.ts`: forward + backward with
 * dx, batch 32, medians of this process's CPU time on one core of the 2-vCPU dev machine, shared):
 *   LeNet conv1 5x5 1->6 pad 2, 28x28 (22.6 MFLOP):  im2col 7.4 ms, direct 11.3 ms (dense 4.9)
 *   LeNet conv2 5x5 6->16, 14x14 (46.1 MFLOP):       im2col 6.7 ms, direct 25.0 ms (dense 5.4)
 *   3x3 64->64 pad 1, 8x8 (453 MFLOP):               im2col 49 ms,  direct 229 ms  (dense 45)
 * "dense" is engine/ops/dense.ts on products of the same sizes. Why, inferred rather than profiled:
 * the products' 8 x 8 register tiles do 128 flops per 8 loads and sum over the whole batch in
 * float64, while engine/bench/convDirect.ts reuses each input load for only 4 outputs. The patch
 * copies cost O(pixels K), 1/C_out of a product: they (im2col + col2im, 1.8 ms of conv1's 7.4,
 * profiled) separate conv1 (C_out = 6) from the dense figure, and vanish at 64 channels. col2im has
 * since summed dx into float64 and rounded once (+0.4 ms on conv1, within noise elsewhere).
 * Depthwise (one input channel per group) is the exception: a product per group of one output
 * channel is mostly overhead, so those shapes take engine/kernels/depthwise.ts's direct loops
 * (3x3, 32 channels, 16x16: im2col 17.0 ms, direct 9.7 ms).
 *
 * Allocation: everything per step lives in a Conv2dWorkspace made once per layer and batch size.
 */

export interface Conv2dSpec extends Window2d {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly dilationH: number;
  readonly dilationW: number;
  readonly groups: number;
}


/** A spec from PyTorch-style arguments (an int or an [h, w] pair each). */
export function conv2dSpec(a: {
  inChannels: number; outChannels: number; kernel: Pair; stride?: Pair; padding?: Pair; dilation?: Pair; groups?: number;
}): Conv2dSpec {
  const [kernelH, kernelW] = pair(a.kernel), [strideH, strideW] = pair(a.stride ?? 1);
  const [padH, padW] = pair(a.padding ?? 0), [dilationH, dilationW] = pair(a.dilation ?? 1);
  return { inChannels: a.inChannels, outChannels: a.outChannels, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, groups: a.groups ?? 1 };
}

/**
 * 'im2col': patches and the tuned products; 'depthwise': engine/kernels/depthwise.ts's direct loops,
 * for one input channel per group. 'auto' picks depthwise exactly there (see the figures above).
 */
export type Conv2dMethod = 'auto' | 'im2col' | 'depthwise';

/**
 * Buffers a convolution layer reuses every step, for inputs [<= maxBatch, in, height, width]. The
 * im2col patches of the whole batch dominate: maxBatch outH outW in kh kw floats (LeNet's conv1 at
 * batch 32: 2.5 MB; a 3x3 64 -> 64 on 32x32: 75 MB), which the cost limits should count.
 */
export interface Conv2dWorkspace {
  readonly spec: Conv2dSpec;
  readonly method: Exclude<Conv2dMethod, 'auto'>;
  readonly geometry: PatchGeometry;
  readonly maxBatch: number;
  /** Per group, the patch matrix [maxBatch P, K] of the last forward (the backward reuses it). */
  readonly patches: readonly Float32Array[];
  /** The input whose patches are held: the backward refuses any other. */
  patchesOf: Float32Array | null;
  /** Pixel-major outputs of one group [maxBatch P, out / groups]; the backward's dY in the same layout. */
  readonly pixelRows: Float32Array;
  /** The gradient of one group's patch matrix. */
  readonly dPatches: Float32Array;
  /** One group's weight and weight gradient when groups > 1 (a contiguous copy the products can take). */
  readonly groupWeight: Float32Array;
  readonly groupDWeight: Float32Array;
  /** matmulABT's transpose scratch. */
  readonly scratch: Float32Array;
  /** col2im's float64 accumulator for dx [maxBatch, in, height, width] (im2col only). */
  readonly dxSums: Float64Array;
  /** The depthwise loops' float64 accumulator plane (an input or an output plane). */
  readonly planeScratch: Float64Array;
  /** The bias gradient's float64 sums, one per output channel (im2col: taken in the pass that reorders dY). */
  readonly biasSums: Float64Array;
}

export function createConv2dWorkspace(spec: Conv2dSpec, height: number, width: number, maxBatch: number, method: Conv2dMethod = 'auto'): Conv2dWorkspace {
  const { inChannels, outChannels, groups } = spec;
  if (!(Number.isInteger(groups) && groups > 0 && inChannels % groups === 0 && outChannels % groups === 0)) {
    throw new Error(`conv2d: ${groups} groups must divide both ${inChannels} input and ${outChannels} output channels`);
  }
  const outH = assertWindow('conv2d', 'height', height, spec.kernelH, spec.strideH, spec.padH, spec.dilationH);
  const outW = assertWindow('conv2d', 'width', width, spec.kernelW, spec.strideW, spec.padW, spec.dilationW);
  const geometry: PatchGeometry = { ...spec, channels: inChannels, groupChannels: inChannels / groups, height, width, outH, outW };
  const depthwiseShape = groups > 1 && geometry.groupChannels === 1;
  if (method === 'depthwise' && !depthwiseShape) throw new Error(`conv2d: the depthwise method needs one input channel per group, got ${inChannels} in ${groups} groups`);
  const chosen = method === 'auto' ? (depthwiseShape ? 'depthwise' : 'im2col') : method;
  const k = patchSize(geometry), rows = chosen === 'im2col' ? maxBatch * outH * outW : 0, groupOut = outChannels / groups;
  const all = new Float32Array(groups * rows * k);
  const patches = Array.from({ length: groups }, (_, g) => all.subarray(g * rows * k, (g + 1) * rows * k));
  const single = groups === 1 || chosen !== 'im2col' ? 0 : groupOut * k;
  return {
    spec, method: chosen, geometry, maxBatch, patches, patchesOf: null,
    pixelRows: new Float32Array(rows * groupOut), dPatches: new Float32Array(rows * k),
    groupWeight: new Float32Array(single), groupDWeight: new Float32Array(single), scratch: new Float32Array(groupOut * k),
    dxSums: new Float64Array(chosen === 'im2col' ? maxBatch * inChannels * height * width : 0),
    planeScratch: new Float64Array(chosen === 'depthwise' ? Math.max(height * width, outH * outW) : 0),
    biasSums: new Float64Array(outChannels),
  };
}

function checkShapes(what: string, x: Tensor, weight: Tensor, ws: Conv2dWorkspace): number {
  assertImage(what, 'input', x);
  const { spec, geometry: g } = ws, batch = x.shape[0];
  if (batch > ws.maxBatch) throw new Error(`${what}: batch ${batch} exceeds the workspace's ${ws.maxBatch}`);
  assertNchw(what, 'input', x, batch, spec.inChannels, g.height, g.width);
  assertNchw(what, 'weight', weight, spec.outChannels, g.groupChannels, spec.kernelH, spec.kernelW);
  return batch;
}

/** Forward: y = conv(x, weight) + bias (bias may be null). Keeps x's patches in ws for the backward. */
export function conv2dForward(x: Tensor, weight: Tensor, bias: Tensor | null, y: Tensor, ws: Conv2dWorkspace): void {
  const batch = checkShapes('conv2dForward', x, weight, ws);
  const { spec, geometry: g } = ws, out = spec.outChannels, groups = spec.groups;
  assertNchw('conv2dForward', 'output', y, batch, out, g.outH, g.outW);
  if (bias) assertChannels('conv2dForward', 'bias', bias, out);
  const k = patchSize(g), pixels = g.outH * g.outW, rows = batch * pixels, groupOut = out / groups;
  if (ws.method === 'depthwise') {
    depthwiseForward(x.data, weight.data, bias ? bias.data : null, y.data, ws.planeScratch, batch, out, g);
    return;
  }
  const yd = y.data, rowsOut = ws.pixelRows;
  for (let grp = 0; grp < groups; grp++) {
    im2col(x.data, batch, grp * g.groupChannels, g, ws.patches[grp]);
    const w = groups === 1 ? weight.data : copyBlock(weight.data, grp * groupOut * k, ws.groupWeight);
    matmulABT(ws.patches[grp], w, rowsOut, rows, k, groupOut, ws.scratch);
    // Pixel-major rows back to NCHW planes, adding the bias on the way.
    for (let n = 0; n < batch; n++) {
      for (let o = 0; o < groupOut; o++) {
        const channel = grp * groupOut + o;
        const b = bias ? bias.data[channel] : 0;
        const dst = (n * out + channel) * pixels;
        let src = n * pixels * groupOut + o;
        for (let p = 0; p < pixels; p++, src += groupOut) yd[dst + p] = rowsOut[src] + b;
      }
    }
  }
  ws.patchesOf = x.data;
}

/**
 * Backward given dL/dy: dWeight = dY^T patches, dBias = sum of dy over batch and pixels,
 * dx = col2im(dY W) (skipped when dx is null, as for a first layer). Overwrites its gradients.
 * With im2col, ws must hold the patches of the last conv2dForward on this x (as batchNormBackward needs xHat).
 */
export function conv2dBackward(
  x: Tensor, weight: Tensor, dy: Tensor, dx: Tensor | null, dWeight: Tensor, dBias: Tensor | null, ws: Conv2dWorkspace,
): void {
  const batch = checkShapes('conv2dBackward', x, weight, ws);
  const { spec, geometry: g } = ws, out = spec.outChannels, groups = spec.groups;
  assertNchw('conv2dBackward', 'dy', dy, batch, out, g.outH, g.outW);
  assertNchw('conv2dBackward', 'dWeight', dWeight, out, g.groupChannels, spec.kernelH, spec.kernelW);
  if (dBias) assertChannels('conv2dBackward', 'dBias', dBias, out);
  if (dx) assertNchw('conv2dBackward', 'dx', dx, batch, spec.inChannels, g.height, g.width);
  if (ws.method === 'im2col' && ws.patchesOf !== x.data) throw new Error('conv2dBackward: the workspace holds the patches of another input; run conv2dForward on this one first');
  const k = patchSize(g), pixels = g.outH * g.outW, rows = batch * pixels, groupOut = out / groups;
  const dyd = dy.data, dyRows = ws.pixelRows;
  if (dBias && ws.method === 'depthwise') {
    for (let o = 0; o < out; o++) {
      let sum = 0;
      for (let n = 0; n < batch; n++) {
        const src = (n * out + o) * pixels;
        for (let p = 0; p < pixels; p++) sum += dyd[src + p];
      }
      dBias.data[o] = sum;
    }
  }
  if (ws.method === 'depthwise') {
    depthwiseWeightGradient(x.data, dyd, dWeight.data, batch, out, g);
    if (dx) depthwiseInputGradient(weight.data, dyd, dx.data, ws.planeScratch, batch, out, g);
    return;
  }
  const dxSums = ws.dxSums, biasSums = ws.biasSums;
  if (dx) dxSums.fill(0, 0, dx.data.length);
  biasSums.fill(0);
  for (let grp = 0; grp < groups; grp++) {
    // NCHW planes to pixel-major rows, the layout of the forward's product; the bias gradient on the
    // way (each channel's sum over images, then pixels, in that order, as a separate pass would).
    for (let n = 0; n < batch; n++) {
      for (let o = 0; o < groupOut; o++) {
        const channel = grp * groupOut + o, src = (n * out + channel) * pixels;
        let dst = n * pixels * groupOut + o, sum = biasSums[channel];
        for (let p = 0; p < pixels; p++, dst += groupOut) {
          const v = dyd[src + p];
          dyRows[dst] = v;
          sum += v;
        }
        biasSums[channel] = sum;
      }
    }
    const dw = groups === 1 ? dWeight.data : ws.groupDWeight;
    if (groupOut < NARROW_OUT) {
      // dW^T = P^T dY: K rows of output take the products' 8-row tiles, where dY^T P would leave
      // every one of fewer than 8 rows to a single-row pass over all the patches. Same sums, same order.
      matmulATB(ws.patches[grp], dyRows, ws.scratch, k, rows, groupOut);
      transpose(ws.scratch, dw, k, groupOut);
    } else {
      matmulATB(dyRows, ws.patches[grp], dw, groupOut, rows, k);
    }
    if (groups > 1) dWeight.data.set(dw, grp * groupOut * k);
    if (!dx) continue;
    const w = groups === 1 ? weight.data : copyBlock(weight.data, grp * groupOut * k, ws.groupWeight);
    matmulAB(dyRows, w, ws.dPatches, rows, groupOut, k);
    col2im(ws.dPatches, batch, grp * g.groupChannels, g, dxSums);
  }
  if (dBias) for (let o = 0; o < out; o++) dBias.data[o] = biasSums[o];
  if (!dx) return;
  const dxd = dx.data;
  for (let i = 0; i < dxd.length; i++) dxd[i] = dxSums[i];
}

/** Below this many output channels per group the weight gradient is computed transposed (8 = the products' tile rows). */
const NARROW_OUT = 8;

/** dst = src[start, start + dst.length): one group's weight rows, contiguous for the product. */
function copyBlock(src: Float32Array, start: number, dst: Float32Array): Float32Array {
  for (let i = 0; i < dst.length; i++) dst[i] = src[start + i];
  return dst;
}
