/**
 * Chart colours as CSS custom properties, so the light and dark themes (defined by the layout's
 * stylesheet) restyle every chart without a re-render. The fallbacks are the Okabe–Ito palette
 * (colour-blind safe) on white, for when no theme has defined the variables yet.
 */
export const MEASURED = 'var(--measured, #0072B2)';
export const THEORY = 'var(--theory, #D55E00)';
export const DANGER = 'var(--danger, #b91c1c)';
export const AXIS = 'var(--axis, #475569)';
export const GRID = 'var(--grid, #e2e8f0)';
export const SURFACE = 'var(--surface, #ffffff)';
export const MUTED = 'var(--text-muted, #475569)';

/** Okabe–Ito, in the order the theme assigns --series-0 … --series-7 (yellow last: it is weak on white). */
const SERIES_FALLBACK = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#B8A200'] as const;

/** The i-th categorical colour, --series-0 … --series-7, wrapping after eight. */
export function seriesColor(i: number): string {
  const k = ((i % SERIES_FALLBACK.length) + SERIES_FALLBACK.length) % SERIES_FALLBACK.length;
  return `var(--series-${k}, ${SERIES_FALLBACK[k]})`;
}

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
};

/** -12 -> "⁻¹²", for tick labels like 10⁻¹². */
export function superscript(n: number): string {
  return [...String(n)].map((c) => SUPERSCRIPT[c] ?? c).join('');
}
