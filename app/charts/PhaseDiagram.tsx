/**
 * A colour map over a plane with a boundary curve, side labels and one marker; a click picks a
 * point (the caller decides what it sets). The grid goes to a <canvas>, the rest to SVG. Props only.
 */
import { memo, useCallback, useMemo, useRef, useState, type PointerEvent } from 'react';
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
  /** Labels for the regions left and right of the boundary. */
  readonly sides: readonly [string, string];
  readonly marker: { readonly x: number; readonly y: number; readonly label: string } | null;
  readonly onPick?: (x: number, y: number) => void;
  /** What the pointer's point reads as. */
  readonly readout: (x: number, y: number) => string;
  readonly ariaLabel: string;
}

const MARGIN = { top: 12, right: 16, bottom: 48, left: 64 };

export const PhaseDiagram = memo(function PhaseDiagram(props: PhaseDiagramProps) {
  const { width, height, rows, columns, values, color, xDomain, yDomain, xLabel, yLabel, boundary, sides, marker, onPick, readout, ariaLabel } = props;
  const svgRef = useRef<SVGSVGElement>(null);
  const [hover, setHover] = useState<readonly [number, number] | null>(null);
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
  const draw = useCallback((ctx: CanvasRenderingContext2D, w: number, h: number) => drawPixels(ctx, pixels, 0, 0, w, h, true), [pixels]);

  function pointAt(e: PointerEvent<SVGRectElement>): readonly [number, number] {
    const box = svgRef.current?.getBoundingClientRect();
    const px = Math.min(right, Math.max(left, e.clientX - (box?.left ?? 0)));
    const py = Math.min(bottom, Math.max(top, e.clientY - (box?.top ?? 0)));
    return [x.invert(px), y.invert(py)];
  }

  const path = line<readonly [number, number]>().x((p) => x(p[0])).y((p) => y(p[1]))(boundary) ?? '';
  const mid = boundary[Math.floor(boundary.length / 2)];
  if (plotW < 40 || plotH < 20) return null;
  return (
    <div className="phase-diagram">
      <div style={{ position: 'relative', width, height }}>
        <div style={{ position: 'absolute', left, top }}>
          <CanvasLayer width={plotW} height={plotH} draw={draw} testId="phase-canvas" />
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
          <path d={path} fill="none" stroke="#fff" strokeWidth={3} strokeDasharray="7 4" data-testid="phase-boundary" />
          {mid && <>
            <text x={x(mid[0]) - 12} y={y(mid[1])} textAnchor="end" className="phase-side" fill="#fff">{sides[0]}</text>
            <text x={x(mid[0]) + 12} y={y(mid[1])} textAnchor="start" className="phase-side" fill="#111">{sides[1]}</text>
          </>}
          {marker && (
            <g transform={`translate(${x(Math.min(xDomain[1], Math.max(xDomain[0], marker.x)))},${y(marker.y)})`} data-testid="phase-marker" data-x={marker.x} data-y={marker.y}>
              <circle r={7} fill="none" stroke="#111" strokeWidth={4} />
              <circle r={7} fill="none" stroke="#fff" strokeWidth={2} />
              <text x={10} y={-10} className="phase-marker-label" fill="#111" stroke="#fff" strokeWidth={3} paintOrder="stroke">{marker.label}</text>
            </g>
          )}
          {hover && <text x={right - 4} y={top + 14} textAnchor="end" fill="#111" stroke="#fff" strokeWidth={3} paintOrder="stroke" className="tick">{readout(hover[0], hover[1])}</text>}
          <rect
            x={left} y={top} width={plotW} height={plotH} fill="transparent" pointerEvents="all" data-testid="phase-plane"
            style={{ cursor: onPick ? 'crosshair' : undefined }}
            onPointerMove={(e) => setHover(pointAt(e))}
            onPointerLeave={() => setHover(null)}
            onClick={(e) => { const [px, py] = pointAt(e as unknown as PointerEvent<SVGRectElement>); onPick?.(px, py); }}
          />
        </svg>
      </div>
    </div>
  );
});
