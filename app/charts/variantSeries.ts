/**
 * The A/B variants' lines in the per-layer charts: each variant's measured values in its own
 * colour and marker (the primary keeps the measured blue and the theory orange), labelled by
 * its name in words ("with batch norm").
 */
import type { Config } from '../../engine/contract/config.ts';
import { stat, type ProbeData, type StatField } from '../../engine/contract/probeLayout.ts';
import { seriesColor } from './chartColors.ts';
import type { LineSeries } from './lineSeries.ts';
import { readSecondMoment } from '../format/number.ts';
import { describeRun } from '../../engine/contract/variants.ts';

const VARIANT_MARKERS = ['square', 'triangle', 'diamond'] as const;

/** A variant's colour: the palette after the primary's measured (0) and theory (1) colours. */
export function variantColor(index: number): string {
  return seriesColor(2 + index);
}

export function variantLabel(config: Config, index: number): string {
  return describeRun(config, index + 1) || `variant ${index + 1}`;
}

/** One measured line per variant of a second-moment statistic (with its non-finite count, if any). */
export function variantMomentSeries(
  variants: readonly (ProbeData | null)[], config: Config, field: StatField, nonFinite?: StatField,
): LineSeries[] {
  const out: LineSeries[] = [];
  variants.forEach((probe, i) => {
    if (!probe) return;
    out.push({
      id: `variant-${i}`,
      label: variantLabel(config, i),
      color: variantColor(i),
      kind: 'measured',
      marker: VARIANT_MARKERS[i % VARIANT_MARKERS.length],
      values: Array.from({ length: probe.depth }, (_, l) => readSecondMoment(stat(probe, l, field), nonFinite ? stat(probe, l, nonFinite) : 0)),
    });
  });
  return out;
}
