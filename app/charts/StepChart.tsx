/**
 * Lines (and shaded bands) over training steps, on a linear or log y axis. Props only: d3 computes
 * scales and path strings, React draws every node. Values the axis cannot place (NaN, ±Infinity,
 * and on a log axis 0 and below) leave a gap; where a line first turns non-finite, or a run
 * reports divergence, a marker says so. Hover, or focus and use the arrow keys, to read a step.
 */
import { memo, useContext, useId, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { scaleLinear, scaleSymlog } from 'd3-scale';
import { stepDomain, StepAxisContext } from './stepAxisContext.ts';
import { logStepTicks } from './stepScale.ts';
import { area, line } from 'd3-shape';
import { formatNumber } from '../format/number.ts';
import { AXIS, DANGER, GRID, SURFACE } from './chartColors.ts';
import { stepLayer } from './lineSeries.ts';
import { stepYAxis } from './stepAxis.ts';
import {
  divergenceSteps, formatStep, lastStep, nearestIndex, pixelIndices, placeable, yExtent,
  type Numbers, type StepBand, type StepLine, type YScaleKind,
} from './stepSeries.ts';

export interface StepChartProps {
  readonly lines: readonly StepLine[];
  readonly bands?: readonly StepBand[];
  readonly width: number;
  readonly height: number;
  /** Names the quantity: "loss". " (log scale)" is added on a log axis. */
  readonly yLabel: string;
  readonly xLabel?: string;
  /** The chart in a sentence or two, for screen readers. */
  readonly ariaLabel: string;
  readonly yScale?: YScaleKind;
  /** A fixed y range (accuracy's 0..1, or one range shared by charts side by side); else the data's. */
  readonly yDomain?: readonly [number, number];
  /** Tick and readout labels on a linear axis ("85%"). */
  readonly yFormat?: (v: number) => string;
  /** Steps where a run stopped on divergence, marked even where its numbers stayed finite. */
  readonly diverged?: readonly number[];
  /** The data belong to an older config while a newer one is built: draw them faded. */
  readonly stale?: boolean;
}

const MARGIN = { top: 22, right: 20, bottom: 54 };
/** Room for the rotated axis label, then the widest tick label (15px tabular digits are ~8.6 px wide). */
const leftMargin = (labels: readonly string[]) => Math.max(64, 44 + 8.6 * Math.max(0, ...labels.map((l) => l.length)));
const EMPTY: readonly StepBand[] = [];
const NONE: readonly number[] = [];
const plain = (v: number) => formatNumber(v, 3);

/** Memoized: the panels hand it new arrays only when a snapshot changed them. */
export const StepChart = memo(function StepChart({
  lines, bands = EMPTY, width, height, yLabel, xLabel = 'Training step', ariaLabel,
  yScale = 'linear', yDomain, yFormat = plain, diverged = NONE, stale = false,
}: StepChartProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const readoutId = useId();
  const clipId = useId();
  const [hovered, setHovered] = useState<number | null>(null);
  const [focused, setFocused] = useState(false);
  const axis = useContext(StepAxisContext);

  const top = MARGIN.top, bottom = height - MARGIN.bottom;
  const extent = yDomain ?? yExtent(lines, bands, yScale);
  const y = stepYAxis(extent, yScale, [bottom, top], Math.max(3, Math.floor((bottom - top) / 48)), yFormat);
  const left = leftMargin(y.ticks.map((t) => t.label)), right = width - MARGIN.right;
  if (right - left < 60 || bottom - top < 40) return null;

  // The readout walks the first series' steps (the caller puts the evaluated one first).
  const anchor: Numbers = lines.find((l) => l.steps.length > 0)?.steps ?? bands.find((b) => b.steps.length > 0)?.steps ?? [];
  const active = hovered !== null && hovered < anchor.length ? hovered : null;

  const end = lastStep(lines, bands);
  const x = axis.scale === 'log' ? scaleSymlog().domain(stepDomain(end, axis)).range([left, right]) : scaleLinear().domain(stepDomain(end, axis)).range([left, right]);
  const xTicks = axis.scale === 'log' ? logStepTicks(x.domain() as [number, number]) : x.ticks(Math.max(2, Math.floor((right - left) / 95))).filter((t) => Number.isInteger(t));
  const ok = (v: number) => placeable(v, yScale);
  // A dense line (2,000 mini-batches on 800 px) is drawn from its envelope per 1.5 px: the same picture, a fraction of the path.
  const linePath = (steps: Numbers, values: Numbers) =>
    line<number>().digits(1).defined((i) => ok(values[i])).x((i) => x(steps[i])).y((i) => y.scale(values[i]))(pixelIndices(steps, values, x, ok, 1.5, right - left)) ?? '';
  const bandPath = (b: StepBand) =>
    area<number>().digits(1).defined((i) => ok(b.lo[i]) && ok(b.hi[i])).x((i) => x(b.steps[i])).y0((i) => y.scale(b.lo[i])).y1((i) => y.scale(b.hi[i]))(everyNth(b.steps.length, right - left)) ?? '';
  const marks = [...divergenceSteps(lines)];
  for (const step of diverged) if (!marks.some((m) => m.step === step)) marks.push({ step, colors: [DANGER] });
  const drawOrder = [...lines.filter((l) => l.style === 'faint'), ...lines.filter((l) => l.style === 'dashed'), ...lines.filter((l) => !l.style || l.style === 'solid')];
  const activeStep = active !== null ? anchor[active] : null;

  function indexAt(clientX: number): number {
    const box = svgRef.current?.getBoundingClientRect();
    return nearestIndex(anchor, x.invert(clientX - (box?.left ?? 0)));
  }
  function onPointerMove(e: PointerEvent<SVGRectElement>) {
    const i = indexAt(e.clientX);
    setHovered(i < 0 ? null : i);
  }
  function onKeyDown(e: KeyboardEvent<SVGSVGElement>) {
    const next = stepLayer(e.key, active, anchor.length);
    if (next === undefined || anchor.length === 0) return;
    e.preventDefault();
    setHovered(next);
  }

  return (
    <div className="step-chart">
      <svg
        ref={svgRef} width={width} height={height} role="img" aria-label={ariaLabel} aria-describedby={readoutId}
        tabIndex={0} className="chart" onKeyDown={onKeyDown}
        onFocus={() => { setFocused(true); setHovered((h) => h ?? (anchor.length > 0 ? anchor.length - 1 : null)); }}
        onBlur={() => { setFocused(false); setHovered(null); }}
      >
        <defs>
          <clipPath id={clipId}><rect x={left} y={top - 4} width={right - left} height={bottom - top + 8} /></clipPath>
        </defs>
        {y.ticks.map((t) => (
          <g key={t.value} transform={`translate(0,${y.scale(t.value)})`}>
            <line x1={left} x2={right} style={{ stroke: GRID }} />
            <text x={left - 10} dy="0.35em" textAnchor="end" className="tick">{t.label}</text>
          </g>
        ))}
        <line x1={left} x2={left} y1={top} y2={bottom} style={{ stroke: AXIS }} />
        <text transform={`translate(18,${(top + bottom) / 2}) rotate(-90)`} textAnchor="middle" className="axis-label">
          {yScale === 'log' ? `${yLabel} (log scale)` : yLabel}
        </text>
        <line x1={left} x2={right} y1={bottom} y2={bottom} style={{ stroke: AXIS }} />
        {xTicks.map((t) => (
          <g key={t} transform={`translate(${x(t)},${bottom})`}>
            <line y2={6} style={{ stroke: AXIS }} />
            <text y={22} textAnchor="middle" className="tick">{formatStep(t)}</text>
          </g>
        ))}
        <text x={(left + right) / 2} y={height - 8} textAnchor="middle" className="axis-label">{xLabel}</text>

        {activeStep !== null && (
          <line x1={x(activeStep)} x2={x(activeStep)} y1={top} y2={bottom} className="hover-guide" style={{ stroke: AXIS }} />
        )}

        <g opacity={stale ? 0.4 : 1} clipPath={`url(#${clipId})`}>
          {bands.map((b) => (
            <g key={`band-${b.id}`}>
              <path d={bandPath(b)} style={{ fill: b.color, fillOpacity: 0.2, stroke: 'none' }} />
              {[b.lo, b.hi].map((edge, k) => (
                <path key={k} d={linePath(b.steps, edge)} fill="none" strokeLinejoin="round" style={{ stroke: b.color, strokeWidth: 1.5, strokeOpacity: 0.7 }} />
              ))}
            </g>
          ))}
          {drawOrder.map((l) => (
            <path
              key={`line-${l.id}`} data-line={l.id} d={linePath(l.steps, l.values)} fill="none" strokeLinejoin="round" strokeLinecap="round"
              style={{ stroke: l.color, strokeWidth: l.style === 'faint' ? 1.25 : l.style === 'dashed' ? 2.5 : 3, strokeOpacity: l.style === 'faint' ? 0.4 : 1 }}
              strokeDasharray={l.style === 'dashed' ? '8 5' : undefined}
            />
          ))}
          {activeStep !== null && lines.map((l) => {
            const i = nearestIndex(l.steps, activeStep);
            if (i < 0 || !ok(l.values[i])) return null;
            return <circle key={`active-${l.id}`} cx={x(l.steps[i])} cy={y.scale(l.values[i])} r={l.style === 'faint' ? 3.5 : 5.5} style={{ fill: l.color, stroke: SURFACE, strokeWidth: 1.5 }} />;
          })}
        </g>

        {marks.map((m) => (
          <g key={`diverged-${m.step}`} transform={`translate(${x(m.step)},0)`}>
            <line y1={top} y2={bottom} style={{ stroke: DANGER, strokeWidth: 2 }} strokeDasharray="3 4" />
            <path d={`M0,${top - 2}l-6,-10h12z`} style={{ fill: m.colors[0] ?? DANGER, stroke: DANGER, strokeWidth: 1 }} />
            <text x={x(m.step) > (left + right) / 2 ? -10 : 10} y={top + 14} textAnchor={x(m.step) > (left + right) / 2 ? 'end' : 'start'} className="tick band-label" style={{ fill: DANGER }}>
              diverged at step {formatStep(m.step)}
            </text>
          </g>
        ))}

        <rect
          x={left} y={top} width={Math.max(0, right - left)} height={Math.max(0, bottom - top)}
          fill="transparent" pointerEvents="all"
          onPointerMove={onPointerMove} onPointerDown={onPointerMove}
          onPointerLeave={() => { if (!focused) setHovered(null); }}
        />
      </svg>
      <p id={readoutId} className="chart-readout" aria-live={focused ? 'polite' : 'off'}>
        {activeStep !== null
          ? readout(activeStep, lines, bands, yFormat)
          : <span className="muted">Hover, or focus and press ← →, to read each step’s numbers.</span>}
      </p>
    </div>
  );
});

/** 0..n-1, or every k-th (and the last) when there are over one per 1.5 px: a band is smooth enough to stride through. */
function everyNth(n: number, width: number): number[] {
  const k = Math.max(1, Math.floor((n * 1.5) / Math.max(1, width)));
  const out: number[] = [];
  for (let i = 0; i < n; i += k) out.push(i);
  if (n > 0 && out[out.length - 1] !== n - 1) out.push(n - 1);
  return out;
}

/** "Step 1,250: test loss 0.43 · train loss 0.41 · p15–p85 −0.8 to 1.1". */
export function readout(step: number, lines: readonly StepLine[], bands: readonly StepBand[], format: (v: number) => string): string {
  const read = (v: number) => (Number.isFinite(v) ? format(v) : Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '−Infinity');
  const parts: string[] = [];
  for (const l of lines) {
    const i = nearestIndex(l.steps, step);
    parts.push(`${l.label} ${i < 0 ? '—' : read(l.values[i])}`);
  }
  for (const b of bands) {
    const i = nearestIndex(b.steps, step);
    parts.push(`${b.label} ${i < 0 ? '—' : `${read(b.lo[i])} to ${read(b.hi[i])}`}`);
  }
  return `Step ${formatStep(step)}: ${parts.join(' · ')}`;
}

/** Ticks of a log steps axis: 0 (when shown), then 1, 10, 100, ... within the domain. */
