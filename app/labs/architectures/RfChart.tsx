/** The input square with the region one output unit sees drawn on it (clipped to the image). Props only. */
import type { Region } from './rfRows.ts';

const SIDE = 260, MARGIN = 40;

export function RfChart({ region, label }: { readonly region: Region; readonly label: string }) {
  const { size, from, to, jump } = region;
  // the drawing spans the image and the part of the field beyond it, up to a margin
  const scale = SIDE / size;
  const x = (v: number) => MARGIN + v * scale;
  const clip = (v: number) => Math.max(-MARGIN / scale, Math.min(size + MARGIN / scale, v));
  const a = clip(from), b = clip(to + 1);
  const centres = jump * scale >= 6 ? Math.floor(size / jump) : 0;
  return (
    <svg className="rf-chart" width={SIDE + 2 * MARGIN} height={SIDE + 2 * MARGIN} viewBox={`0 0 ${SIDE + 2 * MARGIN} ${SIDE + 2 * MARGIN}`} role="img" aria-label={label}>
      <rect x={x(0)} y={x(0)} width={SIDE} height={SIDE} className="rf-input" />
      {Array.from({ length: centres }, (_, i) => Array.from({ length: centres }, (__, j) => (
        <circle key={`${i},${j}`} cx={x(jump * (i + 0.5))} cy={x(jump * (j + 0.5))} r={1.5} className="rf-unit" />
      )))}
      <rect x={x(a)} y={x(a)} width={(b - a) * scale} height={(b - a) * scale} className="rf-field" />
      <rect x={x(Math.max(0, from))} y={x(Math.max(0, from))} width={(Math.min(size, to + 1) - Math.max(0, from)) * scale} height={(Math.min(size, to + 1) - Math.max(0, from)) * scale} className="rf-field-on" />
      <rect x={x(size / 2) - 3} y={x(size / 2) - 3} width={6} height={6} className="rf-centre" />
      <text x={x(0)} y={MARGIN - 8} className="rf-label">input {size}×{size}</text>
      <text x={x(0)} y={SIDE + MARGIN + 16} className="rf-label">field {region.rf}×{region.rf}{region.rf > size ? ' (beyond the image: padding)' : ''}</text>
    </svg>
  );
}
