import { Children, isValidElement, useContext, useId, useRef, type ReactElement, type ReactNode } from 'react';
import { tablesData, type ChartData } from '../export/chartData.ts';
import { ExportMenu } from '../export/ExportMenu.tsx';
import { DataTable, type DataTableProps } from './DataTable.tsx';
import { FitContext } from './presentContext.ts';

export type { ChartData } from '../export/chartData.ts';

export interface ChartFigureProps {
  readonly title: string;
  /** Give the heading this id (a panel labelled by its one figure's title). */
  readonly titleId?: string;
  readonly level?: 2 | 3;
  readonly hint?: ReactNode;
  /** Toggles and options above the chart. */
  readonly controls?: ReactNode;
  readonly tableOpen: boolean;
  readonly onToggleTable: () => void;
  /** The table; rendered only while open (a 200-layer table is a lot of DOM to keep hidden). */
  readonly table: ReactNode;
  /**
   * The numbers for the CSV and JSON exports, or a function computing them when a user asks.
   * Optional when `table` is a <DataTable> (or a list of them, one per run): their columns and rows
   * are exported, at full precision.
   */
  readonly data?: ChartData | (() => ChartData);
  /** The figure shows numbers for an older config while a newer one is computed. */
  readonly busy?: boolean;
  readonly children: ReactNode;
}

/**
 * A chart with its caption, its options, an Export menu (SVG, PNG, CSV, JSON) and a "Show table"
 * toggle (aria-expanded, aria-controls) that reveals the numbers behind it: the accessible frame
 * every chart in the lab shares.
 */
export function ChartFigure({ title, titleId, level = 2, hint, controls, tableOpen, onToggleTable, table, data, busy = false, children }: ChartFigureProps) {
  const ownId = useId();
  const headingId = titleId ?? ownId;
  const tableId = useId();
  const figure = useRef<HTMLElement>(null);
  const Heading = level === 2 ? 'h2' : 'h3';
  // In an embed and in presentation mode the description folds behind a toggle: the chart comes first.
  const fit = useContext(FitContext);
  return (
    <>
      <figure ref={figure} className="chart-figure" aria-labelledby={headingId} aria-busy={busy}>
        <div className="figure-head" data-export-skip="">
          <figcaption>
            <Heading id={headingId}>{title}</Heading>
            {hint && (fit
              ? <details className="figure-hint-fold"><summary>About this chart</summary><p className="figure-hint">{hint}</p></details>
              : <p className="figure-hint">{hint}</p>)}
          </figcaption>
          <div className="figure-actions">
            <ExportMenu title={title} figure={figure} data={exportData(data, table)} />
            <button type="button" className="panel-button" aria-expanded={tableOpen} aria-controls={tableId} onClick={onToggleTable}>
              {tableOpen ? 'Hide table' : 'Show table'}
            </button>
          </div>
        </div>
        {controls && <div className="figure-controls" data-export-skip="">{controls}</div>}
        {children}
      </figure>
      {/* Focusable and named, so a keyboard can scroll a wide or long table (axe: scrollable-region-focusable). */}
      <div className="table-scroll" id={tableId} hidden={!tableOpen} tabIndex={tableOpen ? 0 : undefined} role="region" aria-label={`${title}: table`}>
        {tableOpen && table}
      </div>
    </>
  );
}

/** The export's numbers: given, else those of the <DataTable>s passed as `table` (one, or one per run), else none. */
function exportData(data: ChartFigureProps['data'], table: ReactNode): (() => ChartData) | null {
  if (typeof data === 'function') return data;
  if (data) return () => data;
  const tables = Children.toArray(table)
    .filter((t): t is ReactElement<DataTableProps> => isValidElement(t) && t.type === DataTable)
    .map((t) => t.props);
  return tables.length > 0 ? () => tablesData(tables) : null;
}
