/**
 * A rows x columns heatmap (layers x training steps): one pixel per cell on a canvas stretched
 * over the plot with crisp edges, axes and the focus cell in SVG. Props only. Hover, or focus and
 * use the arrow keys (Shift: ten at a time, Home/End), to read a cell.
 */
import { memo, useCallback, useId, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { scaleLinear } from 'd3-scale';
import { CanvasLayer, drawPixels } from './CanvasLayer.tsx';
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
}

const MARGIN = { top: 10, right: 16, bottom: 56, left: 92 };

interface Cell { readonly row: number; readonly column: number }

export const Heatmap = memo(function Heatmap(props: HeatmapProps) {
  const { width, height, rows, columns, values, color, xValues, rowLabels, xLabel, yLabel, ariaLabel, readout, readoutHint, stale = false } = props;
  const svgRef = useRef<SVGSVGElement>(null);
  const readoutId = useId();
  const [active, setActive] = useState<Cell | null>(null);
  const [focused, setFocused] = useState(false);
  const left = MARGIN.left, right = width - MARGIN.right, top = MARGIN.top, bottom = height - MARGIN.bottom;
  const plotW = Math.max(1, right - left), plotH = Math.max(1, bottom - top);
  const cellW = plotW / Math.max(1, columns), cellH = plotH / Math.max(1, rows);

  const pixels = useMemo(() => {
    if (rows === 0 || columns === 0) return null;
    const data = new Uint8ClampedArray(rows * columns * 4);
    for (let r = 0; r < rows; r++) {
      const imageRow = rows - 1 - r;
      for (let c = 0; c < columns; c++) {
        const [red, green, blue] = color(values[r * columns + c]);
        const o = (imageRow * columns + c) * 4;
        data[o] = red; data[o + 1] = green; data[o + 2] = blue; data[o + 3] = 255;
      }
    }
    return new ImageData(data, columns, rows);
  }, [rows, columns, values, color]);

  const draw = useCallback((ctx: CanvasRenderingContext2D, w: number, h: number) => {
    if (pixels) drawPixels(ctx, pixels, 0, 0, w, h, false);
  }, [pixels]);

  const cell = active && active.row < rows && active.column < columns ? active : null;
  if (rows === 0 || columns === 0 || plotW < 40 || plotH < 20) return null;

  const first = xValues[0], last = xValues[columns - 1];
  const x = scaleLinear().domain(columns > 1 ? [first, last] : [first - 0.5, first + 0.5]).range(columns > 1 ? [left + cellW / 2, right - cellW / 2] : [left, right]);
  const xTicks = x.ticks(Math.max(2, Math.min(10, Math.floor(plotW / 90)))).filter((t) => Number.isInteger(t));
  const everyRow = Math.max(1, Math.ceil(19 / cellH));
  const rowTicks = Array.from({ length: rows }, (_, r) => r).filter((r) => r === rows - 1 || (r % everyRow === 0 && rows - 1 - r >= everyRow));
  const rowY = (r: number) => top + (rows - 1 - r + 0.5) * cellH;

  function cellAt(clientX: number, clientY: number): Cell {
    const box = svgRef.current?.getBoundingClientRect();
    const px = clientX - (box?.left ?? 0), py = clientY - (box?.top ?? 0);
    const column = Math.max(0, Math.min(columns - 1, Math.floor((px - left) / cellW)));
    const row = Math.max(0, Math.min(rows - 1, rows - 1 - Math.floor((py - top) / cellH)));
    return { row, column };
  }
  function onPointerMove(e: PointerEvent<SVGRectElement>) { setActive(cellAt(e.clientX, e.clientY)); }
  function onKeyDown(e: KeyboardEvent<SVGSVGElement>) {
    const at = cell ?? { row: 0, column: columns - 1 };
    const far = e.shiftKey ? 10 : 1;
    const clamp = (v: number, n: number) => Math.max(0, Math.min(n - 1, v));
    let next: Cell | null;
    switch (e.key) {
      case 'ArrowLeft': next = { ...at, column: clamp(at.column - far, columns) }; break;
      case 'ArrowRight': next = { ...at, column: clamp(at.column + far, columns) }; break;
      case 'ArrowUp': next = { ...at, row: clamp(at.row + far, rows) }; break;
      case 'ArrowDown': next = { ...at, row: clamp(at.row - far, rows) }; break;
      case 'Home': next = { ...at, column: 0 }; break;
      case 'End': next = { ...at, column: columns - 1 }; break;
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
          onFocus={() => { setFocused(true); setActive((a) => a ?? { row: rows - 1, column: columns - 1 }); }}
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
          {cell && (
            <g pointerEvents="none">
              <rect x={left + cell.column * cellW - 1.5} y={rowY(cell.row) - cellH / 2 - 1.5} width={cellW + 3} height={cellH + 3} className="heatmap-focus-halo" />
              <rect x={left + cell.column * cellW - 1.5} y={rowY(cell.row) - cellH / 2 - 1.5} width={cellW + 3} height={cellH + 3} className="heatmap-focus" />
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
