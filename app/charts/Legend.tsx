import { DANGER, MUTED, SURFACE } from './chartColors.ts';
import { Marker, type MarkerShape } from './Marker.tsx';

export interface LegendItem {
  readonly id: string;
  readonly label: string;
  readonly color: string;
  /** measured: line with a point; theory: dashed line; bar: a filled block (histograms). */
  readonly kind: 'measured' | 'theory' | 'bar';
  readonly marker?: MarkerShape;
  /** Shown after the label, muted: "computing…". */
  readonly note?: string;
  readonly emphasis?: boolean;
}

export interface LegendProps {
  readonly items: readonly LegendItem[];
  /** Add keys for the overflow and zero bands when the chart has them. */
  readonly overflow?: boolean;
  readonly zero?: boolean;
  readonly label?: string;
}

/** A chart's key, in HTML so it wraps at any width. */
export function Legend({ items, overflow = false, zero = false, label = 'Legend' }: LegendProps) {
  return (
    <ul className="chart-legend" aria-label={label}>
      {items.map((item) => (
        <li key={item.id} className={item.note ? 'pending' : undefined}>
          <Swatch item={item} />
          <span className={item.emphasis ? 'emphasis' : undefined}>{item.label}</span>
          {item.note && <span className="legend-note">{item.note}</span>}
        </li>
      ))}
      {overflow && (
        <li>
          <svg width="40" height="20" aria-hidden="true">
            <Marker shape="triangle" x={11} y={11} size={5.5} color={DANGER} filled />
            <Marker shape="triangle" x={30} y={11} size={6} color={DANGER} filled={false} />
          </svg>
          overflow (filled: measured, hollow: theory)
        </li>
      )}
      {zero && (
        <li>
          <svg width="40" height="20" aria-hidden="true">
            <Marker shape="diamond" x={11} y={10} size={5} color={MUTED} filled />
            <Marker shape="diamond" x={30} y={10} size={6} color={MUTED} filled={false} />
          </svg>
          exactly 0
        </li>
      )}
    </ul>
  );
}

function Swatch({ item }: { item: LegendItem }) {
  switch (item.kind) {
    case 'measured':
      return (
        <svg width="38" height="16" aria-hidden="true">
          <line x1="2" x2="36" y1="8" y2="8" style={{ stroke: item.color, strokeWidth: item.emphasis ? 4 : 2.5 }} />
          <Marker shape={item.marker ?? 'circle'} x={19} y={8} size={4.5} color={item.color} filled halo={SURFACE} />
        </svg>
      );
    case 'theory':
      return (
        <svg width="38" height="16" aria-hidden="true">
          <line x1="1" x2="37" y1="8" y2="8" style={{ stroke: item.color, strokeWidth: 2.5 }} strokeDasharray="8 6" />
        </svg>
      );
    case 'bar':
      return (
        <svg width="18" height="16" aria-hidden="true">
          <rect x="2" y="2" width="14" height="12" style={{ fill: item.color }} />
        </svg>
      );
  }
}
