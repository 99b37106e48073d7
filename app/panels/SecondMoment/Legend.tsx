import { COLORS } from './chartStyle.ts';
import { Diamond, Triangle } from './SecondMomentChart.tsx';

/** The chart's key, in HTML so it wraps; the markers for bands appear only when the chart has them. */
export function Legend({ overflow, zero }: { overflow: boolean; zero: boolean }) {
  return (
    <ul className="legend" aria-label="Legend">
      <li>
        <svg width="34" height="14" aria-hidden="true">
          <line x1="2" x2="32" y1="7" y2="7" stroke={COLORS.measured} strokeWidth="2.5" />
          <circle cx="17" cy="7" r="4.5" fill={COLORS.measured} stroke="#fff" strokeWidth="1.5" />
        </svg>
        measured
      </li>
      <li>
        <svg width="34" height="14" aria-hidden="true">
          <line x1="1" x2="33" y1="7" y2="7" stroke={COLORS.theory} strokeWidth="2.5" strokeDasharray="8 6" />
        </svg>
        theory
      </li>
      {overflow && (
        <li>
          <svg width="40" height="18" aria-hidden="true">
            <g transform="translate(10,0)"><Triangle y={9} size={5} color={COLORS.overflow} filled /></g>
            <g transform="translate(29,0)"><Triangle y={9} size={6} color={COLORS.overflow} filled={false} /></g>
          </svg>
          overflow (measured, theory)
        </li>
      )}
      {zero && (
        <li>
          <svg width="40" height="18" aria-hidden="true">
            <g transform="translate(10,0)"><Diamond y={9} size={5} color={COLORS.zero} filled /></g>
            <g transform="translate(29,0)"><Diamond y={9} size={7} color={COLORS.zero} filled={false} /></g>
          </svg>
          exactly 0 (measured, theory)
        </li>
      )}
    </ul>
  );
}
