import { createRng, deriveSeed } from '../rng.ts';

/**
 * W4's shapes, shared data and the layout conversions the peers need. Every implementation starts
 * from these float32 weights, in the engine's layouts:
 *   conv weights [out][in][kh][kw] (PyTorch's), dense weights [fanIn][fanOut] (y = x W + b), and the
 *   first dense layer's input is the NCHW flatten of pool 2: feature = c 25 + y 5 + x.
 * The peers hold images channels-last (tfjs NHWC, ConvNetJS's Vol: w[(y sx + x) depth + d]), so
 * their conv weights are [kh][kw][in][out] (tfjs) or per filter [kh][kw][in] (ConvNetJS), and their
 * first dense layer sees pool 2 as (y 5 + x) 16 + c: its weight rows are permuted to match.
 */

export interface LenetShape {
  readonly batch: number;
  readonly size: number;
  readonly classes: number;
  readonly learningRate: number;
}

/** Channels of conv 1 and 2, kernel 5, then the dense widths from the 400 flattened features. */
export const C1 = 6, C2 = 16, K = 5, POOLED = 5, FEATURES = C2 * POOLED * POOLED;
export const DENSE = [FEATURES, 120, 84] as const;

export interface LenetData {
  /** conv1 w, b, conv2 w, b, dense 1..3 w, b: the parameters in the order the workers write them. */
  readonly params: Float32Array[];
  /** Two batches of NCHW images [batch, 1, size, size], stepped in turn. */
  readonly inputs: readonly [Float32Array, Float32Array];
  readonly labels: readonly [Int32Array, Int32Array];
}

/** Sizes of the parameters in the workers' order. */
export function lenetParameterSizes(w: LenetShape): number[] {
  return [C1 * K * K, C1, C2 * C1 * K * K, C2, FEATURES * 120, 120, 120 * 84, 84, 84 * w.classes, w.classes];
}

/** Multiply-adds of one forward pass per image, per layer: conv1, conv2, dense 1..3. */
export function lenetMacsPerImage(w: LenetShape): number[] {
  const s = w.size, s2 = s / 2 - K + 1;
  return [s * s * C1 * K * K, s2 * s2 * C2 * C1 * K * K, FEATURES * 120, 120 * 84, 84 * w.classes];
}

const SEED = 20261206;

/** He normal before ReLU, Glorot normal for the logits; small non-zero biases; N(0, 1) pixels, uniform labels. */
export function makeLenetData(w: LenetShape): LenetData {
  const rng = createRng(deriveSeed(SEED, 0));
  const normal = (n: number, std: number) => Float32Array.from({ length: n }, () => std * rng.normal());
  const fanIns = [K * K, C1 * K * K, FEATURES, 120, 84];
  const params: Float32Array[] = [];
  lenetParameterSizes(w).forEach((size, i) => {
    const layer = i >> 1, isWeight = i % 2 === 0, fanIn = fanIns[layer];
    const std = layer === 4 ? Math.sqrt(2 / (fanIn + w.classes)) : Math.sqrt(2 / fanIn);
    params.push(normal(size, isWeight ? std : 0.01));
  });
  const dataRng = createRng(deriveSeed(SEED, 1));
  const batch = () => Float32Array.from({ length: w.batch * w.size * w.size }, () => dataRng.normal());
  const labels = () => Int32Array.from({ length: w.batch }, () => dataRng.nextUint32() % w.classes);
  return { params, inputs: [batch(), batch()], labels: [labels(), labels()] };
}

/** Feature index of the NCHW flatten (c 25 + y 5 + x) for each channels-last feature (y 5 + x) 16 + c. */
export function channelsLastFeatureOrder(): Int32Array {
  const order = new Int32Array(FEATURES);
  for (let y = 0; y < POOLED; y++) {
    for (let x = 0; x < POOLED; x++) {
      for (let c = 0; c < C2; c++) order[(y * POOLED + x) * C2 + c] = c * POOLED * POOLED + y * POOLED + x;
    }
  }
  return order;
}

/** [out][in][kh][kw] to [kh][kw][in][out] (tfjs's filter layout), and back with inverse. */
export function oihwToHwio(src: ArrayLike<number>, out: number, inC: number, inverse = false): Float32Array {
  const dst = new Float32Array(out * inC * K * K);
  for (let o = 0; o < out; o++) {
    for (let c = 0; c < inC; c++) {
      for (let i = 0; i < K * K; i++) {
        const oihw = (o * inC + c) * K * K + i, hwio = (i * inC + c) * out + o;
        if (inverse) dst[oihw] = src[hwio];
        else dst[hwio] = src[oihw];
      }
    }
  }
  return dst;
}
