/**
 * The effective receptive field (Luo et al. 2016): the gradient of the centre unit of a layer's
 * map with respect to the input, as |dL/dx| summed over input channels and averaged over a batch
 * of N(0, 1) images. The request, the answer, and the summary both sides read from the map.
 */
import type { InitializerName } from './names.ts';

export interface ErfRequest {
  /** A named architecture or a spec in the grammar. */
  readonly spec: string;
  /** [C, H, W]. */
  readonly input: readonly [number, number, number];
  /** The row of the shape pass whose centre unit is traced; null: the last spatial one. */
  readonly layer: string | null;
  readonly seed: number;
  readonly init: InitializerName;
  /** Random images averaged over (default ERF_BATCH). */
  readonly batch?: number;
}

export const ERF_BATCH = 16;

export interface ErfSummary {
  /** The pixel nearest the map's centre of mass, [row, column]. */
  readonly centre: readonly [number, number];
  /** Mass-weighted standard deviation of the map, in pixels (the root mean of both axes' variances). */
  readonly sd: number;
  /** Sides of the smallest square around the centre holding 68% and 95% of the map's mass (0: no mass). */
  readonly side68: number;
  readonly side95: number;
}

export interface ErfResult {
  /** The row asked for, and the one measured: a block's output when the row lies inside a block. */
  readonly asked: string | null;
  readonly layer: string;
  /** The traced unit in the layer's map, [row, column], and that map's size. */
  readonly unit: readonly [number, number];
  readonly layerSize: readonly [number, number];
  /** The theoretical receptive field of the layer, in input pixels (the shape pass's rf). */
  readonly theoretical: number;
  readonly height: number;
  readonly width: number;
  /** height x width, row-major. */
  readonly map: Float32Array;
  readonly batch: number;
  readonly summary: ErfSummary;
}

/** The smallest centred square side holding `fraction` of the mass; 0 when there is none. */
function sideHolding(map: ArrayLike<number>, height: number, width: number, centre: readonly [number, number], total: number, fraction: number): number {
  if (!(total > 0)) return 0;
  const [cr, cc] = centre, limit = Math.max(height, width);
  for (let r = 0; r < limit; r++) {
    let inside = 0;
    for (let i = Math.max(0, cr - r); i <= Math.min(height - 1, cr + r); i++) {
      for (let j = Math.max(0, cc - r); j <= Math.min(width - 1, cc + r); j++) inside += map[i * width + j];
    }
    if (inside >= fraction * total * (1 - 1e-9)) return 2 * r + 1;
  }
  return 2 * limit - 1;
}

export function erfSummary(map: ArrayLike<number>, height: number, width: number): ErfSummary {
  let total = 0, my = 0, mx = 0;
  for (let i = 0; i < height; i++) {
    for (let j = 0; j < width; j++) {
      const v = map[i * width + j];
      total += v; my += v * i; mx += v * j;
    }
  }
  if (!(total > 0)) return { centre: [Math.floor((height - 1) / 2), Math.floor((width - 1) / 2)], sd: 0, side68: 0, side95: 0 };
  my /= total; mx /= total;
  let vy = 0, vx = 0;
  for (let i = 0; i < height; i++) {
    for (let j = 0; j < width; j++) {
      const v = map[i * width + j];
      vy += v * (i - my) ** 2; vx += v * (j - mx) ** 2;
    }
  }
  const centre = [Math.round(my), Math.round(mx)] as const;
  return { centre, sd: Math.sqrt((vy + vx) / (2 * total)), side68: sideHolding(map, height, width, centre, total, 0.68), side95: sideHolding(map, height, width, centre, total, 0.95) };
}
