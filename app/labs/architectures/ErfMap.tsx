/**
 * The effective receptive field on the input grid: one canvas cell per input pixel (viridis, the
 * largest gradient brightest), the theoretical field and the square holding 68% of the gradient
 * outlined. Props only; the numbers are in the table beside it.
 */
import { useLayoutEffect, useRef } from 'react';
import type { ErfResult } from '../../../engine/contract/erf.ts';
import { viridis } from '../../charts/colormap.ts';

const SIDE = 260;

export function ErfMap({ result, label }: { readonly result: ErfResult; readonly label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    const canvas = ref.current, ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const { height, width, map, summary, theoretical } = result;
    const dpr = Math.max(1, Math.min(4, window.devicePixelRatio || 1));
    canvas.width = Math.round(SIDE * dpr);
    canvas.height = Math.round(SIDE * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const cell = SIDE / Math.max(height, width);
    let max = 0;
    for (const v of map) if (v > max) max = v;
    for (let i = 0; i < height; i++) {
      for (let j = 0; j < width; j++) {
        const [r, g, b] = viridis(max > 0 ? map[i * width + j] / max : 0);
        ctx.fillStyle = `rgb(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)})`;
        ctx.fillRect(j * cell, i * cell, Math.ceil(cell), Math.ceil(cell));
      }
    }
    // the theoretical field of the same unit, centred where the gradient reaches (its support is that field on the image)
    const [top, left] = fieldCentre(map, height, width);
    ctx.lineWidth = 2;
    ctx.setLineDash([5, 3]);
    ctx.strokeStyle = '#ffffff';
    ctx.strokeRect((left - theoretical / 2) * cell, (top - theoretical / 2) * cell, theoretical * cell, theoretical * cell);
    ctx.setLineDash([]);
    ctx.strokeStyle = '#ff4fa3';
    const half = (summary.side68 - 1) / 2;
    if (summary.side68 > 0) ctx.strokeRect((summary.centre[1] - half) * cell, (summary.centre[0] - half) * cell, summary.side68 * cell, summary.side68 * cell);
  }, [result]);
  return <canvas ref={ref} className="erf-map" role="img" aria-label={label} data-testid="erf-map" style={{ width: SIDE, height: SIDE, display: 'block' }} />;
}

/** The middle of the pixels the gradient reaches, in pixel units from the top-left corner (the grid's middle when it reaches none). */
function fieldCentre(map: Float32Array, height: number, width: number): [number, number] {
  let r0 = height, r1 = -1, c0 = width, c1 = -1;
  for (let i = 0; i < height; i++) {
    for (let j = 0; j < width; j++) {
      if (map[i * width + j] > 0) { r0 = Math.min(r0, i); r1 = Math.max(r1, i); c0 = Math.min(c0, j); c1 = Math.max(c1, j); }
    }
  }
  return r1 < 0 ? [height / 2, width / 2] : [(r0 + r1 + 1) / 2, (c0 + c1 + 1) / 2];
}
