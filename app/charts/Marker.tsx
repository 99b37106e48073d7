/** Point shapes: a second cue beside colour, so lines stay apart for colour-blind readers and in print. */
export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'triangleDown' | 'plus' | 'cross';

export const MARKER_SHAPES: readonly MarkerShape[] = ['circle', 'square', 'triangle', 'diamond', 'triangleDown', 'plus', 'cross'];

export interface MarkerProps {
  readonly shape: MarkerShape;
  readonly x: number;
  readonly y: number;
  /** Roughly the radius, px. */
  readonly size: number;
  readonly color: string;
  /** Filled: a measurement. Hollow: a prediction. */
  readonly filled: boolean;
  /** Outline colour of a filled marker (the chart's background, so points stand off a line). */
  readonly halo?: string;
}

export function Marker({ shape, x, y, size, color, filled, halo }: MarkerProps) {
  const style = filled
    ? { fill: color, stroke: halo ?? 'none', strokeWidth: halo ? 1.5 : 0 }
    : { fill: 'none', stroke: color, strokeWidth: 2 };
  const s = size;
  switch (shape) {
    case 'circle':
      return <circle cx={x} cy={y} r={s} style={style} />;
    case 'square':
      return <rect x={x - s * 0.85} y={y - s * 0.85} width={s * 1.7} height={s * 1.7} style={style} />;
    case 'triangle':
      return <path d={`M${x},${y - s * 1.1}L${x + s},${y + s * 0.75}L${x - s},${y + s * 0.75}Z`} style={style} />;
    case 'triangleDown':
      return <path d={`M${x},${y + s * 1.1}L${x + s},${y - s * 0.75}L${x - s},${y - s * 0.75}Z`} style={style} />;
    case 'diamond':
      return <path d={`M${x},${y - s * 1.2}L${x + s},${y}L${x},${y + s * 1.2}L${x - s},${y}Z`} style={style} />;
    case 'plus':
    case 'cross': {
      // Strokes only: drawn thick in the series colour whether "filled" or not.
      const r = s * 1.1;
      const d = shape === 'plus'
        ? `M${x - r},${y}L${x + r},${y}M${x},${y - r}L${x},${y + r}`
        : `M${x - r * 0.8},${y - r * 0.8}L${x + r * 0.8},${y + r * 0.8}M${x - r * 0.8},${y + r * 0.8}L${x + r * 0.8},${y - r * 0.8}`;
      return <path d={d} style={{ fill: 'none', stroke: color, strokeWidth: filled ? 3 : 2 }} />;
    }
  }
}
