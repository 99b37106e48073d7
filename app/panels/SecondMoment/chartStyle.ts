/** Colours of the second-moment chart, shared with its legend. Blue and orange stay apart for red-green colour blindness. */
export const COLORS = {
  measured: '#1d4ed8',
  theory: '#c2410c',
  overflow: '#dc2626',
  zero: '#334155',
  axis: '#475569',
  grid: '#e2e8f0',
  overflowBand: '#fef2f2',
  zeroBand: '#f1f5f9',
} as const;

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
};

/** -12 -> "⁻¹²", for tick labels like 10⁻¹². */
export function superscript(n: number): string {
  return [...String(n)].map((c) => SUPERSCRIPT[c] ?? c).join('');
}
