/** One h x w plane of a tensor drawn pixel for pixel on a canvas, scaled up without smoothing. Props only. */
import { memo, useEffect, useRef } from 'react';
import { divergingRgb, sequentialRgb } from './tensorColors.ts';

export interface TensorCanvasProps {
  readonly data: Float32Array;
  /** Where the plane starts in data. */
  readonly offset: number;
  readonly h: number;
  readonly w: number;
  /** CSS pixels per value. */
  readonly scale: number;
  /** 'diverging': 0 white, -max blue, +max red (weights); 'sequential': min dark to max light (activations). */
  readonly mode: 'diverging' | 'sequential';
  /** The value drawn at full colour (|v| for diverging, the top for sequential). */
  readonly max: number;
  readonly label: string;
  readonly selected?: boolean;
}

export const TensorCanvas = memo(function TensorCanvas({ data, offset, h, w, scale, mode, max, label, selected }: TensorCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(w, h);
    for (let i = 0; i < h * w; i++) {
      const v = data[offset + i];
      const [r, g, b] = mode === 'diverging' ? divergingRgb(v, max) : sequentialRgb(v, max);
      image.data.set([r, g, b, 255], 4 * i);
    }
    ctx.putImageData(image, 0, 0);
  }, [data, offset, h, w, mode, max]);
  return (
    <canvas ref={ref} width={w} height={h} role="img" aria-label={label} className={selected ? 'tensor-canvas selected' : 'tensor-canvas'}
      style={{ width: `${w * scale}px`, height: `${h * scale}px` }} />
  );
});
