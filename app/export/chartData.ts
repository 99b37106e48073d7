/**
 * The numbers behind a chart as plain columns and rows, and the CSV and JSON files made from them.
 * Full precision (not the 4 digits the table shows), so a student can redo the plot in NumPy.
 */
import type { Cell, DataTableProps } from '../charts/DataTable.tsx';

/**
 * A chart's data, one row per table row (layer). A cell is a number, a string (a value the
 * chart cannot place: "overflow", or text such as a layer name) or null (not defined there).
 */
export interface ChartData {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (number | string | null)[])[];
}

/** What the value of an overflowed reading becomes in CSV and JSON: it is not a finite number. */
export const OVERFLOW_TEXT = 'overflow';

function cellValue(cell: Cell): number | string | null {
  if (cell === null || typeof cell === 'string') return cell;
  switch (cell.kind) {
    case 'value': return cell.value;
    case 'zero': return 0;
    case 'overflow': return OVERFLOW_TEXT;
  }
}

/** "12" -> 12, so layer numbers are numbers in the JSON; anything else stays text. */
function rowHeaderValue(header: string): number | string {
  const n = Number(header);
  return header.trim() !== '' && Number.isFinite(n) ? n : header;
}

/**
 * The same numbers a DataTable shows, as ChartData: the row header first, then one column per
 * table column. When headers repeat across groups, grouped columns are qualified with their group
 * ("Pre-activation: measured"), so every column name is unique.
 */
export function tableData({ rowHeader, columns, rows }: Pick<DataTableProps, 'rowHeader' | 'columns' | 'rows'>): ChartData {
  const repeated = new Set(columns.map((c) => c.header)).size < columns.length;
  const names = columns.map((c) => (repeated && c.group ? `${c.group}: ${c.header}` : c.header));
  return {
    columns: [rowHeader, ...names],
    rows: rows.map((r) => [rowHeaderValue(r.header), ...r.cells.map(cellValue)]),
  };
}

type TableSource = Pick<DataTableProps, 'caption' | 'rowHeader' | 'columns' | 'rows'>;

/**
 * Several tables behind one figure (one per run being compared) as one: a first column naming the
 * table (its caption), then the union of their columns in order of appearance; a cell a table
 * does not have is null. One table is just tableData.
 */
export function tablesData(tables: readonly TableSource[]): ChartData {
  if (tables.length === 1) return tableData(tables[0]);
  const parts = tables.map((t) => ({ caption: t.caption, data: tableData(t) }));
  const columns: string[] = [];
  for (const { data } of parts) for (const c of data.columns) if (!columns.includes(c)) columns.push(c);
  const rows = parts.flatMap(({ caption, data }) => {
    const at = columns.map((c) => data.columns.indexOf(c));
    return data.rows.map((row) => [caption, ...at.map((i) => (i < 0 ? null : row[i]))]);
  });
  return { columns: ['Table', ...columns], rows };
}

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
function csvField(value: number | string | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : value; // String(): shortest text that reads back exactly
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Header line, then one line per row; empty field for null. Ends with a newline. */
export function toCsv(data: ChartData): string {
  const lines = [data.columns, ...data.rows].map((row) => row.map(csvField).join(','));
  return `${lines.join('\n')}\n`;
}

/**
 * `{ title, columns, rows }`, pretty-printed. NaN and ±Infinity, which JSON cannot hold, become
 * strings ("NaN", "Infinity") rather than the null JSON.stringify would silently write.
 */
export function toJson(title: string, data: ChartData): string {
  const rows = data.rows.map((row) => row.map((v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)));
  // One row per line: readable and diff-friendly, without a line per number.
  const rowLines = rows.length === 0 ? '[]' : `[\n${rows.map((r) => `    ${JSON.stringify(r)}`).join(',\n')}\n  ]`;
  return `{\n  "title": ${JSON.stringify(title)},\n  "columns": ${JSON.stringify(data.columns)},\n  "rows": ${rowLines}\n}\n`;
}

/** "Gradient second moment by layer" -> "gradient-second-moment-by-layer"; never empty. */
export function slug(title: string): string {
  const s = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return s || 'chart';
}

/**
 * An export's file name: the chart's title, then the experiment's link when it is not the default
 * one ("signal-by-layer_depth-30-act-relu"), so two exports of one chart under two configs differ.
 */
export function exportName(title: string, query: string): string {
  const config = slug(query.replace(/^v=\d+&?/, '')).replace(/^chart$/, '');
  return config ? `${slug(title)}_${config}` : slug(title);
}
