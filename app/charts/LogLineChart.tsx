/**
 * Lines by hidden layer on a log axis. Props only: d3 computes scales and path strings, React
 * draws every node. Values a log axis cannot place are drawn in bands rather than dropped:
 * overflow above the plot, exact zero below, each marked at its layer in its series' colour
 * (filled: measured, hollow: theory). Hover, or focus and use the arrow keys, to read a layer.
 */
import { memo, useId, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { Reading } from '../format/number.ts';
import { AXIS, DANGER, GRID, SURFACE, superscript } from './chartColors.ts';
import { layerCount, placeableValues, readoutText, seriesInBand, stepLayer, type LineSeries } from './lineSeries.ts';
import { logAxis } from './logAxis.ts';
import { Marker } from './Marker.tsx';

export interface LogLineChartProps {
  readonly series: readonly LineSeries[];
  readonly width: number;
  readonly height: number;
  /** Names the quantity: "E[h²]". " (log scale)" is added. */
  readonly yLabel: string;
  readonly xLabel?: string;
  /** The chart in a sentence or two, for screen readers. */
  readonly ariaLabel: string;
  /** The data belong to an older config while a newer one is computed: draw them faded. */
  readonly stale?: boolean;
}

const BAND_ROW = 13; // px per series in an overflow or zero band
const BAND_MIN = 30;
const BAND_GAP = 10; // px between a band and the plot, so band and tick labels do not touch
const MARGIN = { top: 12, right: 24, bottom: 56, left: 84 };

type Point = readonly [x: number, y: number];

/** Memoized: a config change that leaves a chart's series alone (most of them, while a slider moves) skips it. */
export const LogLineChart = memo(function LogLineChart({ series, width, height, yLabel, xLabel = 'Hidden layer', ariaLabel, stale = false }: LogLineChartProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const readoutId = useId();
  const [hovered, setHovered] = useState<number | null>(null);
  const [focused, setFocused] = useState(false);
  const depth = layerCount(series);
  const active = hovered !== null && hovered < depth ? hovered : null;

  const overflowRows = seriesInBand(series, 'overflow');
  const zeroRows = seriesInBand(series, 'zero');
  const bandHeight = (rows: number) => (rows === 0 ? 0 : Math.max(BAND_MIN, rows * BAND_ROW));
  const overflowBand = bandHeight(overflowRows.length);
  const zeroBand = bandHeight(zeroRows.length);
  const plotTop = MARGIN.top + (overflowBand ? overflowBand + BAND_GAP : 0);
  const axisY = height - MARGIN.bottom;
  const plotBottom = axisY - (zeroBand ? zeroBand + BAND_GAP : 0);
  const left = MARGIN.left;
  const right = width - MARGIN.right;
  if (depth === 0 || right - left < 60 || plotBottom - plotTop < 40) return null;

  const x = scaleLinear().domain(depth > 1 ? [1, depth] : [0.5, 1.5]).range([left, right]);
  const values = placeableValues(series);
  const { scale: y, ticks: yTicks } = logAxis(values, [plotBottom, plotTop], Math.max(3, Math.floor((plotBottom - plotTop) / 44)));
  const everyLayer = depth <= 25 && (right - left) / depth >= 22;
  const xTicks = everyLayer
    ? Array.from({ length: depth }, (_, i) => i + 1)
    : x.ticks(Math.min(12, Math.floor((right - left) / 64))).filter((t) => Number.isInteger(t) && t >= 1 && t <= depth);
  const bandY = (rows: readonly string[], top: number, band: number, id: string) =>
    top + ((rows.indexOf(id) + 0.5) * band) / rows.length;
  const zeroTop = axisY - zeroBand;
  const pointRadius = depth > 60 ? 2.25 : depth > 25 ? 3.5 : 5;
  const bandMarker = (rows: number, band: number) => Math.min(8, Math.max(3.5, (right - left) / depth / 2.6), band / rows / 2.4);

  const place = (v: Reading | null): number | null => (v?.kind === 'value' ? y(v.value) : null);
  const path = line<Point | null>().defined((p) => p !== null).x((p) => p![0]).y((p) => p![1]);
  // The emphasized series (the initializer in use) goes on top of any it coincides with.
  const onTop = [...series.filter((s) => !s.emphasis), ...series.filter((s) => s.emphasis)];
  const drawOrder = [...onTop.filter((s) => s.kind === 'measured'), ...onTop.filter((s) => s.kind === 'theory')];
  const pointsOf = (s: LineSeries) => s.values.map((v, i): Point | null => { const py = place(v); return py === null ? null : [x(i + 1), py]; });

  function layerAt(clientX: number): number {
    const box = svgRef.current?.getBoundingClientRect();
    const px = clientX - (box?.left ?? 0);
    return Math.max(0, Math.min(depth - 1, Math.round(x.invert(px)) - 1));
  }
  function onPointerMove(e: PointerEvent<SVGRectElement>) { setHovered(layerAt(e.clientX)); }
  function onKeyDown(e: KeyboardEvent<SVGSVGElement>) {
    const next = stepLayer(e.key, active, depth);
    if (next === undefined) return;
    e.preventDefault();
    setHovered(next);
  }

  return (
    <div className="log-line-chart">
      <svg
        ref={svgRef}
        width={width}
        height={height}
        role="img"
        aria-label={ariaLabel}
        aria-describedby={readoutId}
        tabIndex={0}
        className="chart"
        onKeyDown={onKeyDown}
        onFocus={() => { setFocused(true); setHovered((h) => h ?? 0); }}
        onBlur={() => { setFocused(false); setHovered(null); }}
      >
        {/* grid and y axis */}
        {yTicks.map((t) => (
          <g key={t.exponent} transform={`translate(0,${y(t.value)})`}>
            <line x1={left} x2={right} style={{ stroke: GRID }} />
            <text x={left - 10} dy="0.35em" textAnchor="end" className="tick">
              {t.plain ?? `10${superscript(t.exponent)}`}
            </text>
          </g>
        ))}
        <line x1={left} x2={left} y1={plotTop} y2={plotBottom} style={{ stroke: AXIS }} />
        {values.length === 0 && (
          <text x={(left + right) / 2} y={plotTop + (plotBottom - plotTop) * 0.35} textAnchor="middle" className="empty-note">
            No value here can go on a log axis: {describeBands(overflowRows.length > 0, zeroRows.length > 0)}.
          </text>
        )}
        <text transform={`translate(18,${(plotTop + plotBottom) / 2}) rotate(-90)`} textAnchor="middle" className="axis-label">
          {yLabel} (log scale)
        </text>

        {/* x axis */}
        <line x1={left} x2={right} y1={axisY} y2={axisY} style={{ stroke: AXIS }} />
        {xTicks.map((t) => (
          <g key={t} transform={`translate(${x(t)},${axisY})`}>
            <line y2={6} style={{ stroke: AXIS }} />
            <text y={22} textAnchor="middle" className="tick">{t}</text>
          </g>
        ))}
        <text x={(left + right) / 2} y={height - 8} textAnchor="middle" className="axis-label">{xLabel}</text>

        {/* bands for what the log axis cannot show */}
        {overflowBand > 0 && (
          <g>
            <rect x={left} y={MARGIN.top} width={right - left} height={overflowBand} className="band overflow-band" />
            <text x={left - 10} y={MARGIN.top + overflowBand / 2} dy="0.35em" textAnchor="end" className="tick band-label" style={{ fill: DANGER }}>
              overflow
            </text>
          </g>
        )}
        {zeroBand > 0 && (
          <g>
            <rect x={left} y={zeroTop} width={right - left} height={zeroBand} className="band zero-band" />
            <text x={left - 10} y={zeroTop + zeroBand / 2} dy="0.35em" textAnchor="end" className="tick band-label">0</text>
          </g>
        )}

        {active !== null && (
          <line x1={x(active + 1)} x2={x(active + 1)} y1={MARGIN.top} y2={axisY} className="hover-guide" style={{ stroke: AXIS }} />
        )}

        <g opacity={stale ? 0.4 : 1}>
          {/* Measured lines, then theory dashed over them (so agreement shows as a dashed line on a solid one), then points. */}
          {drawOrder.map((s) => (
            <path
              key={`line-${s.id}`} d={path(pointsOf(s)) ?? ''} fill="none"
              style={{ stroke: s.color, strokeWidth: `calc(${s.emphasis ? 4 : s.kind === 'measured' ? 2.5 : 2.25}px * var(--line-scale, 1))` }}
              strokeDasharray={s.kind === 'measured' ? undefined : '7 5'} strokeLinejoin="round"
            />
          ))}
          {onTop.map((s) => {
            const measured = s.kind === 'measured';
            return (
              <g key={`points-${s.id}`}>
                {measured && pointsOf(s).map((p, i) => p && (
                  <Marker key={i} shape={s.marker ?? 'circle'} x={p[0]} y={p[1]} size={pointRadius} color={s.color} filled halo={depth > 60 ? undefined : SURFACE} />
                ))}
                {s.values.map((v, i) => {
                  if (v?.kind !== 'overflow' && v?.kind !== 'zero') return null;
                  const rows = v.kind === 'overflow' ? overflowRows : zeroRows;
                  const band = v.kind === 'overflow' ? overflowBand : zeroBand;
                  const top = v.kind === 'overflow' ? MARGIN.top : zeroTop;
                  const size = bandMarker(rows.length, band) * (measured ? 0.85 : 1);
                  return (
                    <Marker key={`band-${i}`} shape={v.kind === 'overflow' ? 'triangle' : 'diamond'} x={x(i + 1)} y={bandY(rows, top, band, s.id)} size={size} color={s.color} filled={measured} />
                  );
                })}
              </g>
            );
          })}
          {active !== null && series.map((s) => {
            const py = place(s.values[active] ?? null);
            return py === null ? null : (
              <Marker key={`active-${s.id}`} shape={s.kind === 'measured' ? (s.marker ?? 'circle') : 'circle'} x={x(active + 1)} y={py} size={pointRadius + 2.5} color={s.color} filled={s.kind === 'measured'} halo={SURFACE} />
            );
          })}
        </g>

        <rect
          x={left} y={MARGIN.top} width={Math.max(0, right - left)} height={Math.max(0, axisY - MARGIN.top)}
          fill="transparent" pointerEvents="all"
          onPointerMove={onPointerMove} onPointerDown={onPointerMove}
          onPointerLeave={() => { if (!focused) setHovered(null); }}
        />
      </svg>
      <p id={readoutId} className="chart-readout" aria-live={focused ? 'polite' : 'off'}>
        {active !== null ? readoutText(series, active) : <span className="muted">Hover over the chart, or focus it and press ← →, to read each layer’s numbers.</span>}
      </p>
    </div>
  );
});

function describeBands(overflow: boolean, zero: boolean): string {
  if (overflow && zero) return 'each is 0 or overflowed';
  if (zero) return 'every one is exactly 0';
  if (overflow) return 'every one overflowed';
  return 'nothing has arrived yet';
}

