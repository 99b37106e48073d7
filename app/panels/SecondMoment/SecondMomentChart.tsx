/**
 * Pre-activation second moment by layer on a log axis: measured (line and points) and theory
 * (dashed). Props only; d3 computes scales and path strings, React draws every node. Values a log
 * axis cannot place are drawn in bands rather than dropped: overflow above the plot, exact zero below.
 */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { formatReading, type Reading } from '../../format/number.ts';
import type { LayerRow } from './layerRows.ts';
import { logAxis } from './logAxis.ts';
import { COLORS, superscript } from './chartStyle.ts';

export interface SecondMomentChartProps {
  readonly rows: readonly LayerRow[];
  readonly width: number;
  readonly height: number;
  /** The rows belong to an older config while a newer one is computed: draw them faded. */
  readonly stale: boolean;
}

const BAND = 30; // px: height of the overflow and zero bands
const BAND_GAP = 10; // px between a band and the plot, so band labels and tick labels do not touch
const MARGIN = { top: 14, right: 28, bottom: 58, left: 92 };

type Point = readonly [x: number, y: number];

export function SecondMomentChart({ rows, width, height, stale }: SecondMomentChartProps) {
  const depth = rows.length;
  const anyOverflow = rows.some((r) => r.preM2.kind === 'overflow' || r.theoryPreM2.kind === 'overflow');
  const anyZero = rows.some((r) => r.preM2.kind === 'zero' || r.theoryPreM2.kind === 'zero');
  const plotTop = MARGIN.top + (anyOverflow ? BAND + BAND_GAP : 0);
  const plotBottom = height - MARGIN.bottom - (anyZero ? BAND + BAND_GAP : 0);
  const left = MARGIN.left;
  const right = width - MARGIN.right;
  if (right - left < 40 || plotBottom - plotTop < 40) return null;

  const x = scaleLinear().domain(depth > 1 ? [1, depth] : [0.5, 1.5]).range([left, right]);
  const values = rows.flatMap((r) => [r.preM2, r.theoryPreM2]).flatMap((v) => (v.kind === 'value' ? [v.value] : []));
  const { scale: y, ticks: yTicks } = logAxis(values, [plotBottom, plotTop], Math.max(3, Math.floor((plotBottom - plotTop) / 44)));
  const xTicks = depth <= 20 ? rows.map((r) => r.layer) : x.ticks(Math.min(12, Math.floor((right - left) / 70))).filter((t) => Number.isInteger(t) && t >= 1);
  const overflowY = MARGIN.top + BAND / 2;
  const zeroTop = height - MARGIN.bottom - BAND;
  const zeroY = zeroTop + BAND / 2;

  const place = (v: Reading): number | null => (v.kind === 'value' ? y(v.value) : null);
  const measured = rows.map((r): Point | null => { const py = place(r.preM2); return py === null ? null : [x(r.layer), py]; });
  const theory = rows.map((r): Point | null => { const py = place(r.theoryPreM2); return py === null ? null : [x(r.layer), py]; });
  const path = line<Point | null>().defined((p) => p !== null).x((p) => p![0]).y((p) => p![1]);
  const dense = depth > 60;
  const pointRadius = dense ? 2.25 : depth > 25 ? 3.5 : 5;
  const marker = Math.min(9, Math.max(4, (right - left) / depth / 2.5));

  return (
    <svg width={width} height={height} role="img" aria-label={describe(rows)} className="chart">
      {/* grid and y axis */}
      {yTicks.map((t) => (
        <g key={t.exponent} transform={`translate(0,${y(t.value)})`}>
          <line x1={left} x2={right} stroke={COLORS.grid} />
          <text x={left - 10} dy="0.35em" textAnchor="end" className="tick">
            {t.plain ?? `10${superscript(t.exponent)}`}
          </text>
        </g>
      ))}
      <line x1={left} x2={left} y1={plotTop} y2={plotBottom} stroke={COLORS.axis} />
      {values.length === 0 && (
        <text x={(left + right) / 2} y={plotTop + (plotBottom - plotTop) * 0.3} textAnchor="middle" className="empty-note">
          No value here can go on a log axis: {anyZero && anyOverflow ? 'each is 0 or overflowed' : anyZero ? 'every one is exactly 0' : 'every one overflowed'}.
        </text>
      )}
      <text transform={`translate(20,${(plotTop + plotBottom) / 2}) rotate(-90)`} textAnchor="middle" className="axis-label">
        E[h²] (log scale)
      </text>

      {/* x axis */}
      <line x1={left} x2={right} y1={height - MARGIN.bottom} y2={height - MARGIN.bottom} stroke={COLORS.axis} />
      {xTicks.map((t) => (
        <g key={t} transform={`translate(${x(t)},${height - MARGIN.bottom})`}>
          <line y2={6} stroke={COLORS.axis} />
          <text y={22} textAnchor="middle" className="tick">{t}</text>
        </g>
      ))}
      <text x={(left + right) / 2} y={height - 8} textAnchor="middle" className="axis-label">Hidden layer</text>

      {/* bands for what the log axis cannot show */}
      {anyOverflow && (
        <g>
          <rect x={left} y={MARGIN.top} width={right - left} height={BAND} fill={COLORS.overflowBand} />
          <text x={left - 10} y={overflowY} dy="0.35em" textAnchor="end" className="tick band-label overflow">overflow</text>
        </g>
      )}
      {anyZero && (
        <g>
          <rect x={left} y={zeroTop} width={right - left} height={BAND} fill={COLORS.zeroBand} />
          <text x={left - 10} y={zeroY} dy="0.35em" textAnchor="end" className="tick band-label">0</text>
        </g>
      )}

      <g opacity={stale ? 0.4 : 1}>
        <path d={path(theory) ?? ''} fill="none" stroke={COLORS.theory} strokeWidth={2.5} strokeDasharray="8 6" />
        <path d={path(measured) ?? ''} fill="none" stroke={COLORS.measured} strokeWidth={2.5} />
        {rows.map((r, i) => {
          const p = measured[i];
          return p && (
            <circle key={r.layer} cx={p[0]} cy={p[1]} r={pointRadius} fill={COLORS.measured} stroke={dense ? 'none' : '#fff'} strokeWidth={1.5}>
              <title>{`Layer ${r.layer}: measured E[h²] = ${formatReading(r.preM2)}, theory ${formatReading(r.theoryPreM2)}`}</title>
            </circle>
          );
        })}
        {rows.map((r) => (
          <g key={r.layer} transform={`translate(${x(r.layer)},0)`}>
            {r.theoryPreM2.kind === 'overflow' && <Triangle y={overflowY} size={marker} color={COLORS.overflow} filled={false} />}
            {r.preM2.kind === 'overflow' && <Triangle y={overflowY} size={marker * 0.75} color={COLORS.overflow} filled />}
            {r.theoryPreM2.kind === 'zero' && <Diamond y={zeroY} size={marker} color={COLORS.zero} filled={false} />}
            {r.preM2.kind === 'zero' && <Diamond y={zeroY} size={marker * 0.7} color={COLORS.zero} filled />}
            {(r.preM2.kind !== 'value' || r.theoryPreM2.kind !== 'value') && (
              <title>{`Layer ${r.layer}: measured E[h²] = ${formatReading(r.preM2)}, theory ${formatReading(r.theoryPreM2)}`}</title>
            )}
          </g>
        ))}
      </g>
    </svg>
  );
}

/** Filled: measured. Hollow: theory. Points up: past float range. */
export function Triangle({ y, size, color, filled }: { y: number; size: number; color: string; filled: boolean }) {
  const h = size * 1.7;
  return <path d={`M0,${y - h / 2}L${size},${y + h / 2}L${-size},${y + h / 2}Z`} fill={filled ? color : 'none'} stroke={color} strokeWidth={2} />;
}

/** Filled: measured. Hollow: theory. Sits on the zero band. */
export function Diamond({ y, size, color, filled }: { y: number; size: number; color: string; filled: boolean }) {
  return <path d={`M0,${y - size}L${size},${y}L0,${y + size}L${-size},${y}Z`} fill={filled ? color : 'none'} stroke={color} strokeWidth={2} />;
}

/** The chart in one or two sentences, for its accessible name. */
function describe(rows: readonly LayerRow[]): string {
  const n = rows.length;
  const ends = (pick: (r: LayerRow) => Reading) => {
    const first = pick(rows[0]);
    const last = pick(rows[n - 1]);
    return n === 1 ? formatReading(first) : `${formatReading(first)} at layer 1 to ${formatReading(last)} at layer ${n}`;
  };
  const overflow = rows.filter((r) => r.preM2.kind === 'overflow').length;
  const zero = rows.filter((r) => r.preM2.kind === 'zero').length;
  const notes = [
    overflow > 0 ? `${overflow} ${overflow === 1 ? 'layer' : 'layers'} overflowed` : '',
    zero > 0 ? `${zero} ${zero === 1 ? 'layer is' : 'layers are'} exactly 0` : '',
  ].filter(Boolean);
  return `Second moment E[h²] of the pre-activations of ${n} hidden ${n === 1 ? 'layer' : 'layers'}, log scale. `
    + `Measured: ${ends((r) => r.preM2)}. Theory (dashed): ${ends((r) => r.theoryPreM2)}.`
    + (notes.length > 0 ? ` ${notes.join('; ')}.` : '');
}
