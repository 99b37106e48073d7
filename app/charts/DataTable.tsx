import { formatReading, type Reading } from '../format/number.ts';

/** A cell: a probe reading (value, 0 or overflow), text as it should read, or null for "not defined". */
export type Cell = Reading | string | null;

export interface TableColumn {
  readonly header: string;
  /** Consecutive columns with the same group get one spanning header above them. */
  readonly group?: string;
}

export interface TableRow {
  readonly key: string | number;
  readonly header: string;
  readonly cells: readonly Cell[];
}

export interface DataTableProps {
  readonly caption: string;
  /** Header of the row-header column: "Layer". */
  readonly rowHeader: string;
  readonly columns: readonly TableColumn[];
  readonly rows: readonly TableRow[];
}

/** The numbers behind a chart as a real table, one row per layer, with a caption naming it. */
export function DataTable({ caption, rowHeader, columns, rows }: DataTableProps) {
  const groups = groupRuns(columns);
  const grouped = groups.some((g) => g.name !== undefined);
  return (
    <table className="data-table">
      <caption>{caption}</caption>
      <thead>
        {grouped && (
          <tr>
            <th scope="col" rowSpan={2}>{rowHeader}</th>
            {groups.map((g, i) => g.name === undefined
              ? <th key={i} scope="col" rowSpan={2}>{columns[g.start].header}</th>
              : <th key={i} scope="colgroup" colSpan={g.span}>{g.name}</th>)}
          </tr>
        )}
        <tr>
          {!grouped && <th scope="col">{rowHeader}</th>}
          {columns.map((c, i) => (grouped && c.group === undefined ? null : <th key={i} scope="col">{c.header}</th>))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.header}</th>
            {r.cells.map((cell, i) => <CellView key={i} cell={cell} />)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CellView({ cell }: { cell: Cell }) {
  if (cell === null) return <td className="num missing">—</td>;
  if (typeof cell === 'string') return <td className="num">{cell}</td>;
  return <td className={`num ${cell.kind}`}>{formatReading(cell)}</td>;
}

interface Run { readonly name: string | undefined; readonly start: number; readonly span: number }

/** Runs of consecutive columns sharing a group (ungrouped columns are runs of one). */
export function groupRuns(columns: readonly TableColumn[]): Run[] {
  const runs: Run[] = [];
  columns.forEach((c, i) => {
    const last = runs[runs.length - 1];
    if (last && c.group !== undefined && last.name === c.group) runs[runs.length - 1] = { ...last, span: last.span + 1 };
    else runs.push({ name: c.group, start: i, span: 1 });
  });
  return runs;
}
