/**
 * The phase diagram's grid. For the activations computed by quadrature (tanh, sigmoid, GELU, ELU,
 * SELU) once per page and activation, in slices of a few milliseconds (so no frame waits on it), and
 * cached: it depends on nothing the controls change. The closed forms (erf, ReLU, leaky ReLU, linear)
 * take milliseconds and are computed at once.
 */
import { useEffect, useState } from 'react';
import { CHAOS_GRID, gridAxes, type ChaosPoint } from '../../../engine/contract/chaosPlane.ts';
import { criticalSw2, isSmooth, planePoint, smoothPlanePoint, type PlaneActivation, type QuadratureActivation } from '../../../engine/contract/chaosActivations.ts';

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
const cached = new Map<QuadratureActivation, ChaosGrid>();
const running = new Map<QuadratureActivation, Promise<ChaosGrid>>();

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
export async function computeChaosGrid(act: QuadratureActivation = 'tanh', onProgress?: (fraction: number) => void): Promise<ChaosGrid> {
  const { rows, columns } = CHAOS_GRID;
  const { sw2, sb2 } = gridAxes();
  const points: ChaosPoint[] = new Array(rows * columns);
  const xi = new Float64Array(rows * columns);
  const t0 = performance.now();
  let sliceStart = t0;
  for (let r = 0; r < rows; r++) {
    let start = 0;
    for (let k = columns - 1; k >= 0; k--) {
      const p = smoothPlanePoint(act, sw2[k], sb2[r], start, true);
      points[r * columns + k] = p;
      xi[r * columns + k] = p.regime === 'unbounded' ? NaN : p.xiC;
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
    boundary.push([criticalSw2(act, b, CHAOS_GRID.sw2[1] * 2), b]);
    if (performance.now() - sliceStart > SLICE_MS) { await nextTask(); sliceStart = performance.now(); }
  }
  return { rows, columns, points, xi, boundary, ms: performance.now() - t0 };
}

/** The grid of the activation once it is ready (null before), and how far along it is. */
export function useChaosGrid(act: PlaneActivation): { grid: ChaosGrid | null; progress: number } {
  const smooth = isSmooth(act) ? act : null;
  const [state, setState] = useState<{ act: PlaneActivation; grid: ChaosGrid | null; progress: number }>({ act, grid: null, progress: 0 });
  useEffect(() => {
    if (smooth === null || cached.has(smooth)) return;
    let live = true;
    let job = running.get(smooth);
    if (!job) {
      job = computeChaosGrid(smooth, (f) => { if (live) setState({ act: smooth, grid: null, progress: f }); }).then((g) => { cached.set(smooth, g); return g; });
      running.set(smooth, job);
    }
    void job.then((g) => { if (live) setState({ act: smooth, grid: g, progress: 1 }); });
    return () => { live = false; };
  }, [smooth]);
  if (smooth === null) return { grid: null, progress: 1 };
  const done = cached.get(smooth);
  if (done) return { grid: done, progress: 1 };
  return state.act === smooth ? { grid: state.grid, progress: state.progress } : { grid: null, progress: 0 };
}

/** The plane of an activation with closed forms (erf, ReLU, leaky ReLU, linear): milliseconds, so computed at once. */
export function closedFormGrid(act: PlaneActivation): ChaosGrid {
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
