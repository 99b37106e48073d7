/**
 * Test images with the network's predictions: each image on its own canvas of its size scaled up by
 * CSS with crisp pixels (image-rendering: pixelated), a tick or a cross and the predicted class
 * under it, and a wrong prediction marked three ways (cross, dashed border, "true n") so it does
 * not depend on colour. Props only.
 */
import { memo, useLayoutEffect, useRef } from 'react';
import { mixRgb, type Rgb } from './colormap.ts';

export const DIGIT_SIDE = 8;
/** The 8x8 digits' pixel values run 0..16 (the UCI set's 4x4 block counts). */
const MAX_PIXEL = 16;

export interface DigitGridProps {
  /** Raw test images, side x side values in 0..maxPixel each, row-major, top row first. */
  readonly images: Float32Array;
  /** Pixels per image side (default: the 8x8 digits). */
  readonly side?: number;
  readonly maxPixel?: number;
  /** What each class is (Fashion-MNIST's garments), for the names read out; absent: the label itself. */
  readonly classNames?: readonly string[];
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

export const DigitGrid = memo(function DigitGrid({ images, side = DIGIT_SIDE, maxPixel = MAX_PIXEL, classNames, labels, predictions, indices, cellSize, ink, paper, label }: DigitGridProps) {
  return (
    <ul className="digit-grid" aria-label={label} style={{ gridTemplateColumns: `repeat(auto-fill, minmax(${cellSize + 12}px, 1fr))` }}>
      {indices.map((i) => {
        const truth = labels[i];
        const predicted = predictions && i < predictions.length ? predictions[i] : null;
        const wrong = predicted !== null && predicted !== truth;
        const said = (c: number) => classNames?.[c] ?? String(c);
        const name = predicted === null
          ? `Test image ${i + 1}: a ${said(truth)}, not predicted yet`
          : `Test image ${i + 1}: a ${said(truth)}, predicted ${said(predicted)}${wrong ? ', wrong' : ', right'}`;
        return (
          <li key={i} className={wrong ? 'digit wrong' : predicted === null ? 'digit pending' : 'digit'} aria-label={name}>
            <DigitImage images={images} side={side} maxPixel={maxPixel} index={i} size={cellSize} ink={ink} paper={paper} />
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

const DigitImage = memo(function DigitImage({ images, side, maxPixel, index, size, ink, paper }: { images: Float32Array; side: number; maxPixel: number; index: number; size: number; ink: Rgb; paper: Rgb }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(side, side);
    const count = side * side;
    const pixels = images.subarray(index * count, (index + 1) * count);
    for (let p = 0; p < count; p++) {
      const [r, g, b] = mixRgb(paper, ink, Math.max(0, Math.min(1, pixels[p] / maxPixel)));
      image.data.set([r, g, b, 255], p * 4);
    }
    ctx.putImageData(image, 0, 0);
  }, [images, side, maxPixel, index, ink, paper]);
  return <canvas ref={ref} width={side} height={side} className="digit-image" aria-hidden="true" style={{ width: size, height: size }} />;
});
