/**
 * The phase diagram's grid, computed once per page in slices of a few milliseconds (so no frame
 * waits on it) and cached: it depends on nothing the controls change.
 */
import { useEffect, useState } from 'react';
import { CHAOS_GRID, gridAxes, tanhChaosPoint, tanhCriticalSw2, type ChaosPoint } from '../../../engine/contract/chaosPlane.ts';
import { criticalSw2, planePoint, type PlaneActivation } from '../../../engine/contract/chaosActivations.ts';

export interface ChaosGrid {
  readonly rows: number;
  readonly columns: number;
  /** rows x columns, row-major, row 0 at sigma_b^2's low end (xi is NaN where q* does not exist). */
  readonly points: readonly ChaosPoint[];
  readonly xi: Float64Array;
  /** The boundary chi_1 = 1 as (sigma_w^2, sigma_b^2) pairs, sigma_b^2 increasing. */
  readonly boundary: readonly (readonly [number, number])[];
  /** Wall time from the first slice to the last, ms. */
  readonly ms: number;
}

const SLICE_MS = 8;
const BOUNDARY_POINTS = 31;
let cached: ChaosGrid | null = null;
let running: Promise<ChaosGrid> | null = null;

/** Yield to the page: a message-channel task (setTimeout(0) is clamped to 4 ms once nested). */
function nextTask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { channel.port1.close(); resolve(); };
    channel.port2.postMessage(null);
  });
}

/** Cells in the order the warm start wants: each row from its chaotic (large sigma_w^2) end. */
export async function computeChaosGrid(onProgress?: (fraction: number) => void): Promise<ChaosGrid> {
  const { rows, columns } = CHAOS_GRID;
  const { sw2, sb2 } = gridAxes();
  const points: ChaosPoint[] = new Array(rows * columns);
  const t0 = performance.now();
  let sliceStart = t0;
  for (let r = 0; r < rows; r++) {
    let start = 0;
    for (let k = columns - 1; k >= 0; k--) {
      const p = tanhChaosPoint(sw2[k], sb2[r], start);
      points[r * columns + k] = p;
      start = p.cStar < 1 ? p.cStar : 0;
      if (performance.now() - sliceStart > SLICE_MS) {
        onProgress?.((r * columns + columns - k) / (rows * columns));
        await nextTask();
        sliceStart = performance.now();
      }
    }
  }
  const [lo, hi] = CHAOS_GRID.sb2;
  const boundary: [number, number][] = [];
  for (let i = 0; i < BOUNDARY_POINTS; i++) {
    const b = lo + ((hi - lo) * i) / (BOUNDARY_POINTS - 1);
    boundary.push([tanhCriticalSw2(b), b]);
    if (performance.now() - sliceStart > SLICE_MS) { await nextTask(); sliceStart = performance.now(); }
  }
  return { rows, columns, points, xi: Float64Array.from(points, (p) => p.xiC), boundary, ms: performance.now() - t0 };
}

/** The grid once it is ready (null before), and how far along it is. */
export function useChaosGrid(): { grid: ChaosGrid | null; progress: number } {
  const [grid, setGrid] = useState<ChaosGrid | null>(cached);
  const [progress, setProgress] = useState(cached ? 1 : 0);
  useEffect(() => {
    if (cached) return;
    let live = true;
    running ??= computeChaosGrid((f) => { if (live) setProgress(f); }).then((g) => (cached = g));
    void running.then((g) => { if (live) { setGrid(g); setProgress(1); } });
    return () => { live = false; };
  }, []);
  return { grid, progress };
}

/** The plane of an activation with closed forms (erf, ReLU, linear): milliseconds, so computed at once. */
export function closedFormGrid(act: Exclude<PlaneActivation, 'tanh'>): ChaosGrid {
  const t0 = performance.now();
  const { rows, columns } = CHAOS_GRID;
  const { sw2, sb2 } = gridAxes();
  const points: ChaosPoint[] = [];
  const xi = new Float64Array(rows * columns);
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < columns; k++) {
      const p = planePoint(act, sw2[k], sb2[r]);
      points.push(p);
      xi[r * columns + k] = p.regime === 'unbounded' ? NaN : p.xiC;
    }
  }
  const [lo, hi] = CHAOS_GRID.sb2;
  const boundary = Array.from({ length: BOUNDARY_POINTS }, (_, i) => {
    const b = lo + ((hi - lo) * i) / (BOUNDARY_POINTS - 1);
    return [criticalSw2(act, b), b] as const;
  });
  return { rows, columns, points, xi, boundary, ms: performance.now() - t0 };
}
