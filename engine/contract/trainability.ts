/**
 * The trainability map (Schoenholz, Gilmer, Ganguli & Sohl-Dickstein 2017, "Deep information
 * propagation", Figs. 5-6): small tanh networks of weights N(0, sigma_w^2 / n) and biases
 * N(0, sigma_b^2), trained for a fixed number of steps over a grid of (sigma_w^2, depth), each cell
 * coloured by the test accuracy it reaches, with the curve depth = 6 xi_c drawn over it (the paper
 * found networks train to about that depth). The plan is pure and cheap: one cell is one short
 * training run (engine/trainability/cell.ts), run in as many workers as the page has.
 * A map is its plan and its seed, so a link replays the same map.
 */
import { tanhChaosPoint } from './chaosPlane.ts';

export interface TrainabilityPlan {
  /** sigma_w^2 at the first and last column, and the number of columns (evenly spaced). */
  readonly sw2: readonly [number, number];
  readonly columns: number;
  /** Depth (hidden tanh layers) at the first and last row, and the number of rows (evenly spaced, whole numbers). */
  readonly depth: readonly [number, number];
  readonly rows: number;
  /** The biases' variance, one for the whole map (the paper's Fig. 5 uses 0.05). */
  readonly sb2: number;
  readonly width: number;
  /** SGD steps per cell, on batches of `batch` examples. */
  readonly steps: number;
  readonly batch: number;
  readonly lr: number;
  /** The task: 4 Gaussian blobs in the plane (engine/data/toys.ts), `points` for training and as many for the test. */
  readonly points: number;
  readonly classes: number;
}

/**
 * Cheap defaults: 16 x 8 cells of 300 steps at width 24 (the deepest cell about a second), tens of
 * seconds across a laptop's workers. Depth goes to 44, just past 6 xi_c on the chaotic side at
 * sigma_w^2 = 4 (41.9); there 300 steps are too few even at the edge of chaos (the paper's Fig. 6:
 * the trainable region grows with training time toward 6 xi_c).
 */
export const TRAINABILITY_PLAN: TrainabilityPlan = {
  sw2: [0.25, 4], columns: 16, depth: [2, 44], rows: 8, sb2: 0.05, width: 24, steps: 300, batch: 32, lr: 0.01, points: 256, classes: 4,
};

/** One cell: everything a worker needs to train it, and where it sits. */
export interface TrainabilityCell {
  readonly index: number;
  readonly column: number;
  /** 0 at the shallowest depth. */
  readonly row: number;
  readonly sw2: number;
  readonly sb2: number;
  readonly depth: number;
  readonly width: number;
  readonly steps: number;
  readonly batch: number;
  readonly lr: number;
  readonly points: number;
  readonly classes: number;
  /** The map's seed: every cell trains on the same data; its own weights come from seed and index. */
  readonly seed: number;
}

export interface TrainabilityResult {
  readonly index: number;
  /** Accuracy on the held-out points after the last step (chance is 1 / classes). */
  readonly testAccuracy: number;
  readonly trainAccuracy: number;
  /** Mean cross-entropy over the training points after the last step (Infinity when it diverged). */
  readonly trainLoss: number;
  /** Whether a parameter became non-finite (training stops there). */
  readonly diverged: boolean;
}

const evenly = ([lo, hi]: readonly [number, number], n: number, k: number) => (n === 1 ? lo : lo + ((hi - lo) * k) / (n - 1));

export function planColumns(plan: TrainabilityPlan = TRAINABILITY_PLAN): number[] {
  return Array.from({ length: plan.columns }, (_, k) => evenly(plan.sw2, plan.columns, k));
}

export function planDepths(plan: TrainabilityPlan = TRAINABILITY_PLAN): number[] {
  return Array.from({ length: plan.rows }, (_, r) => Math.round(evenly(plan.depth, plan.rows, r)));
}

/** Every cell, deepest first (the longest runs start first, so the workers finish together). */
export function planCells(seed: number, plan: TrainabilityPlan = TRAINABILITY_PLAN): TrainabilityCell[] {
  const sw2 = planColumns(plan), depths = planDepths(plan);
  const cells: TrainabilityCell[] = [];
  for (let row = plan.rows - 1; row >= 0; row--) {
    for (let column = 0; column < plan.columns; column++) {
      cells.push({
        index: row * plan.columns + column, column, row, sw2: sw2[column], sb2: plan.sb2, depth: depths[row],
        width: plan.width, steps: plan.steps, batch: plan.batch, lr: plan.lr, points: plan.points, classes: plan.classes, seed,
      });
    }
  }
  return cells;
}

/** The paper's trainable depth, 6 xi_c, at each sigma_w^2 of `sw2` (Infinity at the edge itself). */
export function sixXiC(sw2: readonly number[], sb2: number): number[] {
  return sw2.map((w) => 6 * tanhChaosPoint(w, sb2).xiC);
}

/** A cell trains when its test accuracy is at least this (chance is 0.25 for 4 classes; trained cells reach 0.9+). */
export const TRAINED_ACCURACY = 0.7;

/**
 * The deepest depth of a column at which the cell and every shallower cell trained (null when the
 * shallowest did not, NaN while a cell below is unfinished). accuracy: rows x columns, row-major, NaN = not yet.
 */
export function trainableDepth(accuracy: ArrayLike<number>, column: number, plan: TrainabilityPlan = TRAINABILITY_PLAN): number | null {
  const depths = planDepths(plan);
  let deepest: number | null = null;
  for (let row = 0; row < plan.rows; row++) {
    const a = accuracy[row * plan.columns + column];
    if (Number.isNaN(a)) return NaN;
    if (!(a >= TRAINED_ACCURACY)) break;
    deepest = depths[row];
  }
  return deepest;
}
