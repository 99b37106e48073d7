/**
 * Elastic deformation (Simard, Steinkraus & Platt 2003, "Best practices for convolutional neural
 * networks applied to visual document analysis", section 2): a random displacement field, each
 * component uniform in [-1, 1] per pixel, smoothed by a Gaussian of standard deviation sigma
 * (pixels) and scaled by alpha. Small sigma gives nearly random (shaky) fields; large sigma,
 * nearly affine ones; in between, the warps of handwriting. The smoothing pads with zeros and
 * truncates the kernel at 4 sigma, as scipy.ndimage.gaussian_filter(mode='constant') does in the
 * paper's common reimplementation. A filtered unit white field has variance Var[u] sum k^2 ~
 * (1/3) / (4 pi sigma^2) in 2D, so the RMS displacement is about 0.16 alpha / sigma pixels.
 */
import * as P from '../../math/portable.ts';
import type { Rng } from '../../rng.ts';

/** The 1D Gaussian kernel of standard deviation sigma, truncated at 4 sigma, summing to 1. */
export function gaussianKernel(sigma: number): Float64Array {
  const radius = Math.max(1, Math.ceil(4 * sigma));
  const k = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) sum += (k[i + radius] = P.exp(-(i * i) / (2 * sigma * sigma)));
  for (let i = 0; i < k.length; i++) k[i] /= sum;
  return k;
}

/** Smooth a height x width field in place with the separable kernel (zeros outside); tmp is scratch of the same size. */
export function smoothField(field: Float64Array, tmp: Float64Array, height: number, width: number, kernel: Float64Array): void {
  const radius = (kernel.length - 1) / 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let s = 0;
      const lo = Math.max(0, x - radius), hi = Math.min(width - 1, x + radius);
      for (let j = lo; j <= hi; j++) s += kernel[j - x + radius] * field[y * width + j];
      tmp[y * width + x] = s;
    }
  }
  for (let y = 0; y < height; y++) {
    const lo = Math.max(0, y - radius), hi = Math.min(height - 1, y + radius);
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let i = lo; i <= hi; i++) s += kernel[i - y + radius] * tmp[i * width + x];
      field[y * width + x] = s;
    }
  }
}

/** A displacement field into dx and dy (pixels): uniform [-1, 1] per pixel, smoothed, times alpha. */
export function elasticField(rng: Rng, alpha: number, kernel: Float64Array, height: number, width: number, dx: Float64Array, dy: Float64Array, tmp: Float64Array): void {
  const n = height * width;
  for (let p = 0; p < n; p++) dx[p] = 2 * rng.uniform() - 1;
  for (let p = 0; p < n; p++) dy[p] = 2 * rng.uniform() - 1;
  smoothField(dx, tmp, height, width, kernel);
  smoothField(dy, tmp, height, width, kernel);
  for (let p = 0; p < n; p++) {
    dx[p] *= alpha;
    dy[p] *= alpha;
  }
}
