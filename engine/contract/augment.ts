/**
 * The augmentation grammar (`aug=`): which augmentations the training batch goes through, each
 * with its strength, e.g. `aug=shift:1_elastic:2:1_noise:0.1`. Ops are separated by "_" and a
 * strength follows its name after ":" (elastic takes two, alpha:sigma). No "," or ";" appears, so
 * the same text works as an A/B override (`vs=aug:shift:1;aug:elastic:2:1`). Ops run in the fixed
 * order of AUG_OPS whatever order a link writes them in; the canonical form lists them so. Pure,
 * never throws: a bad value is refused whole, by the op's name and position.
 */

export const AUG_OPS = ['shift', 'subpixel', 'rotate', 'scale', 'elastic', 'noise', 'cutout', 'mixup'] as const;
export type AugOp = (typeof AUG_OPS)[number];

export interface AugParam { readonly name: string; readonly min: number; readonly max: number; readonly integer: boolean; readonly unit: string }

/** Each op's strength(s): name, range, unit. The engine (engine/data/augment/) says what each does. */
export const AUG_PARAMS: Readonly<Record<AugOp, readonly AugParam[]>> = {
  shift: [{ name: 'pixels', min: 0, max: 8, integer: true, unit: 'largest |dx|, |dy| in whole pixels' }],
  subpixel: [{ name: 'pixels', min: 0, max: 4, integer: false, unit: 'largest |dx|, |dy| in pixels, bilinear' }],
  rotate: [{ name: 'degrees', min: 0, max: 180, integer: false, unit: 'largest |angle| in degrees' }],
  scale: [{ name: 'fraction', min: 0, max: 0.5, integer: false, unit: 'zoom factor in 1 ± fraction' }],
  elastic: [
    { name: 'alpha', min: 0, max: 100, integer: false, unit: 'alpha, the displacement field\'s scale in pixels' },
    { name: 'sigma', min: 0.5, max: 16, integer: false, unit: 'sigma, its Gaussian smoothing in pixels' },
  ],
  noise: [{ name: 'sd', min: 0, max: 1, integer: false, unit: 'sd of Gaussian pixel noise, as a fraction of the brightest pixel' }],
  cutout: [{ name: 'pixels', min: 0, max: 28, integer: true, unit: 'side of the square set to background, in pixels' }],
  mixup: [{ name: 'alpha', min: 0, max: 10, integer: false, unit: 'alpha of the Beta(alpha, alpha) mixing weight (0: no mixing)' }],
};

/** Ops that move pixels: they need an image (a 2D point set takes noise and mixup only). */
export const GEOMETRIC_OPS: readonly AugOp[] = ['shift', 'subpixel', 'rotate', 'scale', 'elastic', 'cutout'];

/** An augmentation list: each op's strength(s), or absent. */
export type AugSpec = Partial<Record<AugOp, readonly number[]>>;

export const AUG_EXAMPLE = 'shift:1_elastic:2:1_noise:0.1';
/** The longest canonical value (all eight ops, long numbers) is ~170 characters. */
export const MAX_AUG_LENGTH = 256;

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

export function describeAugAccepted(): string {
  return `empty, or ops separated by "_" from ${AUG_OPS.join(', ')}, each name:strength (elastic:alpha:sigma), e.g. ${AUG_EXAMPLE}`;
}

export type AugParse = { readonly ok: true; readonly spec: AugSpec; readonly canonical: string } | { readonly ok: false; readonly why: string };

function show(s: string): string {
  return s.length > 24 ? `${s.slice(0, 24)}…` : s;
}

/** Parse an aug value (already percent-decoded). The whole value is refused on the first bad op. */
export function parseAug(text: string): AugParse {
  if (typeof text !== 'string') return { ok: false, why: 'is not text' };
  if (text === '') return { ok: true, spec: {}, canonical: '' };
  if (text.length > MAX_AUG_LENGTH) return { ok: false, why: `is longer than ${MAX_AUG_LENGTH} characters` };
  const spec: Record<string, number[]> = {};
  const items = text.split('_');
  for (let i = 0; i < items.length; i++) {
    const item = items[i], at = `op ${i + 1} ("${show(item)}")`;
    const [name, ...raw] = item.split(':');
    if (!(AUG_OPS as readonly string[]).includes(name)) return { ok: false, why: `${at} names no augmentation (${AUG_OPS.join(', ')})` };
    const op = name as AugOp, params = AUG_PARAMS[op];
    if (Object.prototype.hasOwnProperty.call(spec, op)) return { ok: false, why: `${at} gives ${op} a second time` };
    if (raw.length !== params.length) {
      const form = `${op}:${params.map((p) => p.name).join(':')}`;
      return { ok: false, why: `${at}: ${op} takes ${params.length === 1 ? 'one strength' : `${params.length} strengths`} (${form})` };
    }
    const values: number[] = [];
    for (let k = 0; k < params.length; k++) {
      const p = params[k], s = raw[k];
      let x = NUMBER.test(s) ? Number(s) : NaN;
      if (x === 0) x = 0; // -0 is 0
      const what = `${op}'s ${p.name} "${show(s)}"`;
      if (!Number.isFinite(x)) return { ok: false, why: `${at}: ${what} is not a number` };
      if (p.integer && !Number.isInteger(x)) return { ok: false, why: `${at}: ${what} is not a whole number (${p.unit})` };
      if (x < p.min || x > p.max) return { ok: false, why: `${at}: ${what} is outside ${p.min}..${p.max} (${p.unit})` };
      values.push(x);
    }
    spec[op] = values;
  }
  return { ok: true, spec, canonical: formatAug(spec) };
}

/** The canonical text: ops in AUG_OPS order, numbers as String() writes them. */
export function formatAug(spec: AugSpec): string {
  return AUG_OPS.filter((op) => spec[op] !== undefined).map((op) => [op, ...spec[op]!.map(String)].join(':')).join('_');
}

/** The spec of a value the codec already accepted ({} for '' or, defensively, anything refused). */
export function augSpecOf(text: string): AugSpec {
  const parsed = parseAug(text);
  return parsed.ok ? parsed.spec : {};
}

/** The ops of a spec that need an image, in order. */
export function geometricOpsOf(spec: AugSpec): AugOp[] {
  return GEOMETRIC_OPS.filter((op) => spec[op] !== undefined);
}

const WORDS: Readonly<Record<AugOp, (v: readonly number[]) => string>> = {
  shift: (v) => `shifts ≤ ${v[0]} px`,
  subpixel: (v) => `sub-pixel shifts ≤ ${v[0]} px`,
  rotate: (v) => `rotations ≤ ${v[0]}°`,
  scale: (v) => `scaling ±${Math.round(v[0] * 100)}%`,
  elastic: (v) => `elastic α ${v[0]} σ ${v[1]}`,
  noise: (v) => `noise σ ${v[0]}`,
  cutout: (v) => `cutout ${v[0]} px`,
  mixup: (v) => `mixup α ${v[0]}`,
};

const NAMES: Readonly<Record<AugOp, string>> = {
  shift: 'shift', subpixel: 'sub-pixel', rotate: 'rotation', scale: 'scaling', elastic: 'elastic', noise: 'noise', cutout: 'cutout', mixup: 'mixup',
};

/**
 * A run's augmentations in words ("shifts ≤ 1 px, elastic α 2 σ 1"), or "no augmentation"; more
 * than three ops by name only ("stacked: shift, rotation, elastic, noise"): the link has the strengths.
 */
export function describeAug(text: string): string {
  const spec = augSpecOf(text);
  const ops = AUG_OPS.filter((op) => spec[op] !== undefined);
  if (ops.length === 0) return 'no augmentation';
  return ops.length > 3 ? `stacked: ${ops.map((op) => NAMES[op]).join(', ')}` : ops.map((op) => WORDS[op](spec[op]!)).join(', ');
}
