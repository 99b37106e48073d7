import { describe, expect, it } from 'vitest';
import { createRng } from '../../rng.ts';
import { affineSourceMap, resampleBilinear } from './warp.ts';

const H = 7, W = 9;
function image(seed: number, border = 0): Float64Array {
  const rng = createRng(seed), a = new Float64Array(H * W);
  for (let y = border; y < H - border; y++) for (let x = border; x < W - border; x++) a[y * W + x] = Math.floor(rng.uniform() * 17);
  return a;
}
function warp(src: Float64Array, tx: number, ty: number, angle = 0, zoom = 1): Float64Array {
  const sx = new Float64Array(H * W), sy = new Float64Array(H * W), out = new Float64Array(H * W);
  affineSourceMap(tx, ty, angle, zoom, null, null, H, W, sx, sy);
  resampleBilinear(src, out, 1, H, W, sx, sy);
  return out;
}
const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);

describe('the geometric warp (one bilinear resampling)', () => {
  it.each([[1, 0], [0, -2], [3, 2], [-1, -1]])('a whole-pixel shift (%s, %s) moves every pixel exactly, background 0 coming in', (tx, ty) => {
    const src = image(1), out = warp(src, tx, ty);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const fromX = x - tx, fromY = y - ty;
        const want = fromX >= 0 && fromX < W && fromY >= 0 && fromY < H ? src[fromY * W + fromX] : 0;
        expect(out[y * W + x]).toBe(want);
      }
    }
  });

  it('no motion (angle 0, zoom 1, shift 0) is the identity, bit for bit', () => {
    const src = image(2);
    expect(Array.from(warp(src, 0, 0, 0, 1))).toEqual(Array.from(src));
  });

  it('a half-pixel shift keeps the mass of an image away from the border, and every value within the source\'s range', () => {
    const src = image(3, 2), out = warp(src, 0.5, -0.25);
    expect(sum(out)).toBeCloseTo(sum(src), 10);
    const max = Math.max(...src);
    expect(Math.min(...out)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...out)).toBeLessThanOrEqual(max);
    expect(Array.from(out)).not.toEqual(Array.from(src));
  });

  it('a rotation by 180 degrees about the centre flips both axes (to rounding); a square quarter turn maps x to y', () => {
    const src = image(4), out = warp(src, 0, 0, Math.PI);
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) expect(out[y * W + x]).toBeCloseTo(src[(H - 1 - y) * W + (W - 1 - x)], 9);
    const n = 5, sq = new Float64Array(n * n).map((_, i) => i), sx = new Float64Array(n * n), sy = new Float64Array(n * n), turned = new Float64Array(n * n);
    affineSourceMap(0, 0, Math.PI / 2, 1, null, null, n, n, sx, sy);
    resampleBilinear(sq, turned, 1, n, n, sx, sy);
    // source = c + R(-90°)(p - c): output (x, y) reads source (y, n-1-x)... with x right and y down.
    for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) expect(turned[y * n + x]).toBeCloseTo(sq[(n - 1 - x) * n + y], 9);
  });

  it('a zoom of 2 about the centre reads the centre pixel for the centre, and the half-way points between', () => {
    const src = image(5), out = warp(src, 0, 0, 0, 2);
    const cx = (W - 1) / 2, cy = (H - 1) / 2;
    expect(out[cy * W + cx]).toBe(src[cy * W + cx]);
    // Output pixel cx + 2 reads source cx + 1 exactly.
    expect(out[cy * W + cx + 2]).toBe(src[cy * W + cx + 1]);
  });

  it('names the shapes on a mismatch', () => {
    expect(() => resampleBilinear(new Float64Array(3), new Float64Array(63), 1, H, W, new Float64Array(63), new Float64Array(63))).toThrow('buffers of 3 and 63 for 1x7x9');
  });
});
