/** Colours of tensor values: weights on a blue-white-red scale centred at 0, activations on viridis. */
import { viridis, type Rgb } from '../../charts/colormap.ts';

const BLUE: Rgb = [33, 102, 172], WHITE: Rgb = [247, 247, 247], RED: Rgb = [178, 24, 43];

/** v in [-max, max] to blue .. white .. red; NaN and infinities grey. */
export function divergingRgb(v: number, max: number): Rgb {
  if (!Number.isFinite(v)) return [128, 128, 128];
  const t = max > 0 ? Math.max(-1, Math.min(1, v / max)) : 0;
  const [a, b] = t < 0 ? [WHITE, BLUE] : [WHITE, RED];
  const u = Math.abs(t);
  return [Math.round(a[0] + (b[0] - a[0]) * u), Math.round(a[1] + (b[1] - a[1]) * u), Math.round(a[2] + (b[2] - a[2]) * u)];
}

/** v in [0, max] on viridis (below 0 the darkest: a ReLU's zeros); NaN and infinities grey. */
export function sequentialRgb(v: number, max: number): Rgb {
  if (!Number.isFinite(v)) return [128, 128, 128];
  const t = max > 0 ? Math.max(0, Math.min(1, v / max)) : 0;
  const [r, g, b] = viridis(t);
  return [Math.round(r), Math.round(g), Math.round(b)];
}

/** The largest |v| over data (0 when none is finite): a plane's or a layer's colour scale. */
export function maxAbs(data: Float32Array, from = 0, to = data.length): number {
  let m = 0;
  for (let i = from; i < to; i++) {
    const a = Math.abs(data[i]);
    if (a > m && a !== Infinity) m = a;
  }
  return m;
}
