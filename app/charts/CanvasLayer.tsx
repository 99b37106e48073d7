/**
 * A <canvas> sized in CSS pixels and backed at the screen's pixel density (sharp on HiDPI
 * projectors and laptops), redrawn only when `draw` (memoize it on its data) or the size changes.
 * Decorative to assistive technology: the chart around it carries the name and the table.
 */
import { memo, useEffect, useLayoutEffect, useRef, useState, type CSSProperties } from 'react';

export type DrawFn = (ctx: CanvasRenderingContext2D, width: number, height: number) => void;

export interface CanvasLayerProps {
  readonly width: number;
  readonly height: number;
  readonly draw: DrawFn;
  readonly className?: string;
  readonly style?: CSSProperties;
  readonly testId?: string;
}

function devicePixelRatioNow(): number {
  return typeof window === 'undefined' ? 1 : Math.max(1, Math.min(4, window.devicePixelRatio || 1));
}

/** The device pixel ratio, updated when the window moves to another screen or is zoomed. */
function useDevicePixelRatio(): number {
  const [dpr, setDpr] = useState(devicePixelRatioNow);
  useEffect(() => {
    if (typeof window === 'undefined' || !window.matchMedia) return;
    const query = window.matchMedia(`(resolution: ${dpr}dppx)`);
    const update = () => setDpr(devicePixelRatioNow());
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, [dpr]);
  return dpr;
}

export const CanvasLayer = memo(function CanvasLayer({ width, height, draw, className, style, testId }: CanvasLayerProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const dpr = useDevicePixelRatio();
  useLayoutEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || width <= 0 || height <= 0) return;
    const w = Math.round(width * dpr), h = Math.round(height * dpr);
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    draw(ctx, width, height);
  }, [width, height, dpr, draw]);
  return <canvas ref={ref} className={className} aria-hidden="true" data-testid={testId} style={{ ...style, width, height, display: 'block' }} />;
});

/**
 * Draw a small RGBA image (one pixel per data cell) stretched over (x, y, w, h) with crisp cell
 * edges, or smoothed when `smooth` (a decision boundary reads better interpolated).
 */
export function drawPixels(ctx: CanvasRenderingContext2D, pixels: ImageData, x: number, y: number, w: number, h: number, smooth = false): void {
  const tile = document.createElement('canvas');
  tile.width = pixels.width;
  tile.height = pixels.height;
  tile.getContext('2d')?.putImageData(pixels, 0, 0);
  ctx.save();
  ctx.imageSmoothingEnabled = smooth;
  if (smooth) ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(tile, x, y, w, h);
  ctx.restore();
}
