/**
 * The trainability map as text (npm run trainmap): one row per depth, deepest on top, one column
 * per sigma_w^2, each cell its test accuracy in percent, a '*' where the depth is at or below
 * 6 xi_c; then per column the measured trainable depth against 6 xi_c.
 */
import { planColumns, planDepths, sixXiC, trainableDepth, TRAINED_ACCURACY, type TrainabilityPlan } from '../contract/trainability.ts';

const pad = (s: string, n: number) => s.padStart(n);

/** accuracy: rows x columns, row-major (row 0 the shallowest). */
export function formatTrainabilityMap(plan: TrainabilityPlan, accuracy: ArrayLike<number>): string {
  const sw2 = planColumns(plan), depths = planDepths(plan), line = sixXiC(sw2, plan.sb2);
  const lines: string[] = [];
  lines.push(`test accuracy (%) after ${plan.steps} steps; * = depth <= 6 xi_c; trained = ${TRAINED_ACCURACY * 100}% or more; chance ${Math.round(100 / plan.classes)}%`);
  for (let row = plan.rows - 1; row >= 0; row--) {
    const cells = sw2.map((_, k) => {
      const a = accuracy[row * plan.columns + k];
      return pad(`${Number.isNaN(a) ? '..' : Math.round(a * 100)}${depths[row] <= line[k] ? '*' : ' '}`, 5);
    });
    lines.push(`depth ${pad(String(depths[row]), 3)} |${cells.join('')}`);
  }
  lines.push(`sigma_w^2 |${sw2.map((w) => pad(w.toFixed(2), 5)).join('')}`);
  lines.push('');
  lines.push('sigma_w^2  6 xi_c  trainable depth (deepest row trained with every row below it)');
  sw2.forEach((w, k) => {
    const d = trainableDepth(accuracy, k, plan);
    lines.push(`${pad(w.toFixed(2), 9)}  ${pad(Number.isFinite(line[k]) ? line[k].toFixed(1) : 'inf', 6)}  ${d === null ? `< ${depths[0]}` : Number.isNaN(d) ? '..' : d === depths[depths.length - 1] ? `>= ${d}` : String(d)}`);
  });
  return lines.join('\n');
}
