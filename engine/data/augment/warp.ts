/**
 * One resampling for every geometric augmentation of an image: each output pixel reads the source
 * at a point of its own (sourceX, sourceY, in pixel coordinates, pixel centres at 0..W-1), by
 * bilinear interpolation, with 0 (the background) outside the image. Whole-pixel source points
 * read exactly one pixel with weight 1, so an integer shift moves pixels exactly.
 */
import * as P from '../../math/portable.ts';

/**
 * dst[c][y][x] = bilinear(src[c], sourceX[y W + x], sourceY[y W + x]) for each of `channels`
 * planes of height x width (channel-major). Writes into dst; allocates nothing.
 */
export function resampleBilinear(
  src: Float64Array, dst: Float64Array, channels: number, height: number, width: number, sourceX: Float64Array, sourceY: Float64Array,
): void {
  const plane = height * width;
  if (src.length < channels * plane || dst.length < channels * plane) throw new Error(`resampleBilinear: buffers of ${src.length} and ${dst.length} for ${channels}x${height}x${width}`);
  for (let p = 0; p < plane; p++) {
    const sx = sourceX[p], sy = sourceY[p];
    const x0 = Math.floor(sx), y0 = Math.floor(sy);
    const fx = sx - x0, fy = sy - y0;
    // Weights of the four neighbours; a neighbour outside the image reads 0.
    const w00 = (1 - fx) * (1 - fy), w01 = fx * (1 - fy), w10 = (1 - fx) * fy, w11 = fx * fy;
    const inX0 = x0 >= 0 && x0 < width, inX1 = x0 + 1 >= 0 && x0 + 1 < width;
    const inY0 = y0 >= 0 && y0 < height, inY1 = y0 + 1 >= 0 && y0 + 1 < height;
    for (let c = 0; c < channels; c++) {
      const base = c * plane;
      let v = 0;
      if (inY0) {
        const row = base + y0 * width;
        if (inX0 && w00 !== 0) v += w00 * src[row + x0];
        if (inX1 && w01 !== 0) v += w01 * src[row + x0 + 1];
      }
      if (inY1) {
        const row = base + (y0 + 1) * width;
        if (inX0 && w10 !== 0) v += w10 * src[row + x0];
        if (inX1 && w11 !== 0) v += w11 * src[row + x0 + 1];
      }
      dst[base + p] = v;
    }
  }
}

/**
 * The source point of every output pixel for a translation (tx, ty), a rotation by `angle`
 * (radians; the sign is immaterial to augmentation, which draws it symmetrically) and a zoom about the
 * centre ((W-1)/2, (H-1)/2), after an elastic displacement (dx, dy per output pixel, or null):
 * source = c + R(-angle) (p + d(p) - c - t) / zoom. The image's content moves by +t.
 */
export function affineSourceMap(
  tx: number, ty: number, angle: number, zoom: number, dx: Float64Array | null, dy: Float64Array | null,
  height: number, width: number, sourceX: Float64Array, sourceY: Float64Array,
): void {
  const cos = P.cos(angle), sin = P.sin(angle);
  const cx = (width - 1) / 2, cy = (height - 1) / 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const u = (dx ? x + dx[p] : x) - cx - tx;
      const v = (dy ? y + dy[p] : y) - cy - ty;
      sourceX[p] = cx + (cos * u + sin * v) / zoom;
      sourceY[p] = cy + (cos * v - sin * u) / zoom;
    }
  }
}
