/**
 * A measured series (points and line) against a theory series (dashed) by layer, on a linear axis
 * that always shows 0 and 1: the correlation of two inputs as it propagates. Props only.
 */
import { memo } from 'react';
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { AXIS, MEASURED, THEORY } from './chartColors.ts';

export interface CorrelationChartProps {
  readonly width: number;
  readonly height: number;
  /** Layer l's value at index l - 1. */
  readonly measured: readonly number[];
  readonly theory: readonly number[] | null;
  readonly yLabel: string;
  readonly ariaLabel: string;
}

const M = { top: 10, right: 16, bottom: 44, left: 56 };

export const CorrelationChart = memo(function CorrelationChart({ width, height, measured, theory, yLabel, ariaLabel }: CorrelationChartProps) {
  const depth = Math.max(measured.length, theory?.length ?? 0);
  const all = [...measured, ...(theory ?? [])].filter(Number.isFinite);
  const x = scaleLinear().domain([1, Math.max(2, depth)]).range([M.left, width - M.right]);
  const y = scaleLinear().domain([Math.min(0, ...all), 1]).nice().range([height - M.bottom, M.top]);
  const path = (v: readonly number[]) => line<number>().defined(Number.isFinite).x((_, i) => x(i + 1)).y((c) => y(c))(v) ?? '';
  return (
    <svg width={width} height={height} role="img" aria-label={ariaLabel} className="chart">
      {y.ticks(5).map((t) => (
        <g key={t} transform={`translate(${M.left},${y(t)})`}>
          <line x2={-5} style={{ stroke: AXIS }} />
          <text x={-8} dy="0.35em" textAnchor="end" className="tick">{t}</text>
        </g>
      ))}
      {x.ticks(Math.min(10, depth)).filter(Number.isInteger).map((t) => (
        <g key={t} transform={`translate(${x(t)},${height - M.bottom})`}>
          <line y2={5} style={{ stroke: AXIS }} />
          <text y={19} textAnchor="middle" className="tick">{t}</text>
        </g>
      ))}
      <rect x={M.left} y={M.top} width={width - M.left - M.right} height={height - M.top - M.bottom} fill="none" style={{ stroke: AXIS }} />
      <text x={(M.left + width - M.right) / 2} y={height - 6} textAnchor="middle" className="axis-label">layer</text>
      <text transform={`translate(14,${(M.top + height - M.bottom) / 2}) rotate(-90)`} textAnchor="middle" className="axis-label">{yLabel}</text>
      {theory && <path d={path(theory)} fill="none" stroke={THEORY} strokeWidth={2} strokeDasharray="6 4" data-testid="correlation-theory" />}
      <path d={path(measured)} fill="none" stroke={MEASURED} strokeWidth={2} data-testid="correlation-measured" />
      {measured.map((c, i) => Number.isFinite(c) && <circle key={i} cx={x(i + 1)} cy={y(c)} r={3} fill={MEASURED} />)}
    </svg>
  );
});
