import { stat, type ProbeData } from '../../../engine/contract/probeLayout.ts';
import { MEASURED, seriesColor, THEORY } from '../../charts/chartColors.ts';
import { describeEnds, describeOffAxis, hiddenLayers } from '../../charts/describe.ts';
import type { LineSeries } from '../../charts/lineSeries.ts';
import { readSecondMoment, type Reading } from '../../format/number.ts';

/** One hidden layer's gradients: the numbers behind both gradient charts and their tables. */
export interface GradientRow {
  readonly layer: number;
  /** E[g²], g = ∂L/∂h: measured and predicted. */
  readonly gradM2: Reading;
  readonly theoryGradM2: Reading;
  /** Frobenius norms ‖∂L/∂W‖ and ‖W‖, and their ratio (null where ‖W‖ = 0: not defined). */
  readonly weightGradNorm: Reading;
  readonly weightNorm: Reading;
  readonly weightGradRatio: Reading | null;
}

export function gradientRows(probe: ProbeData): GradientRow[] {
  return Array.from({ length: probe.depth }, (_, l) => {
    const badWeightGrad = stat(probe, l, 'nonFiniteWeightGrad');
    const weightNorm = stat(probe, l, 'weightNorm');
    return {
      layer: l + 1,
      gradM2: readSecondMoment(stat(probe, l, 'gradM2'), stat(probe, l, 'nonFiniteGrad')),
      theoryGradM2: readSecondMoment(stat(probe, l, 'theoryGradM2')),
      weightGradNorm: readSecondMoment(stat(probe, l, 'weightGradNorm'), badWeightGrad),
      weightNorm: readSecondMoment(weightNorm),
      weightGradRatio: weightNorm > 0 && Number.isFinite(weightNorm) ? readSecondMoment(stat(probe, l, 'weightGradRatio'), badWeightGrad) : null,
    };
  });
}

export function gradientSeries(rows: readonly GradientRow[]): LineSeries[] {
  return [
    { id: 'measured', label: 'measured', color: MEASURED, kind: 'measured', values: rows.map((r) => r.gradM2) },
    { id: 'theory', label: 'theory', color: THEORY, kind: 'theory', values: rows.map((r) => r.theoryGradM2) },
  ];
}

export function weightGradientSeries(rows: readonly GradientRow[]): LineSeries[] {
  return [
    { id: 'norm', label: '‖∂L/∂W‖', color: seriesColor(2), kind: 'measured', marker: 'square', values: rows.map((r) => r.weightGradNorm) },
    { id: 'ratio', label: '‖∂L/∂W‖ / ‖W‖', color: seriesColor(3), kind: 'measured', marker: 'triangle', values: rows.map((r) => r.weightGradRatio) },
  ];
}

export function describeGradient(rows: readonly GradientRow[]): string {
  const measured = rows.map((r) => r.gradM2);
  const notes = describeOffAxis(measured);
  return `Second moment E[g²] of the gradients g = ∂L/∂h of ${hiddenLayers(rows.length)}, log scale. `
    + `Measured: ${describeEnds(measured)}. Theory (dashed): ${describeEnds(rows.map((r) => r.theoryGradM2))}.`
    + (notes ? ` ${notes}.` : '');
}

export function describeWeightGradient(rows: readonly GradientRow[]): string {
  return `Weight-gradient norms of ${hiddenLayers(rows.length)}, log scale. `
    + `‖∂L/∂W‖: ${describeEnds(rows.map((r) => r.weightGradNorm))}. `
    + `‖∂L/∂W‖ / ‖W‖: ${describeEnds(rows.map((r) => r.weightGradRatio))}.`;
}
