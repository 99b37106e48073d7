/**
 * The conv signal and gradient charts' series, from the runs' unit statistics: per layer the
 * measured E[z²] of x∗W + b (whole map, and the interior where no window touches the zero padding)
 * against the mean-field line n·E[w²]·E[x²] with n = fan_in, and E[(∂L/∂z)²] per layer.
 */
import { ARCH_UNIT, ARCH_UNIT_FIELDS, type ArchState } from '../../../engine/contract/archLayout.ts';
import { readSecondMoment } from '../../format/number.ts';
import { MEASURED, THEORY, seriesColor } from '../../charts/chartColors.ts';
import type { LineSeries } from '../../charts/lineSeries.ts';

export function column(state: ArchState, field: (typeof ARCH_UNIT_FIELDS)[number]): number[] {
  const f = ARCH_UNIT_FIELDS.length, k = ARCH_UNIT[field];
  return state.units.map((_, l) => state.stats[l * f + k]);
}

const readings = (values: readonly number[]) => values.map((v) => (Number.isNaN(v) ? null : readSecondMoment(v)));

/** Measured (whole map, interior) and theory lines of the primary run; each variant's measured line. */
export function signalSeries(primary: ArchState, variants: readonly (ArchState | null)[], names: readonly string[]): LineSeries[] {
  const out: LineSeries[] = [
    { id: 'measured', label: 'measured E[z²]', color: MEASURED, kind: 'measured', values: readings(column(primary, 'measuredSq')), emphasis: true },
    { id: 'interior', label: 'measured, interior only', color: seriesColor(2), kind: 'measured', marker: 'square', values: readings(column(primary, 'interiorSq')) },
    { id: 'theory', label: 'n·E[w²]·E[x²], n = fan_in', color: THEORY, kind: 'theory', values: readings(column(primary, 'theory')) },
  ];
  variants.forEach((v, i) => {
    if (v) out.push({ id: `variant-${i + 1}`, label: `${names[i + 1] ?? `variant ${i + 1}`}: measured`, color: seriesColor(3 + i), kind: 'measured', marker: 'triangle', values: readings(column(v, 'measuredSq')) });
  });
  return out;
}

export function gradientSeries(primary: ArchState, variants: readonly (ArchState | null)[], names: readonly string[]): LineSeries[] {
  return [primary, ...variants].flatMap((s, i) => (s ? [{
    id: i === 0 ? 'gradient' : `variant-${i}`, label: `${names[i] ?? ''} E[(∂L/∂z)²]`.trim(), color: i === 0 ? MEASURED : seriesColor(3 + i - 1), kind: 'measured' as const,
    values: readings(column(s, 'gradSq')), emphasis: i === 0,
  }] : []));
}

/** Measured over predicted on the interior (NaN where either is missing): 1 is the line. */
export function interiorRatios(state: ArchState): number[] {
  const interior = column(state, 'interiorSq'), whole = column(state, 'measuredSq'), theory = column(state, 'theory');
  return state.units.map((_, l) => (Number.isNaN(interior[l]) ? whole[l] : interior[l]) / theory[l]);
}
