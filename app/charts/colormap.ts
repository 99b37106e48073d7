/**
 * A sequential colour map for dense grids: viridis (van der Walt & Smith, matplotlib's default),
 * perceptually uniform, colour-blind safe and still ordered in greyscale, so a projector that
 * washes colours out keeps "dark = small, bright = large".
 */
export type Rgb = readonly [r: number, g: number, b: number];

/** Viridis at t = 0, 0.1, ..., 1 (matplotlib's table, 11 samples; linear in between is within ~1 unit). */
const VIRIDIS: readonly Rgb[] = [
  [0x44, 0x01, 0x54], [0x48, 0x24, 0x75], [0x41, 0x44, 0x87], [0x35, 0x5f, 0x8d], [0x2a, 0x78, 0x8e],
  [0x21, 0x91, 0x8c], [0x22, 0xa8, 0x84], [0x44, 0xbf, 0x70], [0x7a, 0xd1, 0x51], [0xbd, 0xdf, 0x26], [0xfd, 0xe7, 0x25],
];

/** The colour at t in [0, 1] (clamped; NaN gives the low end). */
export function viridis(t: number): Rgb {
  const u = t > 0 ? (t < 1 ? t : 1) : 0;
  const x = u * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const a = VIRIDIS[i], b = VIRIDIS[i + 1];
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

/** CSS for the colour at t, for SVG gradients and legends. */
export function viridisCss(t: number): string {
  const [r, g, b] = viridis(t);
  return `rgb(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)})`;
}

/** Stops for an SVG linearGradient that reproduces the map: [offset in 0..1, css colour]. */
export const VIRIDIS_STOPS: readonly (readonly [number, string])[] = VIRIDIS.map((_, i) => {
  const t = i / (VIRIDIS.length - 1);
  return [t, viridisCss(t)] as const;
});

/** a + (b - a) t per channel. */
export function mixRgb(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/** "#rgb", "#rrggbb" or "rgb(r, g, b)" / "rgba(...)" to numbers; null for anything else. */
export function parseRgb(text: string): Rgb | null {
  const s = text.trim().toLowerCase();
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(s);
  if (short) return [parseInt(short[1] + short[1], 16), parseInt(short[2] + short[2], 16), parseInt(short[3] + short[3], 16)];
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})(?:[0-9a-f]{2})?$/.exec(s);
  if (long) return [parseInt(long[1], 16), parseInt(long[2], 16), parseInt(long[3], 16)];
  const fn = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(s);
  if (fn) return [Number(fn[1]), Number(fn[2]), Number(fn[3])];
  return null;
}
