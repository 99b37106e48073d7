/**
 * How a slider's integer positions map to config values. Linear scales use the value itself as
 * the position (so aria-valuenow is the value); stepped scales walk a list of round numbers
 * (1, 2, 3, 4, 6, 8, 12, ... or 1e-4 ... 10 in 1-1.2-1.5-2-... steps), so one slider covers
 * several decades and every stop is a number worth typing into a link.
 */
export interface SliderScale {
  /** The range input's min, max and step. */
  readonly min: number;
  readonly max: number;
  readonly step: number;
  /** The value at a slider position (positions outside the range are clamped). */
  toValue(position: number): number;
  /** The nearest slider position to a value (values outside the slider's range sit at an end). */
  toPosition(value: number): number;
}

/** Round away float noise: 0.1 * 3 -> 0.3, not 0.30000000000000004. */
function clean(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(12));
}

export function linearScale(min: number, max: number, step: number): SliderScale {
  const clamp = (x: number) => Math.min(max, Math.max(min, x));
  const snap = (x: number) => clean(min + Math.round((clamp(x) - min) / step) * step);
  return { min, max, step, toValue: snap, toPosition: snap };
}

/** A slider over a sorted list of values; positions are indices. */
export function steppedScale(values: readonly number[]): SliderScale {
  if (values.length < 2) throw new Error('a stepped scale needs at least two values');
  const last = values.length - 1;
  return {
    min: 0,
    max: last,
    step: 1,
    toValue: (position) => values[Math.min(last, Math.max(0, Math.round(position)))],
    toPosition: (value) => {
      // Nearest on a log axis when every value is positive, on a linear one otherwise.
      const log = values[0] > 0 && value > 0;
      const distance = (v: number) => (log ? Math.abs(Math.log(v / value)) : Math.abs(v - value));
      let best = 0;
      for (let i = 1; i <= last; i++) if (distance(values[i]) < distance(values[best])) best = i;
      return best;
    },
  };
}

/** 1, 2, 3, 4, 6, 8, 12, 16, 24, ...: powers of two and the halfway steps between them, up to max. */
export function powerOfTwoSteps(max: number): number[] {
  const out: number[] = [1];
  for (let p = 2; p <= max; p *= 2) {
    const between = (p * 3) / 4;
    if (Number.isInteger(between) && between > out[out.length - 1]) out.push(between);
    out.push(p);
  }
  if (out[out.length - 1] !== max) out.push(max);
  return out;
}

const MANTISSAS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8] as const;

/** Round numbers from 10^fromExp to 10^toExp: 1e-4, 1.2e-4, 1.5e-4, ..., 8, 10. */
export function decadeSteps(fromExp: number, toExp: number): number[] {
  const out: number[] = [];
  for (let e = fromExp; e < toExp; e++) for (const m of MANTISSAS) out.push(clean(m * 10 ** e));
  out.push(clean(10 ** toExp));
  return out;
}

/**
 * The values one slider step either side of `value`, the side the slider last moved (`direction`
 * +1 or -1) first; the ends of the range have one neighbour.
 */
export function neighbours(scale: SliderScale, value: number, direction = 1): number[] {
  const position = scale.toPosition(value);
  const sides = direction < 0 ? [-1, 1] : [1, -1];
  return sides
    .map((side) => position + side * scale.step)
    .filter((p) => p >= scale.min && p <= scale.max)
    .map((p) => scale.toValue(p))
    .filter((v) => v !== value);
}
