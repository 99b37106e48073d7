/**
 * A colour map over a plane with a boundary curve, side labels and one marker; a click picks a
 * point (the caller decides what it sets). The grid goes to a <canvas>, the rest to SVG. Props only.
 * From the keyboard: the plane is one focusable control; the arrow keys move a cursor (from the
 * marker) one grid cell at a time, its reading is announced, Enter or Space picks it.
 */
import { memo, useCallback, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { CanvasLayer, drawPixels } from './CanvasLayer.tsx';
import type { Rgb } from './colormap.ts';
import { AXIS } from './chartColors.ts';

export interface PhaseDiagramProps {
  readonly width: number;
  readonly height: number;
  readonly rows: number;
  readonly columns: number;
  /** rows x columns, row-major; row 0 at the bottom (y's low end). */
  readonly values: Float64Array;
  readonly color: (v: number) => Rgb;
  readonly xDomain: readonly [number, number];
  readonly yDomain: readonly [number, number];
  readonly xLabel: string;
  readonly yLabel: string;
  /** (x, y) points of the boundary, drawn as a line. */
  readonly boundary: readonly (readonly [number, number])[];
  /** Labels for the regions left and right of the boundary (none: no labels). */
  readonly sides?: readonly [string, string];
  readonly marker: { readonly x: number; readonly y: number; readonly label: string } | null;
  readonly onPick?: (x: number, y: number) => void;
  /** What the pointer's point reads as. */
  readonly readout: (x: number, y: number) => string;
  readonly ariaLabel: string;
  /** The focusable picker's accessible name (what Enter sets), when onPick is given. */
  readonly pickLabel?: string;
  /** Blend neighbouring cells (a fine grid of a smooth quantity); false draws each cell as a block. Default true. */
  readonly smooth?: boolean;
  /** Test id of the picker (default 'phase-plane'); two diagrams on a page need two. */
  readonly testIdPrefix?: string;
}

const MARGIN = { top: 12, right: 16, bottom: 48, left: 64 };

export const PhaseDiagram = memo(function PhaseDiagram(props: PhaseDiagramProps) {
  const { width, height, rows, columns, values, color, xDomain, yDomain, xLabel, yLabel, boundary, sides, marker, onPick, readout, ariaLabel, pickLabel } = props;
  const id = props.testIdPrefix ?? 'phase';
  const svgRef = useRef<SVGSVGElement>(null);
  const [hover, setHover] = useState<readonly [number, number] | null>(null);
  /** The keyboard's cursor (null: not focused). */
  const [cursor, setCursor] = useState<readonly [number, number] | null>(null);
  const left = MARGIN.left, top = MARGIN.top, right = width - MARGIN.right, bottom = height - MARGIN.bottom;
  const plotW = Math.max(1, right - left), plotH = Math.max(1, bottom - top);
  const x = scaleLinear().domain(xDomain).range([left, right]);
  const y = scaleLinear().domain(yDomain).range([bottom, top]);

  const pixels = useMemo(() => {
    const data = new Uint8ClampedArray(rows * columns * 4);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < columns; c++) {
        const [red, green, blue] = color(values[r * columns + c]);
        const o = ((rows - 1 - r) * columns + c) * 4;
        data[o] = red; data[o + 1] = green; data[o + 2] = blue; data[o + 3] = 255;
      }
    }
    return new ImageData(data, columns, rows);
  }, [rows, columns, values, color]);
  const smooth = props.smooth ?? true;
  const draw = useCallback((ctx: CanvasRenderingContext2D, w: number, h: number) => drawPixels(ctx, pixels, 0, 0, w, h, smooth), [pixels, smooth]);

  function pointAt(e: PointerEvent<HTMLDivElement>): readonly [number, number] {
    const box = svgRef.current?.getBoundingClientRect();
    const px = Math.min(right, Math.max(left, e.clientX - (box?.left ?? 0)));
    const py = Math.min(bottom, Math.max(top, e.clientY - (box?.top ?? 0)));
    return [x.invert(px), y.invert(py)];
  }

  const path = line<readonly [number, number]>().defined((p) => Number.isFinite(p[0]) && Number.isFinite(p[1])).x((p) => x(p[0])).y((p) => y(p[1]))(boundary) ?? '';
  const mid = sides ? boundary[Math.floor(boundary.length / 2)] : undefined;
  const clampX = (v: number) => Math.min(xDomain[1], Math.max(xDomain[0], v));
  const clampY = (v: number) => Math.min(yDomain[1], Math.max(yDomain[0], v));
  /** The arrow keys go from cell centre to cell centre; Page Up/Down five rows; Home/End the first and last column. */
  const stepX = (xDomain[1] - xDomain[0]) / columns, stepY = (yDomain[1] - yDomain[0]) / rows;
  const centre = (k: number, r: number): readonly [number, number] => [
    xDomain[0] + (Math.min(columns - 1, Math.max(0, k)) + 0.5) * stepX, yDomain[0] + (Math.min(rows - 1, Math.max(0, r)) + 0.5) * stepY,
  ];
  const cellOf = (p: readonly [number, number]) => [Math.floor((p[0] - xDomain[0]) / stepX), Math.floor((p[1] - yDomain[0]) / stepY)] as const;
  const start = (): readonly [number, number] => {
    const p = marker ? [clampX(marker.x), clampY(marker.y)] as const : [(xDomain[0] + xDomain[1]) / 2, (yDomain[0] + yDomain[1]) / 2] as const;
    const [k, r] = cellOf(p);
    return centre(k, r);
  };
  function onKey(e: KeyboardEvent<HTMLDivElement>) {
    const at = cursor ?? start();
    const [k, r] = cellOf(at);
    const moves: Record<string, readonly [number, number]> = {
      ArrowLeft: [k - 1, r], ArrowRight: [k + 1, r], ArrowUp: [k, r + 1], ArrowDown: [k, r - 1],
      PageUp: [k, r + 5], PageDown: [k, r - 5], Home: [0, r], End: [columns - 1, r],
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      setCursor(centre(move[0], move[1]));
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onPick?.(at[0], at[1]);
    }
  }
  const shown = cursor ?? hover;
  if (plotW < 40 || plotH < 20) return null;
  return (
    <div className="phase-diagram">
      <div style={{ position: 'relative', width, height }}>
        <div style={{ position: 'absolute', left, top }}>
          <CanvasLayer width={plotW} height={plotH} draw={draw} testId={`${id}-canvas`} />
        </div>
        <svg ref={svgRef} width={width} height={height} role="img" aria-label={ariaLabel} className="chart" style={{ position: 'absolute', left: 0, top: 0 }}>
          <rect x={left} y={top} width={plotW} height={plotH} fill="none" style={{ stroke: AXIS }} />
          {x.ticks(8).map((t) => (
            <g key={t} transform={`translate(${x(t)},${bottom})`}>
              <line y2={6} style={{ stroke: AXIS }} />
              <text y={20} textAnchor="middle" className="tick">{t}</text>
            </g>
          ))}
          {y.ticks(6).map((t) => (
            <g key={t} transform={`translate(${left},${y(t)})`}>
              <line x2={-6} style={{ stroke: AXIS }} />
              <text x={-9} dy="0.35em" textAnchor="end" className="tick">{t}</text>
            </g>
          ))}
          <text x={(left + right) / 2} y={height - 8} textAnchor="middle" className="axis-label">{xLabel}</text>
          <text transform={`translate(16,${(top + bottom) / 2}) rotate(-90)`} textAnchor="middle" className="axis-label">{yLabel}</text>
          <path d={path} fill="none" stroke="#fff" strokeWidth={3} strokeDasharray="7 4" data-testid={`${id}-boundary`} />
          {mid && sides && <>
            <text x={x(mid[0]) - 12} y={y(mid[1])} textAnchor="end" className="phase-side" fill="#fff">{sides[0]}</text>
            <text x={x(mid[0]) + 12} y={y(mid[1])} textAnchor="start" className="phase-side" fill="#111">{sides[1]}</text>
          </>}
          {marker && (
            <g transform={`translate(${x(Math.min(xDomain[1], Math.max(xDomain[0], marker.x)))},${y(marker.y)})`} data-testid={`${id}-marker`} data-x={marker.x} data-y={marker.y}>
              <circle r={7} fill="none" stroke="#111" strokeWidth={4} />
              <circle r={7} fill="none" stroke="#fff" strokeWidth={2} />
              <text x={10} y={-10} className="phase-marker-label" fill="#111" stroke="#fff" strokeWidth={3} paintOrder="stroke">{marker.label}</text>
            </g>
          )}
          {cursor && (
            <g transform={`translate(${x(cursor[0])},${y(cursor[1])})`} data-testid={`${id}-cursor`} data-x={cursor[0]} data-y={cursor[1]}>
              <line x1={-12} x2={12} stroke="#111" strokeWidth={4} /><line y1={-12} y2={12} stroke="#111" strokeWidth={4} />
              <line x1={-12} x2={12} stroke="#fff" strokeWidth={2} /><line y1={-12} y2={12} stroke="#fff" strokeWidth={2} />
            </g>
          )}
          {shown && <text x={right - 4} y={top + 14} textAnchor="end" fill="#111" stroke="#fff" strokeWidth={3} paintOrder="stroke" className="tick">{readout(shown[0], shown[1])}</text>}
        </svg>
        <div
          className="phase-picker" data-testid={`${id}-plane`}
          style={{ position: 'absolute', left, top, width: plotW, height: plotH, cursor: onPick ? 'crosshair' : undefined }}
          {...(onPick ? { tabIndex: 0, role: 'button', 'aria-roledescription': 'plane picker', 'aria-label': pickLabel ?? `Pick ${xLabel} and ${yLabel}: arrow keys move, Enter picks` } : {})}
          onKeyDown={onPick ? onKey : undefined}
          onFocus={() => setCursor(start())}
          onBlur={() => setCursor(null)}
          onPointerMove={(e) => setHover(pointAt(e))}
          onPointerLeave={() => setHover(null)}
          onClick={(e) => { const [px, py] = pointAt(e as unknown as PointerEvent<HTMLDivElement>); onPick?.(px, py); }}
        />
      </div>
      {onPick && <div className="phase-sr" aria-live="polite" data-testid={`${id}-announce`}>{cursor ? readout(cursor[0], cursor[1]) : ''}</div>}
    </div>
  );
});
