/** The network drawn from a layout: boxes, frames around open blocks, skips and concatenations. Props only. */
import type { Box, Layout } from './drawing.ts';

const CHAR = 5.3; // px per character of the 9px label font

/** The label if it fits the box, else its shape alone, else nothing (the box's tooltip keeps it). */
function fitted(b: Box): string | null {
  if (b.thin || b.h < 11) return null;
  if (b.label.length * CHAR <= b.w - 4) return b.label;
  const shape = b.label.slice(b.label.lastIndexOf(' ') + 1);
  return shape.length * CHAR <= b.w - 4 ? shape : null;
}

export function ArchDrawing({ layout, label, selected = null }: { readonly layout: Layout; readonly label: string; readonly selected?: string | null }) {
  const { width, height } = layout;
  return (
    <svg className="arch-drawing" width={width + 4} height={height + 4} viewBox={`-2 -2 ${width + 4} ${height + 4}`} role="img" aria-label={label}>
      {layout.frames.map((f) => (
        <g key={f.name}>
          <rect x={f.x} y={f.y} width={f.w} height={f.h} rx={4} className={`arch-frame ${f.kind}`} />
          <text x={f.x + 4} y={f.y + 9} className="arch-frame-label">{f.name.slice(f.name.lastIndexOf('.') + 1)} ({f.kind})</text>
        </g>
      ))}
      {layout.boxes.map((b) => {
        const label = fitted(b);
        return (
          <g key={b.name}>
            <rect x={b.x} y={b.y} width={b.w} height={b.h} rx={b.thin ? 0 : 3} className={`arch-box ${b.thin ? 'thin' : b.kind}${b.name === selected ? ' selected' : ''}`}><title>{b.label}</title></rect>
            {label !== null && <text x={b.x + b.w / 2} y={b.y + b.h / 2 + 4} className="arch-box-label">{label}</text>}
          </g>
        );
      })}
      {layout.arcs.map((a, i) => (
        <g key={i} className={`arch-arc ${a.kind}`}>
          <path d={`M${a.x - 8},${a.y1} H${a.x} V${a.y2} H${a.x - 8}`} fill="none" />
          <text x={a.x + 3} y={(a.y1 + a.y2) / 2 + 4} className="arch-arc-label">{a.label}</text>
        </g>
      ))}
    </svg>
  );
}
