/**
 * How a quantity spreads across a layer's units, layer by layer: for each series a box from the
 * 15th to the 85th percentile, a whisker from the smallest to the largest unit and a bar at the
 * median, series side by side within each layer. Linear or log y. Props only.
 */
import { memo } from 'react';
import { scaleLinear, type ScaleContinuousNumeric } from 'd3-scale';
import { AXIS, GRID, superscript } from './chartColors.ts';
import { logAxis } from './logAxis.ts';

export interface SpreadValues {
  readonly min: number;
  readonly p15: number;
  readonly p50: number;
  readonly p85: number;
  readonly max: number;
}

export interface SpreadSeries {
  readonly id: string;
  readonly label: string;
  readonly color: string;
  /** Hollow boxes read as "derived" beside filled "measured" ones. */
  readonly filled: boolean;
  /** One spread per layer, layer 1 first. */
  readonly values: readonly SpreadValues[];
}

export interface SpreadByLayerProps {
  readonly series: readonly SpreadSeries[];
  readonly width: number;
  readonly height: number;
  readonly log: boolean;
  readonly yLabel: string;
  readonly ariaLabel: string;
  /** A reference level drawn across the plot (0 for means, 1 for variances). */
  readonly reference?: number;
}

const MARGIN = { top: 12, right: 16, bottom: 56, left: 76 };

export const SpreadByLayer = memo(function SpreadByLayer({ series, width, height, log, yLabel, ariaLabel, reference }: SpreadByLayerProps) {
  const depth = series.reduce((n, s) => Math.max(n, s.values.length), 0);
  const left = MARGIN.left, right = width - MARGIN.right, top = MARGIN.top, bottom = height - MARGIN.bottom;
  if (depth === 0 || right - left < 60 || bottom - top < 40) return null;
  const all: number[] = [];
  for (const s of series) for (const v of s.values) for (const k of [v.min, v.max, v.p15, v.p85]) if (Number.isFinite(k) && (!log || k > 0)) all.push(k);
  if (reference !== undefined) all.push(reference);

  let y: ScaleContinuousNumeric<number, number>;
  let ticks: { value: number; text: string }[];
  if (log) {
    const axis = logAxis(all, [bottom, top], Math.max(3, Math.floor((bottom - top) / 44)));
    y = axis.scale;
    ticks = axis.ticks.map((t) => ({ value: t.value, text: t.plain ?? `10${superscript(t.exponent)}` }));
  } else {
    const lo = Math.min(...all), hi = Math.max(...all);
    const pad = hi > lo ? 0 : 1;
    y = scaleLinear().domain([lo - pad, hi + pad]).nice().range([bottom, top]);
    ticks = y.ticks(Math.max(3, Math.floor((bottom - top) / 44))).map((t) => ({ value: t, text: String(Number(t.toPrecision(6))).replace('-', '−') }));
  }
  const place = (v: number) => (Number.isFinite(v) && (!log || v > 0) ? y(v) : null);
  const slot = (right - left) / depth;
  const boxW = Math.max(1.5, Math.min(22, (slot * 0.8) / series.length));
  const xOf = (layer: number, k: number) => left + slot * (layer + 0.5) + (k - (series.length - 1) / 2) * boxW * 1.15;
  const everyLayer = depth <= 25 && slot >= 22;
  const xTicks = everyLayer ? Array.from({ length: depth }, (_, i) => i + 1)
    : scaleLinear().domain([1, depth]).ticks(Math.min(10, Math.floor((right - left) / 64))).filter((t) => Number.isInteger(t) && t >= 1 && t <= depth);

  return (
    <svg width={width} height={height} className="chart" role="img" aria-label={ariaLabel}>
      {ticks.map((t) => (
        <g key={t.value} transform={`translate(0,${y(t.value)})`}>
          <line x1={left} x2={right} style={{ stroke: GRID }} />
          <text x={left - 10} dy="0.35em" textAnchor="end" className="tick">{t.text}</text>
        </g>
      ))}
      {reference !== undefined && place(reference) !== null && (
        <line x1={left} x2={right} y1={place(reference)!} y2={place(reference)!} className="reference-line" style={{ stroke: AXIS }} />
      )}
      <line x1={left} x2={left} y1={top} y2={bottom} style={{ stroke: AXIS }} />
      <line x1={left} x2={right} y1={bottom} y2={bottom} style={{ stroke: AXIS }} />
      {xTicks.map((t) => (
        <g key={t} transform={`translate(${left + slot * (t - 0.5)},${bottom})`}>
          <line y2={6} style={{ stroke: AXIS }} />
          <text y={22} textAnchor="middle" className="tick">{t}</text>
        </g>
      ))}
      <text transform={`translate(18,${(top + bottom) / 2}) rotate(-90)`} textAnchor="middle" className="axis-label">{yLabel}{log ? ' (log scale)' : ''}</text>
      <text x={(left + right) / 2} y={height - 8} textAnchor="middle" className="axis-label">Hidden layer</text>
      {series.map((s, k) => (
        <g key={s.id}>
          {s.values.map((v, layer) => {
            const cx = xOf(layer, k);
            const lo = place(v.min), hi = place(v.max), q1 = place(v.p15), q3 = place(v.p85), mid = place(v.p50);
            return (
              <g key={layer}>
                {lo !== null && hi !== null && <line x1={cx} x2={cx} y1={lo} y2={hi} style={{ stroke: s.color, strokeWidth: 1.5 }} />}
                {q1 !== null && q3 !== null && (
                  <rect x={cx - boxW / 2} y={Math.min(q1, q3)} width={boxW} height={Math.max(1.5, Math.abs(q1 - q3))}
                    style={{ fill: s.filled ? s.color : 'var(--surface, #fff)', stroke: s.color, strokeWidth: 2 }} />
                )}
                {mid !== null && <line x1={cx - boxW / 2 - 2} x2={cx + boxW / 2 + 2} y1={mid} y2={mid} style={{ stroke: s.filled ? 'var(--surface, #fff)' : s.color, strokeWidth: 2.5 }} />}
              </g>
            );
          })}
        </g>
      ))}
    </svg>
  );
});
