/** The key of a chart over training steps: swatches drawn as StepChart draws its lines and bands. */
export interface StepLegendItem {
  readonly id: string;
  readonly label: string;
  readonly color: string;
  readonly style: 'solid' | 'dashed' | 'faint' | 'band';
}

export function StepLegend({ items, label = 'Legend' }: { readonly items: readonly StepLegendItem[]; readonly label?: string }) {
  if (items.length === 0) return null;
  return (
    <ul className="chart-legend" aria-label={label}>
      {items.map((item) => (
        <li key={item.id}>
          <svg width="38" height="18" aria-hidden="true">
            {item.style === 'band' ? (
              <>
                <rect x="2" y="3" width="34" height="12" style={{ fill: item.color, fillOpacity: 0.2 }} />
                <line x1="2" x2="36" y1="3" y2="3" style={{ stroke: item.color, strokeWidth: 1.5, strokeOpacity: 0.7 }} />
                <line x1="2" x2="36" y1="15" y2="15" style={{ stroke: item.color, strokeWidth: 1.5, strokeOpacity: 0.7 }} />
              </>
            ) : (
              <line
                x1="2" x2="36" y1="9" y2="9"
                style={{ stroke: item.color, strokeWidth: item.style === 'faint' ? 1.5 : item.style === 'dashed' ? 2.5 : 3, strokeOpacity: item.style === 'faint' ? 0.5 : 1 }}
                strokeDasharray={item.style === 'dashed' ? '8 5' : undefined}
              />
            )}
          </svg>
          {item.label}
        </li>
      ))}
    </ul>
  );
}
