/**
 * How a probe number reads on screen. A second moment can be anything from exactly 0 to
 * 1e77 or past float32's range, so plain decimals in the middle and scientific notation
 * (Python's "1.23e-05" style, without the padding) at both ends.
 */

/** A measured or predicted value, sorted by what a log axis can do with it. */
export type Reading =
  | { readonly kind: 'value'; readonly value: number }
  | { readonly kind: 'zero' }
  | { readonly kind: 'overflow' };

export const ZERO: Reading = { kind: 'zero' };
export const OVERFLOW: Reading = { kind: 'overflow' };

/**
 * Classify a second moment. Non-finite values (Infinity, or NaN after Infinity - Infinity) and any
 * layer with non-finite entries are overflow: the true moment is not a finite number.
 */
export function readSecondMoment(x: number, nonFiniteCount = 0): Reading {
  if (nonFiniteCount > 0 || !Number.isFinite(x)) return OVERFLOW;
  if (x <= 0) return ZERO; // a mean of squares is never negative; -0 and 0 land here
  return { kind: 'value', value: x };
}

/** "0.4123", "12.35", "1.235e12", "4.2e-7": 4 significant digits, and Number() reads it back. */
export function formatNumber(x: number, digits = 4): string {
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity';
  const magnitude = Math.abs(x);
  if (magnitude >= 1e-3 && magnitude < 1e5) {
    return String(Number(x.toPrecision(digits)));
  }
  const [mantissa, exponent] = x.toExponential(digits - 1).split('e');
  const trimmed = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
  return `${trimmed}e${Number(exponent)}`;
}

export function formatReading(r: Reading): string {
  switch (r.kind) {
    case 'value': return formatNumber(r.value);
    case 'zero': return '0';
    case 'overflow': return 'overflow';
  }
}

/** Milliseconds as people say them: "640 ms", "1.3 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1000) return `${Math.max(1, Math.round(ms))} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}
