/**
 * The trainability map's pure part: the colour of a cell's accuracy, the curve depth = 6 xi_c
 * cut where it leaves the plot, and the per-column reading of measured trainable depth against it.
 */
import { planColumns, planDepths, sixXiC, trainableDepth, type TrainabilityPlan } from '../../../engine/contract/trainability.ts';
import { viridis, type Rgb } from '../../charts/colormap.ts';

/** Not computed yet. */
export const PENDING: Rgb = [215, 215, 215];

/** Accuracy from chance (dark) to 1 (yellow); a cell not yet trained is light grey. */
export function accuracyColor(accuracy: number, classes: number): Rgb {
  if (Number.isNaN(accuracy)) return PENDING;
  const chance = 1 / classes;
  return viridis(Math.min(1, Math.max(0, (accuracy - chance) / (1 - chance))));
}

/** The plot's extent: each cell's centre at its sigma_w^2 and depth, half a cell of margin. */
export function mapDomains(plan: TrainabilityPlan): { x: [number, number]; y: [number, number] } {
  const dx = plan.columns > 1 ? (plan.sw2[1] - plan.sw2[0]) / (plan.columns - 1) : 1;
  const dy = plan.rows > 1 ? (plan.depth[1] - plan.depth[0]) / (plan.rows - 1) : 1;
  return { x: [plan.sw2[0] - dx / 2, plan.sw2[1] + dx / 2], y: [plan.depth[0] - dy / 2, plan.depth[1] + dy / 2] };
}

/**
 * (sigma_w^2, 6 xi_c) sampled across the plot, with the points where it crosses the top edge
 * inserted and the points above it NaN (the line breaks there: near the edge of chaos xi_c -> inf).
 */
export function sixXiCurve(plan: TrainabilityPlan, samples = 160): [number, number][] {
  const { x: [lo, hi], y: [, top] } = mapDomains(plan);
  const xs = Array.from({ length: samples }, (_, k) => lo + ((hi - lo) * k) / (samples - 1));
  const ys = sixXiC(xs, plan.sb2);
  const out: [number, number][] = [];
  for (let k = 0; k < samples; k++) {
    if (k > 0 && (ys[k - 1] <= top) !== (ys[k] <= top) && Number.isFinite(ys[k - 1]) && Number.isFinite(ys[k])) {
      const t = (top - ys[k - 1]) / (ys[k] - ys[k - 1]);
      out.push([xs[k - 1] + t * (xs[k] - xs[k - 1]), top]);
    }
    out.push([xs[k], ys[k] <= top ? ys[k] : NaN]);
  }
  return out;
}

export interface ColumnReading {
  readonly sw2: number;
  readonly sixXiC: number;
  /** The deepest row trained with every shallower row (null: not even the first; NaN: not finished). */
  readonly trainable: number | null;
}

export function columnReadings(plan: TrainabilityPlan, accuracy: ArrayLike<number>): ColumnReading[] {
  const sw2 = planColumns(plan), line = sixXiC(sw2, plan.sb2);
  return sw2.map((w, k) => ({ sw2: w, sixXiC: line[k], trainable: trainableDepth(accuracy, k, plan) }));
}

/** How a reading's trainable depth reads: "< 2", "≥ 32", "15", or "…" while a cell is missing. */
export function trainableText(plan: TrainabilityPlan, d: number | null): string {
  const depths = planDepths(plan);
  if (d === null) return `< ${depths[0]}`;
  if (Number.isNaN(d)) return '…';
  return d === depths[depths.length - 1] ? `≥ ${d}` : String(d);
}

/**
 * One line from the finished map's own numbers: where the measured trainable depth sits below
 * 6 xi_c, at it (within a row), and where the plot's top cuts both off.
 */
export function mapReading(plan: TrainabilityPlan, accuracy: ArrayLike<number>): string {
  const readings = columnReadings(plan, accuracy);
  if (readings.some((r) => r.trainable !== null && Number.isNaN(r.trainable))) return '';
  const depths = planDepths(plan), rowStep = depths.length > 1 ? depths[1] - depths[0] : 1, deepest = depths[depths.length - 1];
  const pick = readings.filter((_, k) => k % Math.max(1, Math.floor(readings.length / 5)) === 0);
  const parts = pick.map((r) => `σ_w² ${r.sw2.toFixed(2)}: ${trainableText(plan, r.trainable)} (6 ξ_c ${Number.isFinite(r.sixXiC) ? r.sixXiC.toFixed(1) : '∞'})`);
  const comparable = readings.filter((r) => r.sixXiC < deepest && r.trainable !== null && r.trainable < deepest);
  const within = comparable.filter((r) => Math.abs((r.trainable as number) - r.sixXiC) <= 1.5 * rowStep).length;
  return `This map, trainable depth (6 ξ_c): ${parts.join('; ')}. Where both fall inside the plot, ${within} of ${comparable.length} columns are within 1.5 rows (${(1.5 * rowStep).toFixed(0)} layers) of 6 ξ_c.`;
}
