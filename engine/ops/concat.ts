import type { Tensor } from '../tensor.ts';
import { assertImage, assertNchw } from './nchw.ts';

/**
 * Channel concatenation of NCHW tensors (torch.cat(xs, dim=1)), as an Inception module joins its
 * branches and a dense block grows its input. Every input shares batch, height and width; the output
 * has the sum of their channels. Per image the inputs' blocks are contiguous, so both directions are
 * block copies. The backward is the adjoint: each input's gradient is its slice of dy.
 */

/** Channels of the concatenation; throws naming the shapes when batch, height or width differ. */
export function concatChannels(what: string, xs: readonly Tensor[]): number {
  if (xs.length === 0) throw new Error(`${what}: nothing to concatenate`);
  const first = xs[0].shape;
  let channels = 0;
  for (let i = 0; i < xs.length; i++) {
    const s = xs[i].shape;
    // Messages are built only on failure: this runs every step.
    if (s.length !== 4 || xs[i].data.length !== s[0] * s[1] * s[2] * s[3]) assertImage(what, `input ${i}`, xs[i]);
    if (s[0] !== first[0] || s[2] !== first[2] || s[3] !== first[3]) assertNchw(what, `input ${i} (batch, height, width of input 0)`, xs[i], first[0], s[1], first[2], first[3]);
    channels += s[1];
  }
  return channels;
}

/** y = cat(xs, channel axis). */
export function concatForward(xs: readonly Tensor[], y: Tensor): void {
  const channels = concatChannels('concatForward', xs);
  const n = xs[0].shape[0], h = xs[0].shape[2], w = xs[0].shape[3];
  assertNchw('concatForward', 'output', y, n, channels, h, w);
  const plane = h * w, yd = y.data;
  let offset = 0;
  for (const x of xs) {
    const block = x.shape[1] * plane, xd = x.data;
    for (let b = 0; b < n; b++) {
      const dst = b * channels * plane + offset, src = b * block;
      for (let t = 0; t < block; t++) yd[dst + t] = xd[src + t];
    }
    offset += block;
  }
}

/** dxs[i] = the slice of dy that xs[i] filled (every input gets its gradient: its channels place the next slice). */
export function concatBackward(dy: Tensor, dxs: readonly Tensor[]): void {
  const channels = concatChannels('concatBackward', dxs);
  const n = dxs[0].shape[0], h = dxs[0].shape[2], w = dxs[0].shape[3];
  assertNchw('concatBackward', 'dy', dy, n, channels, h, w);
  const plane = h * w, dyd = dy.data;
  let offset = 0;
  for (const dx of dxs) {
    const block = dx.shape[1] * plane, dxd = dx.data;
    for (let b = 0; b < n; b++) {
      const src = b * channels * plane + offset, dst = b * block;
      for (let t = 0; t < block; t++) dxd[dst + t] = dyd[src + t];
    }
    offset += block;
  }
}
