/**
 * The data a log-scale line chart by layer draws: series of Readings, one per hidden layer, that
 * may be values, exact zeros or overflow (drawn in bands, never dropped), or null (not defined).
 */
import { formatReading, type Reading } from '../format/number.ts';
import type { MarkerShape } from './Marker.tsx';

export interface LineSeries {
  readonly id: string;
  /** Short, as the legend and the readout name it: "measured", "He (normal)". */
  readonly label: string;
  /** A CSS colour, usually a custom property from chartColors. */
  readonly color: string;
  /** Measured: a solid line with points. Theory: a dashed line. */
  readonly kind: 'measured' | 'theory';
  /** values[l] belongs to hidden layer l + 1; null where the quantity is not defined. */
  readonly values: readonly (Reading | null)[];
  readonly marker?: MarkerShape;
  /** Drawn thicker (the line of the initializer in use). */
  readonly emphasis?: boolean;
}

/** Layers on the x axis: the longest series. */
export function layerCount(series: readonly LineSeries[]): number {
  return series.reduce((n, s) => Math.max(n, s.values.length), 0);
}

/** Every value a log axis can place. */
export function placeableValues(series: readonly LineSeries[]): number[] {
  const out: number[] = [];
  for (const s of series) for (const v of s.values) if (v?.kind === 'value') out.push(v.value);
  return out;
}

/** The series that have at least one reading of this kind, in order: each gets a row in that band. */
export function seriesInBand(series: readonly LineSeries[], kind: 'overflow' | 'zero'): string[] {
  return series.filter((s) => s.values.some((v) => v?.kind === kind)).map((s) => s.id);
}

/** One layer's numbers as a line of text: "Layer 3: measured 0.4123 · theory 0.4", for the readout. */
export function readoutText(series: readonly LineSeries[], layerIndex: number): string {
  const parts = series.map((s) => {
    const v = s.values[layerIndex];
    return `${s.label} ${v ? formatReading(v) : '—'}`;
  });
  return `Layer ${layerIndex + 1}: ${parts.join(' · ')}`;
}

/** A next layer index for a key on a focused chart, or undefined if the key is not ours. */
export function stepLayer(key: string, current: number | null, depth: number): number | null | undefined {
  const at = current ?? -1;
  const clamp = (i: number) => Math.max(0, Math.min(depth - 1, i));
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp': return clamp(at + 1);
    case 'ArrowLeft':
    case 'ArrowDown': return current === null ? 0 : clamp(at - 1);
    case 'PageUp': return clamp(at + 10);
    case 'PageDown': return current === null ? 0 : clamp(at - 10);
    case 'Home': return 0;
    case 'End': return depth - 1;
    case 'Escape': return null;
    default: return undefined;
  }
}
