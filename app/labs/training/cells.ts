import type { Cell } from '../../charts/DataTable.tsx';
import { OVERFLOW, ZERO } from '../../format/number.ts';

/**
 * A number as a table cell: shown to 4 digits, exported at full precision (a Reading, not text).
 * NaN is "not defined"; ±Infinity is overflow.
 */
export function numberCell(v: number): Cell {
  if (Number.isNaN(v)) return null;
  if (!Number.isFinite(v)) return OVERFLOW;
  return v === 0 ? ZERO : { kind: 'value', value: v };
}
