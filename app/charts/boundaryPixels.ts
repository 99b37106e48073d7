/**
 * The decision boundary as pixels and as numbers. Pure: the grid (engine/train/boundary.ts, row 0
 * at the bottom) and the theme's colours in, an RGBA image (row 0 at the top) or a summary out.
 */
import type { BoundaryGrid } from '../../engine/contract/trainLayout.ts';
import { mixRgb, type Rgb } from './colormap.ts';

/** How strongly the most confident cells are tinted: points drawn on top stay readable. */
export const MAX_TINT = 0.5;
/** The faintest tint a cell with a decided class gets, so every region shows its class. */
export const MIN_TINT = 0.08;

/**
 * One pixel per grid cell: the most likely class's colour over the background, stronger with
 * confidence. The tint rises from MIN_TINT at p = 1/K (a coin toss among K classes) to MAX_TINT at p = 1.
 */
export function boundaryPixels(grid: BoundaryGrid, classColors: readonly Rgb[], background: Rgb): Uint8ClampedArray<ArrayBuffer> {
  const { resolution: n, classes: k, probs } = grid;
  const out = new Uint8ClampedArray(n * n * 4);
  for (let i = 0; i < n; i++) {
    const imageRow = n - 1 - i; // grid row 0 is the bottom of the plane
    for (let j = 0; j < n; j++) {
      const at = (i * n + j) * k;
      let best = 0, p = probs[at];
      for (let c = 1; c < k; c++) if (probs[at + c] > p) { p = probs[at + c]; best = c; }
      const o = (imageRow * n + j) * 4;
      if (!(p >= 0)) { // NaN: a diverged net; leave the background
        out.set([background[0], background[1], background[2], 255], o);
        continue;
      }
      const confidence = k > 1 ? Math.max(0, (p - 1 / k) / (1 - 1 / k)) : 1;
      const [r, g, b] = mixRgb(background, classColors[best % classColors.length], MIN_TINT + (MAX_TINT - MIN_TINT) * confidence);
      out[o] = r; out[o + 1] = g; out[o + 2] = b; out[o + 3] = 255;
    }
  }
  return out;
}

/** Per class: its share of the plane (cells where it is the most likely) and its mean probability there. */
export interface ClassArea {
  readonly share: number;
  readonly meanConfidence: number;
}

export function classAreas(grid: BoundaryGrid): ClassArea[] {
  const { resolution: n, classes: k, probs } = grid;
  const cells = new Float64Array(k), confidence = new Float64Array(k);
  for (let cell = 0; cell < n * n; cell++) {
    const at = cell * k;
    let best = 0, p = probs[at];
    for (let c = 1; c < k; c++) if (probs[at + c] > p) { p = probs[at + c]; best = c; }
    if (!(p >= 0)) continue;
    cells[best]++;
    confidence[best] += p;
  }
  return Array.from({ length: k }, (_, c) => ({ share: cells[c] / (n * n), meanConfidence: cells[c] > 0 ? confidence[c] / cells[c] : NaN }));
}

/** Whether every cell has the same colour (an untrained or collapsed network): worth saying in words. */
export function isUniform(pixels: Uint8ClampedArray): boolean {
  for (let o = 4; o < pixels.length; o += 4) {
    if (pixels[o] !== pixels[0] || pixels[o + 1] !== pixels[1] || pixels[o + 2] !== pixels[2]) return false;
  }
  return true;
}
