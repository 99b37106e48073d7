import { useId, type ReactNode } from 'react';

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
  /** The figure shows numbers for an older config while a newer one is computed. */
  readonly busy?: boolean;
  readonly children: ReactNode;
}

/**
 * A chart with its caption, its options and a "Show table" toggle (aria-expanded, aria-controls)
 * that reveals the numbers behind it: the accessible frame every chart in the lab shares.
 */
export function ChartFigure({ title, titleId, level = 2, hint, controls, tableOpen, onToggleTable, table, busy = false, children }: ChartFigureProps) {
  const ownId = useId();
  const headingId = titleId ?? ownId;
  const tableId = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <>
      <figure className="chart-figure" aria-labelledby={headingId} aria-busy={busy}>
        <div className="figure-head">
          <figcaption>
            <Heading id={headingId}>{title}</Heading>
            {hint && <p className="figure-hint">{hint}</p>}
          </figcaption>
          <button type="button" className="panel-button" aria-expanded={tableOpen} aria-controls={tableId} onClick={onToggleTable}>
            {tableOpen ? 'Hide table' : 'Show table'}
          </button>
        </div>
        {controls && <div className="figure-controls">{controls}</div>}
        {children}
      </figure>
      <div className="table-scroll" id={tableId} hidden={!tableOpen}>
        {tableOpen && table}
      </div>
    </>
  );
}
