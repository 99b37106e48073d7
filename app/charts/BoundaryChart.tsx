/**
 * A 2D classifier's decision boundary: the class probabilities over the plane on a canvas (redrawn
 * only when the grid changes), the data points on a second canvas above it (redrawn only when the
 * data or theme change), and the axes in SVG. Props only; the colours come in as RGB because a
 * canvas cannot read CSS variables.
 */
import { memo, useCallback, useMemo } from 'react';
import { scaleLinear } from 'd3-scale';
import type { BoundaryGrid } from '../../engine/contract/trainLayout.ts';
import { boundaryPixels } from './boundaryPixels.ts';
import { CanvasLayer, drawPixels } from './CanvasLayer.tsx';
import type { Rgb } from './colormap.ts';
import { AXIS } from './chartColors.ts';
import { rgbCss, type CanvasPalette } from './cssColors.ts';

export interface BoundaryPoints {
  /** x, y pairs in the data's coordinates. */
  readonly inputs: Float32Array;
  readonly labels: Int32Array;
}

export interface BoundaryChartProps {
  /** Side of the square plot, px (the axes add their margins). */
  readonly size: number;
  readonly grid: BoundaryGrid | null;
  /** The plane shown: [-extent, extent]^2 (the grid's, when there is one). */
  readonly extent: number;
  readonly train: BoundaryPoints | null;
  readonly test: BoundaryPoints | null;
  readonly palette: CanvasPalette;
  readonly ariaLabel: string;
  readonly stale?: boolean;
}

export const BOUNDARY_MARGIN = { top: 8, right: 12, bottom: 50, left: 58 } as const;

/** Class shapes, a cue beside colour: circle, square, triangle, then round again. */
export const CLASS_SHAPES = ['circle', 'square', 'triangle'] as const;

function pointPath(ctx: CanvasRenderingContext2D, shape: (typeof CLASS_SHAPES)[number], x: number, y: number, r: number): void {
  ctx.beginPath();
  if (shape === 'circle') ctx.arc(x, y, r, 0, 2 * Math.PI);
  else if (shape === 'square') ctx.rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
  else {
    ctx.moveTo(x, y - r * 1.15);
    ctx.lineTo(x + r, y + r * 0.75);
    ctx.lineTo(x - r, y + r * 0.75);
    ctx.closePath();
  }
}

export const BoundaryChart = memo(function BoundaryChart({ size, grid, extent, train, test, palette, ariaLabel, stale = false }: BoundaryChartProps) {
  const { top, right, bottom, left } = BOUNDARY_MARGIN;
  const width = left + size + right, height = top + size + bottom;
  const x = scaleLinear().domain([-extent, extent]).range([0, size]);
  const y = scaleLinear().domain([-extent, extent]).range([size, 0]);
  const ticks = x.ticks(size >= 300 ? 7 : 4);

  // The grid's image is recomputed only when the grid or the colours change.
  const pixels = useMemo(() => {
    if (!grid) return null;
    return new ImageData(boundaryPixels(grid, palette.series, palette.surface), grid.resolution, grid.resolution);
  }, [grid, palette]);

  const drawBoundary = useCallback((ctx: CanvasRenderingContext2D, w: number, h: number) => {
    ctx.fillStyle = rgbCss(palette.surface);
    ctx.fillRect(0, 0, w, h);
    if (pixels) drawPixels(ctx, pixels, 0, 0, w, h, true);
  }, [pixels, palette]);

  const drawPoints = useCallback((ctx: CanvasRenderingContext2D, w: number, h: number) => {
    const r = Math.max(2.5, Math.min(4.5, w / 110));
    const sx = (v: number) => ((v + extent) / (2 * extent)) * w;
    const sy = (v: number) => h - ((v + extent) / (2 * extent)) * h;
    const colorOf = (c: number): Rgb => palette.series[c % palette.series.length];
    ctx.save();
    ctx.beginPath();
    ctx.rect(0, 0, w, h);
    ctx.clip();
    ctx.lineJoin = 'round';
    if (test) {
      // Hollow: a ring in the class colour over a wider ring of the background, so it reads on any tint.
      for (let i = 0; i < test.labels.length; i++) {
        const c = test.labels[i];
        pointPath(ctx, CLASS_SHAPES[c % CLASS_SHAPES.length], sx(test.inputs[2 * i]), sy(test.inputs[2 * i + 1]), r + 0.5);
        ctx.lineWidth = 4;
        ctx.strokeStyle = rgbCss(palette.surface);
        ctx.stroke();
        ctx.lineWidth = 2;
        ctx.strokeStyle = rgbCss(colorOf(c));
        ctx.stroke();
      }
    }
    if (train) {
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = rgbCss(palette.surface);
      for (let i = 0; i < train.labels.length; i++) {
        const c = train.labels[i];
        pointPath(ctx, CLASS_SHAPES[c % CLASS_SHAPES.length], sx(train.inputs[2 * i]), sy(train.inputs[2 * i + 1]), r);
        ctx.fillStyle = rgbCss(colorOf(c));
        ctx.fill();
        ctx.stroke();
      }
    }
    ctx.restore();
  }, [train, test, palette, extent]);

  return (
    <div className="boundary-chart" role="img" aria-label={ariaLabel} style={{ position: 'relative', width, height }}>
      <div style={{ position: 'absolute', left, top, opacity: stale ? 0.45 : 1 }}>
        <CanvasLayer width={size} height={size} draw={drawBoundary} testId="boundary-canvas" />
        <CanvasLayer width={size} height={size} draw={drawPoints} style={{ position: 'absolute', left: 0, top: 0 }} />
      </div>
      <svg width={width} height={height} className="chart" aria-hidden="true" style={{ position: 'absolute', left: 0, top: 0, pointerEvents: 'none' }}>
        <rect x={left} y={top} width={size} height={size} fill="none" style={{ stroke: AXIS }} />
        {ticks.map((t) => (
          <g key={`x${t}`} transform={`translate(${left + x(t)},${top + size})`}>
            <line y2={6} style={{ stroke: AXIS }} />
            <text y={22} textAnchor="middle" className="tick">{tickText(t)}</text>
          </g>
        ))}
        {ticks.map((t) => (
          <g key={`y${t}`} transform={`translate(${left},${top + y(t)})`}>
            <line x2={-6} style={{ stroke: AXIS }} />
            <text x={-10} dy="0.35em" textAnchor="end" className="tick">{tickText(t)}</text>
          </g>
        ))}
        <text x={left + size / 2} y={height - 6} textAnchor="middle" className="axis-label">x₁</text>
        <text transform={`translate(16,${top + size / 2}) rotate(-90)`} textAnchor="middle" className="axis-label">x₂</text>
      </svg>
    </div>
  );
});

/** "−1", "0.5": a true minus sign, as the other charts' ticks read. */
function tickText(t: number): string {
  return String(Number(t.toFixed(2))).replace('-', '−');
}
