/**
 * One point per unit, x against y on the same scale, with the identity line y = x dashed: points
 * on it agree. Linear axes, a square plot. Props only.
 */
import { memo, type ReactNode } from 'react';
import { scaleLinear } from 'd3-scale';
import { AXIS, GRID } from './chartColors.ts';

export interface ScatterPlotProps {
  readonly xs: ArrayLike<number>;
  readonly ys: ArrayLike<number>;
  /** Side of the plot square, px. */
  readonly size: number;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly color: string;
  readonly ariaLabel: string;
}

const MARGIN = { top: 10, right: 14, bottom: 56, left: 78 };

export function scatterWidth(size: number): number {
  return size + MARGIN.left + MARGIN.right;
}
export function scatterHeight(size: number): number {
  return size + MARGIN.top + MARGIN.bottom;
}

export const ScatterPlot = memo(function ScatterPlot({ xs, ys, size, xLabel, yLabel, color, ariaLabel }: ScatterPlotProps) {
  const n = Math.min(xs.length, ys.length);
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) {
    for (const v of [xs[i], ys[i]]) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  }
  if (lo === Infinity) { lo = 0; hi = 1; }
  if (hi - lo < 1e-12) { lo -= 0.5; hi += 0.5; }
  const x = scaleLinear().domain([lo, hi]).nice().range([MARGIN.left, MARGIN.left + size]);
  const y = scaleLinear().domain(x.domain()).range([MARGIN.top + size, MARGIN.top]);
  const ticks = x.ticks(Math.max(2, Math.floor(size / 90)));
  const [d0, d1] = x.domain();
  const width = scatterWidth(size), height = scatterHeight(size);
  const r = n > 400 ? 2.5 : 3.5;
  const text = (t: number) => String(Number(t.toPrecision(6))).replace('-', '−');
  const points: ReactNode[] = [];
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) continue;
    points.push(<circle key={i} cx={x(xs[i])} cy={y(ys[i])} r={r} style={{ fill: color, fillOpacity: 0.65, stroke: color, strokeWidth: 1 }} />);
  }
  return (
    <svg width={width} height={height} className="chart" role="img" aria-label={ariaLabel}>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={MARGIN.top} y2={MARGIN.top + size} style={{ stroke: GRID }} />
          <line x1={MARGIN.left} x2={MARGIN.left + size} y1={y(t)} y2={y(t)} style={{ stroke: GRID }} />
          <text x={x(t)} y={MARGIN.top + size + 22} textAnchor="middle" className="tick">{text(t)}</text>
          <text x={MARGIN.left - 10} y={y(t)} dy="0.35em" textAnchor="end" className="tick">{text(t)}</text>
        </g>
      ))}
      <rect x={MARGIN.left} y={MARGIN.top} width={size} height={size} fill="none" style={{ stroke: AXIS }} />
      <line x1={x(d0)} y1={y(d0)} x2={x(d1)} y2={y(d1)} className="identity-line" style={{ stroke: AXIS }} />
      <g>{points}</g>
      <text x={MARGIN.left + size / 2} y={height - 8} textAnchor="middle" className="axis-label">{xLabel}</text>
      <text transform={`translate(18,${MARGIN.top + size / 2}) rotate(-90)`} textAnchor="middle" className="axis-label">{yLabel}</text>
    </svg>
  );
});
