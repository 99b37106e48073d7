import * as P from '../math/portable.ts';
import { createCache, forward, type Cache, type Network } from '../model/network.ts';
import type { Trainer } from './trainer.ts';
import { BOUNDARY_EXTENT, type BoundaryGrid } from '../contract/trainLayout.ts';

export const BOUNDARY_RESOLUTION = 48;

/** Resolutions a painter may use, finest first: coarser ones only where a finer grid costs too much. */
const RESOLUTIONS = [48, 40, 32, 24, 16] as const;

/**
 * Most work for one grid (forward passes of every cell), FLOPs. A 20 x 128 net takes ~0.6 MFLOP a
 * point, so 48 x 48 cells cost 1.4 GFLOP (~1.8 s in a worker): its grid is 24 x 24 (0.36 GFLOP),
 * drawn smoothed, and refreshed ~4x as often. Nets up to ~12 x 64 keep 48 x 48.
 */
export const BOUNDARY_FLOPS = 400e6;

/** The finest resolution whose grid costs at most BOUNDARY_FLOPS (16 at the least). */
export function boundaryResolution(net: Network): number {
  let perPoint = 0;
  for (const unit of net.units) perPoint += 2 * unit.fanIn * unit.fanOut;
  for (const r of RESOLUTIONS) if (r * r * perPoint <= BOUNDARY_FLOPS) return r;
  return RESOLUTIONS[RESOLUTIONS.length - 1];
}

/** Computes grids for one trainer, one grid row per forward pass, with buffers allocated once. */
export class BoundaryPainter {
  private readonly cache: Cache;
  private readonly trainer: Trainer;
  readonly resolution: number;
  readonly extent: number;

  constructor(trainer: Trainer, resolution = BOUNDARY_RESOLUTION, extent = BOUNDARY_EXTENT) {
    if (trainer.dataset.inputWidth !== 2) throw new Error(`a decision boundary needs 2D data, not ${trainer.dataset.inputWidth} inputs`);
    this.trainer = trainer;
    this.resolution = resolution;
    this.extent = extent;
    this.cache = createCache(trainer.net, resolution, { gradients: false, heads: false });
  }

  /** A fresh grid (its array is new, so it can be transferred). */
  paint(): BoundaryGrid {
    const { net, dataset } = this.trainer;
    const { resolution: n, extent } = this;
    const classes = dataset.classes;
    const probs = new Float32Array(n * n * classes);
    const x = this.cache.input.data;
    const logits = this.cache.output.data;
    const cell = (2 * extent) / n;
    for (let i = 0; i < n; i++) {
      const y = -extent + (i + 0.5) * cell;
      for (let j = 0; j < n; j++) {
        x[2 * j] = (-extent + (j + 0.5) * cell - dataset.inputMean[0]) / dataset.inputScale[0];
        x[2 * j + 1] = (y - dataset.inputMean[1]) / dataset.inputScale[1];
      }
      forward(net, this.cache, 'eval');
      for (let j = 0; j < n; j++) softmaxRow(logits, j * classes, classes, probs, (i * n + j) * classes);
    }
    return { resolution: n, extent, classes, probs };
  }
}

function softmaxRow(z: Float32Array, from: number, classes: number, out: Float32Array, to: number): void {
  let max = -Infinity;
  for (let c = 0; c < classes; c++) if (z[from + c] > max) max = z[from + c];
  let sum = 0;
  for (let c = 0; c < classes; c++) sum += P.exp(z[from + c] - max);
  for (let c = 0; c < classes; c++) out[to + c] = P.exp(z[from + c] - max) / sum;
}
