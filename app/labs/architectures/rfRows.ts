/**
 * The receptive-field view's numbers: the recurrence r_l = r_(l-1) + (k_l - 1)·j_(l-1), j_l = j_(l-1)·s_l
 * along the main path to a layer, each step read back from the shape pass's rf and jump, and the
 * input region the middle output unit of that layer sees.
 */
import type { ArchRow } from '../../../engine/contract/arch/shapePass.ts';
import { pathTo } from './archRows.ts';

export interface RfStep {
  readonly name: string;
  readonly kind: string;
  /** d(k - 1) + 1: the extent of the layer's window, in its own input's units. */
  readonly extent: number;
  readonly stride: number;
  readonly rf: number;
  readonly jump: number;
}

/** The layers that change the field or the jump, in order, up to the one named. */
export function recurrence(rows: readonly ArchRow[], name: string | null): RfStep[] {
  let rf = 1, jump = 1;
  const steps: RfStep[] = [];
  for (const r of pathTo(rows, name)) {
    if (r.rf !== rf || r.jump !== jump) steps.push({ name: r.name, kind: r.kind, extent: (r.rf - rf) / jump + 1, stride: r.jump / jump, rf: r.rf, jump: r.jump });
    rf = r.rf;
    jump = r.jump;
  }
  return steps;
}

/** The default layer: the last one with a spatial output on the main path (before the head flattens it). */
export function defaultLayer(rows: readonly ArchRow[]): string | null {
  const spatial = pathTo(rows, null).filter((r) => r.out.length === 3 && r.out[1] > 1);
  return spatial.length > 0 ? spatial[spatial.length - 1].name : null;
}

export interface Region {
  /** The input's side. */
  readonly size: number;
  /** The field's first and last input row of the middle output unit (may lie outside 0..size-1: padding). */
  readonly from: number;
  readonly to: number;
  readonly rf: number;
  readonly jump: number;
  /** How much of the field lies on the image, as a fraction of its area. */
  readonly onImage: number;
}

/** The field of the middle unit, centred on the middle of the input (exact for 'same' padding). */
export function regionOf(row: Pick<ArchRow, 'rf' | 'jump'>, inputSize: number): Region {
  const centre = (inputSize - 1) / 2;
  const from = Math.round(centre - (row.rf - 1) / 2), to = from + row.rf - 1;
  const visible = Math.min(to, inputSize - 1) - Math.max(from, 0) + 1;
  return { size: inputSize, from, to, rf: row.rf, jump: row.jump, onImage: (visible / row.rf) ** 2 };
}
