/**
 * A fraction as a percentage people read at a glance: "12.3%", "0.0046%", "0%", "100%"; "—" if
 * undefined. Compact (for labels on a chart) says "<0.01%" for the tiniest non-zero shares.
 */
export function formatPercent(fraction: number, { compact = false }: { compact?: boolean } = {}): string {
  if (!Number.isFinite(fraction)) return '—';
  const p = fraction * 100;
  if (p === 0) return '0%';
  if (p >= 99.95 && p < 100) return '>99.9%'; // never round a not-quite-all up to "100%"
  if (compact && p < 0.01) return '<0.01%';
  if (p >= 1) return `${String(Number(p.toFixed(1)))}%`;
  return `${String(Number(p.toPrecision(2)))}%`;
}
