/** The network drawn from a layout: boxes, frames around open blocks, skips and concatenations. Props only. */
import type { Layout } from './drawing.ts';

export function ArchDrawing({ layout, label }: { readonly layout: Layout; readonly label: string }) {
  const { width, height } = layout;
  return (
    <svg className="arch-drawing" width={width + 4} height={height + 4} viewBox={`-2 -2 ${width + 4} ${height + 4}`} role="img" aria-label={label}>
      {layout.frames.map((f) => (
        <g key={f.name}>
          <rect x={f.x} y={f.y} width={f.w} height={f.h} rx={4} className={`arch-frame ${f.kind}`} />
          <text x={f.x + 4} y={f.y + 9} className="arch-frame-label">{f.name.slice(f.name.lastIndexOf('.') + 1)} ({f.kind})</text>
        </g>
      ))}
      {layout.boxes.map((b) => (
        <g key={b.name}>
          <rect x={b.x} y={b.y} width={b.w} height={b.h} rx={b.thin ? 0 : 3} className={`arch-box ${b.thin ? 'thin' : b.kind}`}><title>{b.label}</title></rect>
          {!b.thin && b.h >= 11 && <text x={b.x + b.w / 2} y={b.y + b.h / 2 + 4} className="arch-box-label">{b.label}</text>}
        </g>
      ))}
      {layout.arcs.map((a, i) => (
        <g key={i} className={`arch-arc ${a.kind}`}>
          <path d={`M${a.x - 8},${a.y1} H${a.x} V${a.y2} H${a.x - 8}`} fill="none" />
          <text x={a.x + 3} y={(a.y1 + a.y2) / 2 + 4} className="arch-arc-label">{a.label}</text>
        </g>
      ))}
    </svg>
  );
}
