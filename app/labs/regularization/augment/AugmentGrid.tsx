/**
 * The augmented batch as a grid of small images, each on a canvas of its own pixel size scaled up
 * with crisp pixels, its label (or mixup's two labels and weights) under it. Props only.
 */
import { memo, useLayoutEffect, useRef } from 'react';
import { mixRgb, type Rgb } from '../../../charts/colormap.ts';
import type { BatchCell } from './augmentCells.ts';

export interface AugmentGridProps {
  /** count x height x width pixel values (the first channel is drawn), 0..pixelMax black to white. */
  readonly pixels: Float32Array;
  readonly height: number;
  readonly width: number;
  readonly pixelMax: number;
  readonly cells: readonly BatchCell[];
  /** CSS px per image side. */
  readonly cellSize: number;
  readonly ink: Rgb;
  readonly paper: Rgb;
  readonly label: string;
}

export const AugmentGrid = memo(function AugmentGrid({ pixels, height, width, pixelMax, cells, cellSize, ink, paper, label }: AugmentGridProps) {
  return (
    <ul className="digit-grid augment-grid" aria-label={label} style={{ gridTemplateColumns: `repeat(auto-fill, minmax(${cellSize + 12}px, 1fr))` }}>
      {cells.map((cell) => (
        <li key={cell.index} className="digit" aria-label={cell.name}>
          <BatchImage pixels={pixels} height={height} width={width} pixelMax={pixelMax} index={cell.index} size={cellSize} ink={ink} paper={paper} />
          <span className="digit-prediction augment-caption" aria-hidden="true">{cell.caption}</span>
        </li>
      ))}
    </ul>
  );
});

function BatchImage({ pixels, height, width, pixelMax, index, size, ink, paper }: { pixels: Float32Array; height: number; width: number; pixelMax: number; index: number; size: number; ink: Rgb; paper: Rgb }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(width, height);
    const count = width * height;
    const offset = index * count;
    for (let p = 0; p < count; p++) {
      const [r, g, b] = mixRgb(paper, ink, Math.max(0, Math.min(1, pixels[offset + p] / pixelMax)));
      image.data[p * 4] = r;
      image.data[p * 4 + 1] = g;
      image.data[p * 4 + 2] = b;
      image.data[p * 4 + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
  }, [pixels, height, width, pixelMax, index, ink, paper]);
  return <canvas ref={ref} width={width} height={height} className="digit-image" aria-hidden="true" style={{ width: size, height: size * (height / width) }} />;
}
