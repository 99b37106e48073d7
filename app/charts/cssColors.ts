/**
 * Canvas needs numbers, not `var(--series-0)`: these read the theme's custom properties off
 * <html data-theme> as RGB. Callers re-read when the theme changes (the store's `theme`), since
 * connectTheme sets the attribute before React renders.
 */
import { parseRgb, type Rgb } from './colormap.ts';

let scratch: CanvasRenderingContext2D | null = null;

/** Any CSS colour (hex, rgb(), a name) as RGB, through a canvas's own parser; `fallback` if it fails. */
function toRgb(value: string, fallback: Rgb): Rgb {
  const direct = parseRgb(value);
  if (direct) return direct;
  if (typeof document === 'undefined') return fallback;
  scratch ??= document.createElement('canvas').getContext('2d');
  if (!scratch) return fallback;
  scratch.fillStyle = '#000';
  scratch.fillStyle = value;
  return parseRgb(String(scratch.fillStyle)) ?? fallback;
}

/** The value of a custom property on the root element, as RGB. */
export function cssColor(name: string, fallback: string): Rgb {
  const fb = parseRgb(fallback) ?? [0, 0, 0];
  if (typeof document === 'undefined') return fb;
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value ? toRgb(value, fb) : fb;
}

/** Okabe–Ito fallbacks, as chartColors has them. */
const SERIES_FALLBACK = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#B8A200'] as const;

/** The theme colours a canvas chart paints with. */
export interface CanvasPalette {
  readonly series: readonly Rgb[];
  readonly surface: Rgb;
  readonly text: Rgb;
  readonly muted: Rgb;
  readonly danger: Rgb;
}

export function readPalette(): CanvasPalette {
  return {
    series: SERIES_FALLBACK.map((fb, i) => cssColor(`--series-${i}`, fb)),
    surface: cssColor('--surface', '#ffffff'),
    text: cssColor('--text', '#111827'),
    muted: cssColor('--text-muted', '#4b5563'),
    danger: cssColor('--danger', '#b91c1c'),
  };
}

export function rgbCss([r, g, b]: Rgb, alpha = 1): string {
  return alpha === 1 ? `rgb(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)})` : `rgba(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)}, ${alpha})`;
}
