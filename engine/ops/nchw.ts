import type { Tensor } from '../tensor.ts';

/**
 * Shared arithmetic and checks of the NCHW image ops (conv2d, pool2d, concat, batchNorm2d).
 * The spec-level shape helper lives in engine/model/; the ops recompute the one formula they need
 * locally and assert it, so a disagreement between the two surfaces as an error, not a misread buffer.
 */

/** A window op's kernel, stride and padding per axis (conv2d adds dilation and groups). */
export interface Window2d {
  readonly kernelH: number;
  readonly kernelW: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly padH: number;
  readonly padW: number;
}

/** One number for both axes, or [height, width]. */
export type Pair = number | readonly [number, number];
export const pair = (v: Pair): readonly [number, number] => (typeof v === 'number' ? [v, v] : v);

/** PyTorch's output extent of a window op: floor((n + 2p - d (k - 1) - 1) / s) + 1. */
export function outputExtent(n: number, kernel: number, stride: number, padding: number, dilation: number): number {
  return Math.floor((n + 2 * padding - dilation * (kernel - 1) - 1) / stride) + 1;
}

const positive = (v: number) => Number.isInteger(v) && v > 0;

/**
 * The output extent; throws unless the window fits at least once and every size is a positive
 * integer (padding may be 0). The message is `${what} ${name}: ...`, built only on failure.
 */
export function assertWindow(what: string, name: string, n: number, kernel: number, stride: number, padding: number, dilation: number): number {
  const ok = positive(n) && positive(kernel) && positive(stride) && positive(dilation) && Number.isInteger(padding) && padding >= 0;
  const out = ok ? outputExtent(n, kernel, stride, padding, dilation) : 0;
  if (out < 1) {
    throw new Error(`${what} ${name}: a window of ${kernel} (stride ${stride}, padding ${padding}, dilation ${dilation}) does not fit an extent of ${n}`);
  }
  return out;
}

function nchwError(what: string, expected: readonly number[], got: readonly number[]): Error {
  return new Error(`${what}: expected shape [${expected.join(', ')}], got [${got.join(', ')}]`);
}

// The checks below run on every op of every step: they take the op and the tensor's role separately
// and build a message only when they fail, so they allocate nothing.

/** Throws, naming both shapes, unless t is [n, c, h, w]. */
export function assertNchw(what: string, name: string, t: Tensor, n: number, c: number, h: number, w: number): void {
  const s = t.shape;
  if (s.length !== 4 || s[0] !== n || s[1] !== c || s[2] !== h || s[3] !== w) throw nchwError(`${what} ${name}`, [n, c, h, w], s);
}

/** Throws unless t is a 4-d NCHW tensor whose data holds exactly its elements. */
export function assertImage(what: string, name: string, t: Tensor): void {
  const s = t.shape;
  if (s.length !== 4) throw new Error(`${what} ${name}: expected an NCHW image batch [batch, channels, height, width], got [${s.join(', ')}]`);
  if (t.data.length !== s[0] * s[1] * s[2] * s[3]) throw new Error(`${what} ${name}: shape [${s.join(', ')}] holds ${s[0] * s[1] * s[2] * s[3]} values, data has ${t.data.length}`);
}

/** Throws, naming both shapes, unless t is a vector of n entries. */
export function assertChannels(what: string, name: string, t: Tensor, n: number): void {
  const s = t.shape;
  if (s.length !== 1 || s[0] !== n) throw nchwError(`${what} ${name}`, [n], s);
}
