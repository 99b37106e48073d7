/**
 * The augmentation controls' model: each op's label, hint, default strength when switched on and
 * slider stops, and the edit of one op in an aug value (the result always canonical, so the link
 * the page writes is the one the codec would). Pure.
 */
import { AUG_OPS, AUG_PARAMS, formatAug, parseAug, type AugOp, type AugSpec } from '../../../../engine/contract/augment.ts';
import type { NumberRule } from '../../../components/controls/exact.ts';

export interface AugControl {
  readonly op: AugOp;
  readonly label: string;
  readonly hint: string;
  /** Strength(s) an op takes when switched on. */
  readonly defaults: readonly number[];
  /** Slider stops per strength. */
  readonly stops: readonly (readonly number[])[];
}

export const AUG_CONTROLS: readonly AugControl[] = [
  { op: 'shift', label: 'Integer shift', hint: 'Each image moves by whole pixels, up to this many each way (background comes in).', defaults: [1], stops: [[1, 2, 3, 4, 5, 6, 7, 8]] },
  { op: 'subpixel', label: 'Sub-pixel shift', hint: 'A shift by any fraction of a pixel, up to this much each way, read by bilinear interpolation.', defaults: [0.5], stops: [[0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4]] },
  { op: 'rotate', label: 'Rotation', hint: 'A rotation about the centre by up to this many degrees either way.', defaults: [10], stops: [[2, 5, 10, 15, 20, 30, 45, 90, 180]] },
  { op: 'scale', label: 'Scaling', hint: 'A zoom about the centre by a factor in 1 ± this.', defaults: [0.1], stops: [[0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5]] },
  {
    op: 'elastic', label: 'Elastic deformation',
    hint: 'Simard et al. (2003): a random displacement field smoothed by a Gaussian of width σ and scaled by α; about 0.16 α/σ pixels of displacement.',
    defaults: [2, 1], stops: [[0.5, 1, 2, 3, 4, 6, 8, 12, 16, 24, 34, 50, 100], [0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8, 16]],
  },
  { op: 'noise', label: 'Gaussian noise', hint: 'Noise of this sd, as a fraction of the brightest pixel, added to every pixel.', defaults: [0.1], stops: [[0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1]] },
  { op: 'cutout', label: 'Cutout', hint: 'DeVries & Taylor (2017): a square of this side, centred anywhere, set to background.', defaults: [3], stops: [[1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 28]] },
  {
    op: 'mixup', label: 'Mixup', hint: 'Zhang et al. (2018): pairs of images and their labels mixed by λ ~ Beta(α, α), one λ per batch; the loss takes the mixed labels.',
    defaults: [0.2], stops: [[0.05, 0.1, 0.2, 0.4, 1, 2, 4, 10]],
  },
];

/** The op's strength rules as the exact-number box reads them. */
export function ruleOf(op: AugOp, k: number): NumberRule {
  const p = AUG_PARAMS[op][k];
  return { kind: p.integer ? 'int' : 'float', min: p.min, max: p.max };
}

/** The spec of an aug value ({} for '' and, defensively, for a value the codec would refuse). */
export function specOf(aug: string): AugSpec {
  const parsed = parseAug(aug);
  return parsed.ok ? parsed.spec : {};
}

/** aug with one op set to `values` (null: switched off), in canonical form. */
export function withOp(aug: string, op: AugOp, values: readonly number[] | null): string {
  const spec: Record<string, readonly number[]> = { ...specOf(aug) };
  if (values === null) delete spec[op];
  else spec[op] = values;
  return formatAug(spec as AugSpec);
}

/** The ops of an aug value, in pipeline order. */
export function opsOf(aug: string): AugOp[] {
  const spec = specOf(aug);
  return AUG_OPS.filter((op) => spec[op] !== undefined);
}
