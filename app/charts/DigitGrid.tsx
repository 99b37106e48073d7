/**
 * Test digits with the network's predictions: each 8x8 image on its own 8x8 canvas scaled up by
 * CSS with crisp pixels (image-rendering: pixelated), a tick or a cross and the predicted class
 * under it, and a wrong prediction marked three ways (cross, dashed border, "true n") so it does
 * not depend on colour. Props only.
 */
import { memo, useLayoutEffect, useRef } from 'react';
import { mixRgb, type Rgb } from './colormap.ts';

export const DIGIT_SIDE = 8;
const PIXELS = DIGIT_SIDE * DIGIT_SIDE;
/** The digits' pixel values run 0..16 (the UCI set's 4x4 block counts). */
const MAX_PIXEL = 16;

export interface DigitGridProps {
  /** Raw test images, 64 values in 0..16 each, row-major, top row first. */
  readonly images: Float32Array;
  readonly labels: Int32Array;
  /** Predicted class per test image, or null before the first evaluation. */
  readonly predictions: Int32Array | null;
  /** Which test images to show, in order. */
  readonly indices: readonly number[];
  /** CSS px per image side. */
  readonly cellSize: number;
  readonly ink: Rgb;
  readonly paper: Rgb;
  readonly label: string;
}

export const DigitGrid = memo(function DigitGrid({ images, labels, predictions, indices, cellSize, ink, paper, label }: DigitGridProps) {
  return (
    <ul className="digit-grid" aria-label={label} style={{ gridTemplateColumns: `repeat(auto-fill, minmax(${cellSize + 12}px, 1fr))` }}>
      {indices.map((i) => {
        const truth = labels[i];
        const predicted = predictions && i < predictions.length ? predictions[i] : null;
        const wrong = predicted !== null && predicted !== truth;
        const name = predicted === null
          ? `Test image ${i + 1}: a ${truth}, not predicted yet`
          : `Test image ${i + 1}: a ${truth}, predicted ${predicted}${wrong ? ', wrong' : ', right'}`;
        return (
          <li key={i} className={wrong ? 'digit wrong' : predicted === null ? 'digit pending' : 'digit'} aria-label={name}>
            <DigitImage images={images} index={i} size={cellSize} ink={ink} paper={paper} />
            <span className="digit-prediction" aria-hidden="true">
              {predicted === null ? '–' : <><span className="digit-mark">{wrong ? '✗' : '✓'}</span>{predicted}</>}
            </span>
            {wrong && <span className="digit-truth" aria-hidden="true">true {truth}</span>}
          </li>
        );
      })}
    </ul>
  );
});

const DigitImage = memo(function DigitImage({ images, index, size, ink, paper }: { images: Float32Array; index: number; size: number; ink: Rgb; paper: Rgb }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(DIGIT_SIDE, DIGIT_SIDE);
    const pixels = images.subarray(index * PIXELS, (index + 1) * PIXELS);
    for (let p = 0; p < PIXELS; p++) {
      const [r, g, b] = mixRgb(paper, ink, Math.max(0, Math.min(1, pixels[p] / MAX_PIXEL)));
      image.data.set([r, g, b, 255], p * 4);
    }
    ctx.putImageData(image, 0, 0);
  }, [images, index, ink, paper]);
  return <canvas ref={ref} width={DIGIT_SIDE} height={DIGIT_SIDE} className="digit-image" aria-hidden="true" style={{ width: size, height: size }} />;
});
