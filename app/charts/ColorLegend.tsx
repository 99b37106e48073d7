/**
 * The key to a log colour scale: a bar with a tick per decade (10⁻⁴ … 10⁰), and optional marks
 * for reference values drawn above it (the 10⁻³ update-ratio rule of thumb). Props only.
 */
import { useId } from 'react';
import { formatNumber } from '../format/number.ts';
import { AXIS, superscript } from './chartColors.ts';

export interface LegendMark {
  readonly value: number;
  readonly label: string;
}

export interface ColorLegendProps {
  readonly width: number;
  /** log10 of the ends of the scale, whole decades. */
  readonly domain: readonly [number, number];
  /** [offset 0..1, css colour] stops of the map. */
  readonly stops: readonly (readonly [number, string])[];
  /** Names the scale: "‖ΔW‖ / ‖W‖ (log scale)". */
  readonly label: string;
  readonly marks?: readonly LegendMark[];
}

const BAR_H = 16;
const PAD = 18;

export function ColorLegend({ width, domain: [lo, hi], stops, label, marks = [] }: ColorLegendProps) {
  const gradientId = useId();
  const hasMarks = marks.length > 0;
  const barTop = hasMarks ? 30 : 4;
  const height = barTop + BAR_H + 28;
  const barW = Math.max(60, width - 2 * PAD);
  const at = (exponent: number) => PAD + ((exponent - lo) / (hi - lo)) * barW;
  const decades = hi - lo;
  const step = [1, 2, 3, 5, 10, 20].find((k) => decades / k <= Math.max(2, Math.floor(barW / 64))) ?? 20;
  const ticks: number[] = [];
  for (let e = Math.ceil(lo / step) * step; e <= hi; e += step) ticks.push(e);
  // One or two decades: label 2 and 5 within each too, so a narrow range still reads.
  const minor: number[] = [];
  if (decades <= 2 && barW / decades >= 150) {
    for (let e = lo; e < hi; e++) for (const k of [2, 5]) minor.push(e + Math.log10(k));
  }
  const describe = `${label}: from 10${superscript(lo)} (dark) to 10${superscript(hi)} (bright)`
    + (hasMarks ? `; marked: ${marks.map((m) => m.label).join(', ')}` : '');
  return (
    <svg width={width} height={height} className="chart color-legend" role="img" aria-label={describe}>
      <defs>
        <linearGradient id={gradientId} x1="0" x2="1" y1="0" y2="0">
          {stops.map(([offset, color]) => <stop key={offset} offset={offset} stopColor={color} />)}
        </linearGradient>
      </defs>
      <rect x={PAD} y={barTop} width={barW} height={BAR_H} fill={`url(#${gradientId})`} style={{ stroke: AXIS, strokeWidth: 1 }} />
      {ticks.map((e) => (
        <g key={e} transform={`translate(${at(e)},${barTop + BAR_H})`}>
          <line y2={5} style={{ stroke: AXIS }} />
          <text y={21} textAnchor="middle" className="tick">{e === 0 ? '1' : `10${superscript(e)}`}</text>
        </g>
      ))}
      {minor.map((e) => (
        <g key={`minor${e}`} transform={`translate(${at(e)},${barTop + BAR_H})`}>
          <line y2={4} style={{ stroke: AXIS }} />
          <text y={21} textAnchor="middle" className="tick">{formatNumber(10 ** e, 2)}</text>
        </g>
      ))}
      {marks.map((m) => {
        const x = at(Math.log10(m.value));
        const anchor = x < width * 0.2 ? 'start' : x > width * 0.8 ? 'end' : 'middle';
        return (
          <g key={m.label} className="legend-mark">
            <line x1={x} x2={x} y1={barTop - 6} y2={barTop + BAR_H} className="legend-mark-line" />
            <path d={`M${x - 6},${barTop - 12}L${x + 6},${barTop - 12}L${x},${barTop - 3}Z`} className="legend-mark-arrow" />
            <text x={x} y={barTop - 16} textAnchor={anchor} className="legend-mark-label">{m.label}</text>
          </g>
        );
      })}
    </svg>
  );
}
