/**
 * One convolution drawn: the grid the kernel slides over (input cells numbered, padding, inserted
 * zeros, rows the floor drops) and the output grid, the cells of the current step highlighted.
 * Props only.
 */
import type { Arithmetic } from './convArithmetic.ts';

export interface ConvGridProps {
  readonly a: Arithmetic;
  /** The grid cells [row, column] the current output reads. */
  readonly taps: readonly (readonly [number, number])[];
  /** The current output cell, or null. */
  readonly current: readonly [number, number] | null;
  readonly label: string;
}

const MAX = 300, GAP = 48, HEAD = 22;

export function ConvGrid({ a, taps, current, label }: ConvGridProps) {
  const g = a.axis.length;
  const cell = Math.max(8, Math.min(30, Math.floor(MAX / Math.max(g, a.out, 1))));
  const inW = g * cell, outW = a.out * cell;
  const ox = inW + GAP;
  const width = ox + Math.max(outW, 96) + 2, height = HEAD + Math.max(inW, outW) + 2;
  const tapped = new Set(taps.map(([r, c]) => `${r},${c}`));
  const kindOf = (r: number, c: number) => {
    const kr = a.axis[r].kind, kc = a.axis[c].kind;
    if (kr === 'pad' || kc === 'pad') return 'pad';
    if (kr === 'zero' || kc === 'zero') return 'zero';
    if (kr === 'dropped' || kc === 'dropped') return 'dropped';
    return 'input';
  };
  return (
    <svg className="conv-grid" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <text x={0} y={14} className="conv-grid-title">Input{a.axis.some((x) => x.kind !== 'input') ? ' (as the kernel sees it)' : ''}</text>
      <text x={ox} y={14} className="conv-grid-title">Output {a.out}×{a.out}</text>
      <g transform={`translate(1, ${HEAD})`}>
        {a.axis.map((_, r) => a.axis.map((__, c) => {
          const kind = kindOf(r, c);
          const on = tapped.has(`${r},${c}`);
          return (
            <g key={`${r},${c}`}>
              <rect x={c * cell} y={r * cell} width={cell - 1} height={cell - 1} className={`conv-cell ${kind}${on ? ' tap' : ''}`} />
              {kind === 'input' && cell >= 18 && <text x={c * cell + cell / 2} y={r * cell + cell / 2 + 4} className="conv-cell-text">{a.axis[r].index},{a.axis[c].index}</text>}
              {kind === 'dropped' && <line x1={c * cell + 2} y1={r * cell + cell - 3} x2={c * cell + cell - 3} y2={r * cell + 2} className="conv-drop" />}
            </g>
          );
        }))}
      </g>
      <g transform={`translate(${ox}, ${HEAD})`}>
        {Array.from({ length: a.out }, (_, i) => Array.from({ length: a.out }, (__, j) => {
          const on = current !== null && current[0] === i && current[1] === j;
          const done = current !== null && (i < current[0] || (i === current[0] && j < current[1]));
          return <rect key={`${i},${j}`} x={j * cell} y={i * cell} width={cell - 1} height={cell - 1} className={`conv-cell out${on ? ' tap' : done ? ' done' : ''}`} />;
        }))}
      </g>
    </svg>
  );
}
