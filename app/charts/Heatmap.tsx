/**
 * A rows x columns heatmap (layers x training steps) on the steps axis every step chart uses
 * (linear or log, all steps or the last N): each pixel column of the plot shows the recorded
 * column nearest its step, on a canvas with crisp edges; axes and the focus cell in SVG. Props
 * only. Hover, or focus and use the arrow keys (Shift: ten at a time, Home/End), to read a cell.
 */
import { memo, useCallback, useId, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { CanvasLayer, drawPixels } from './CanvasLayer.tsx';
import { DEFAULT_STEP_AXIS, type StepAxis } from './stepAxisContext.ts';
import { columnSpan, pixelColumns, shownColumns, stepScale, stepTicks } from './stepScale.ts';
import type { Rgb } from './colormap.ts';
import { AXIS } from './chartColors.ts';

export interface HeatmapProps {
  readonly width: number;
  readonly height: number;
  readonly rows: number;
  readonly columns: number;
  /** rows x columns, row-major; row 0 is drawn at the bottom. */
  readonly values: Float64Array;
  /** The colour of a value (the caller decides how zeros and overflow look). Memoize it: a new one repaints. */
  readonly color: (v: number) => Rgb;
  /** The x value (the step) of each column, increasing. */
  readonly xValues: Float64Array;
  readonly rowLabels: readonly string[];
  readonly xLabel: string;
  readonly yLabel: string;
  readonly ariaLabel: string;
  readonly readout: (row: number, column: number) => string;
  readonly readoutHint: string;
  readonly stale?: boolean;
  /** The steps axis (the view's choice, as the line charts read it). */
  readonly stepAxis?: StepAxis;
}

const MARGIN = { top: 10, right: 16, bottom: 56, left: 92 };

interface Cell { readonly row: number; readonly column: number }

export const Heatmap = memo(function Heatmap(props: HeatmapProps) {
  const { width, height, rows, columns, values, color, xValues, rowLabels, xLabel, yLabel, ariaLabel, readout, readoutHint, stale = false, stepAxis = DEFAULT_STEP_AXIS } = props;
  const svgRef = useRef<SVGSVGElement>(null);
  const readoutId = useId();
  const [active, setActive] = useState<Cell | null>(null);
  const [focused, setFocused] = useState(false);
  const left = MARGIN.left, right = width - MARGIN.right, top = MARGIN.top, bottom = height - MARGIN.bottom;
  const plotW = Math.max(1, right - left), plotH = Math.max(1, bottom - top);
  const cellH = plotH / Math.max(1, rows);
  // One image column per whole pixel of the plot, each showing the recorded column nearest its step.
  const imageColumns = Math.max(1, Math.round(plotW));
  const source = useMemo(() => pixelColumns(xValues.subarray(0, columns), stepAxis, imageColumns), [xValues, columns, stepAxis, imageColumns]);
  const shown = useMemo(() => shownColumns(source), [source]);

  const pixels = useMemo(() => {
    if (rows === 0 || columns === 0) return null;
    const data = new Uint8ClampedArray(rows * imageColumns * 4); // transparent where the run has no step yet
    for (let p = 0; p < imageColumns; p++) {
      const c = source[p];
      if (c < 0) continue;
      for (let r = 0; r < rows; r++) {
        const [red, green, blue] = color(values[r * columns + c]);
        const o = ((rows - 1 - r) * imageColumns + p) * 4;
        data[o] = red; data[o + 1] = green; data[o + 2] = blue; data[o + 3] = 255;
      }
    }
    return new ImageData(data, imageColumns, rows);
  }, [rows, columns, values, color, source, imageColumns]);

  const draw = useCallback((ctx: CanvasRenderingContext2D, w: number, h: number) => {
    if (pixels) drawPixels(ctx, pixels, 0, 0, w, h, false);
  }, [pixels]);

  const cell = active && active.row < rows && active.column < columns && shown.includes(active.column) ? active : null;
  if (rows === 0 || columns === 0 || plotW < 40 || plotH < 20) return null;

  const x = stepScale(stepAxis, xValues[columns - 1], [left, right]);
  const xTicks = stepTicks(x, stepAxis, plotW);
  const pxPerImageColumn = plotW / imageColumns;
  const span = cell ? columnSpan(source, cell.column) : null;
  const everyRow = Math.max(1, Math.ceil(19 / cellH));
  const rowTicks = Array.from({ length: rows }, (_, r) => r).filter((r) => r === rows - 1 || (r % everyRow === 0 && rows - 1 - r >= everyRow));
  const rowY = (r: number) => top + (rows - 1 - r + 0.5) * cellH;

  function cellAt(clientX: number, clientY: number): Cell | null {
    const box = svgRef.current?.getBoundingClientRect();
    const px = clientX - (box?.left ?? 0), py = clientY - (box?.top ?? 0);
    const column = source[Math.max(0, Math.min(imageColumns - 1, Math.floor((px - left) / pxPerImageColumn)))];
    if (column < 0) return null;
    const row = Math.max(0, Math.min(rows - 1, rows - 1 - Math.floor((py - top) / cellH)));
    return { row, column };
  }
  function onPointerMove(e: PointerEvent<SVGRectElement>) { setActive(cellAt(e.clientX, e.clientY)); }
  function onKeyDown(e: KeyboardEvent<SVGSVGElement>) {
    if (shown.length === 0) return;
    const at = cell ?? { row: 0, column: shown[shown.length - 1] };
    const far = e.shiftKey ? 10 : 1;
    const clamp = (v: number, n: number) => Math.max(0, Math.min(n - 1, v));
    // Left and right walk the columns on screen (the last N steps hide the others; a dense run shows one a pixel).
    const index = Math.max(0, shown.indexOf(at.column));
    let next: Cell | null;
    switch (e.key) {
      case 'ArrowLeft': next = { ...at, column: shown[clamp(index - far, shown.length)] }; break;
      case 'ArrowRight': next = { ...at, column: shown[clamp(index + far, shown.length)] }; break;
      case 'ArrowUp': next = { ...at, row: clamp(at.row + far, rows) }; break;
      case 'ArrowDown': next = { ...at, row: clamp(at.row - far, rows) }; break;
      case 'Home': next = { ...at, column: shown[0] }; break;
      case 'End': next = { ...at, column: shown[shown.length - 1] }; break;
      case 'Escape': next = null; break;
      default: return;
    }
    e.preventDefault();
    setActive(next);
  }

  return (
    <div className="heatmap">
      <div style={{ position: 'relative', width, height }}>
        <div style={{ position: 'absolute', left, top, opacity: stale ? 0.45 : 1 }}>
          <CanvasLayer width={plotW} height={plotH} draw={draw} testId="heatmap-canvas" />
        </div>
        <svg
          ref={svgRef} width={width} height={height} role="img" aria-label={ariaLabel} aria-describedby={readoutId} tabIndex={0}
          className="chart" style={{ position: 'absolute', left: 0, top: 0 }}
          onKeyDown={onKeyDown}
          onFocus={() => { setFocused(true); setActive((a) => a ?? (shown.length > 0 ? { row: rows - 1, column: shown[shown.length - 1] } : null)); }}
          onBlur={() => { setFocused(false); setActive(null); }}
        >
          <rect x={left} y={top} width={plotW} height={plotH} fill="none" style={{ stroke: AXIS }} />
          {rowTicks.map((r) => (
            <g key={r} transform={`translate(${left},${rowY(r)})`}>
              <line x2={-5} style={{ stroke: AXIS }} />
              <text x={-9} dy="0.35em" textAnchor="end" className={r === rows - 1 ? 'tick emphasis' : 'tick'}>{rowLabels[r]}</text>
            </g>
          ))}
          <text transform={`translate(18,${top + plotH / 2}) rotate(-90)`} textAnchor="middle" className="axis-label">{yLabel}</text>
          {xTicks.map((t) => (
            <g key={t} transform={`translate(${x(t)},${bottom})`}>
              <line y2={6} style={{ stroke: AXIS }} />
              <text y={22} textAnchor="middle" className="tick">{t.toLocaleString('en-US')}</text>
            </g>
          ))}
          <text x={(left + right) / 2} y={height - 8} textAnchor="middle" className="axis-label">{xLabel}</text>
          {cell && span && (
            <g pointerEvents="none">
              <rect x={left + span[0] * pxPerImageColumn - 1.5} y={rowY(cell.row) - cellH / 2 - 1.5} width={(span[1] - span[0]) * pxPerImageColumn + 3} height={cellH + 3} className="heatmap-focus-halo" />
              <rect x={left + span[0] * pxPerImageColumn - 1.5} y={rowY(cell.row) - cellH / 2 - 1.5} width={(span[1] - span[0]) * pxPerImageColumn + 3} height={cellH + 3} className="heatmap-focus" />
            </g>
          )}
          <rect
            x={left} y={top} width={plotW} height={plotH} fill="transparent" pointerEvents="all"
            onPointerMove={onPointerMove} onPointerDown={onPointerMove}
            onPointerLeave={() => { if (!focused) setActive(null); }}
          />
        </svg>
      </div>
      <p id={readoutId} className="chart-readout" aria-live={focused ? 'polite' : 'off'}>
        {cell ? readout(cell.row, cell.column) : <span className="muted">{readoutHint}</span>}
      </p>
    </div>
  );
});
