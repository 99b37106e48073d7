/**
 * The numbers behind a chart over training steps, as a DataTable's columns and rows (one row per
 * recorded step, thinned evenly to a readable count), and the chart in a sentence for its
 * accessible name.
 */
import { formatNumber } from '../format/number.ts';
import type { TableColumn, TableRow } from './DataTable.tsx';
import { formatStep, nearestIndex, spreadRows, type Numbers } from './stepSeries.ts';

export interface TableSeries {
  readonly header: string;
  /** Columns with the same group share a spanning header ("norm:batch"). */
  readonly group?: string;
  readonly steps: Numbers;
  readonly values: Numbers;
  readonly format?: (v: number) => string;
  /** Take the value at the nearest recorded step (per-step series thinned over a long run) rather than only an exact one. */
  readonly nearest?: boolean;
}

/** Rows of a table with more than this many steps are thinned (evenly, first and last kept). */
export const TABLE_ROWS = 60;
/** What a step table's caption says about its rows. */
export const TABLE_NOTE = `at most ${TABLE_ROWS} rows spread over the run; refreshed when training pauses`;

/** "0.4123", "NaN", "Infinity". */
export const plainNumber = (v: number) => formatNumber(v, 4);
/** "93.4%", "20%"; non-finite values as formatNumber writes them. */
export const percentNumber = (v: number) => (Number.isFinite(v) ? `${Number((100 * v).toFixed(1))}%` : formatNumber(v));

/** Rows at the first series' steps; a cell is '—' where its series has no row at that step. */
export function stepTable(series: readonly TableSeries[], maxRows = TABLE_ROWS): { columns: TableColumn[]; rows: TableRow[] } {
  const columns = series.map((s) => ({ header: s.header, ...(s.group !== undefined ? { group: s.group } : {}) }));
  const anchor = series[0]?.steps ?? [];
  const rows = spreadRows(anchor.length, maxRows).map((r): TableRow => {
    const step = anchor[r];
    return {
      key: r,
      header: formatStep(step),
      cells: series.map((s) => {
        const i = nearestIndex(s.steps, step);
        if (i < 0 || (!s.nearest && s.steps[i] !== step)) return null;
        return (s.format ?? plainNumber)(s.values[i]);
      }),
    };
  });
  return { columns, rows };
}

export interface DescribedSeries {
  readonly label: string;
  readonly steps: Numbers;
  readonly values: Numbers;
}

/** "test loss 2.303 at step 0 to 0.1123 at step 1,250; train loss …", or "no steps yet". */
export function describeSteps(series: readonly DescribedSeries[], format: (v: number) => string = plainNumber): string {
  const parts = series.filter((s) => s.steps.length > 0).map((s) => {
    const n = s.steps.length;
    if (n === 1) return `${s.label} ${format(s.values[0])} at step ${formatStep(s.steps[0])}`;
    return `${s.label} ${format(s.values[0])} at step ${formatStep(s.steps[0])} to ${format(s.values[n - 1])} at step ${formatStep(s.steps[n - 1])}`;
  });
  return parts.length > 0 ? parts.join('; ') : 'no steps yet';
}
