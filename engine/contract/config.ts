/**
 * The experiment config: one typed table of fields (the whole URL contract) and its query codec.
 * parseQuery never throws: every bad key or value becomes a readable problem and the default.
 * toQuery leaves defaults out, so links stay short; parseQuery(toQuery(c)) gives c back exactly.
 */
import { ACTIVATION_NAMES } from './names.ts';
import { INITIALIZER_NAMES } from './names.ts';
import { OPTIMIZER_NAMES } from './names.ts';

export const CONFIG_VERSION = 1;

interface IntField { readonly kind: 'int'; readonly min: number; readonly max: number; readonly default: number; readonly meaning: string }
interface FloatField { readonly kind: 'float'; readonly min: number; readonly max: number; readonly default: number; readonly meaning: string }
interface EnumField<T extends string> { readonly kind: 'enum'; readonly choices: readonly T[]; readonly default: T; readonly meaning: string }
/**
 * A list of `key:value` overrides (the A/B variant's `vs`): its own parser (parseOverrides), since
 * one bad pair drops only that pair. The value is always the canonical form or ''.
 */
interface OverridesField { readonly kind: 'overrides'; readonly default: ''; readonly meaning: string }
type Field = IntField | FloatField | EnumField<string> | OverridesField;

const int = (min: number, max: number, def: number, meaning: string): IntField => ({ kind: 'int', min, max, default: def, meaning });
const float = (min: number, max: number, def: number, meaning: string): FloatField => ({ kind: 'float', min, max, default: def, meaning });
const oneOf = <const T extends string>(choices: readonly T[], def: NoInfer<T>, meaning: string): EnumField<T> => ({ kind: 'enum', choices, default: def, meaning });

/** The URL contract. Order here is the order keys appear in a link. */
export const CONFIG_FIELDS = {
  v: int(1, CONFIG_VERSION, CONFIG_VERSION, 'version of the link format; older links are upgraded'),
  depth: int(1, 200, 10, 'number of hidden layers'),
  width: int(1, 1024, 256, 'units per hidden layer (and the input width, unless a data set fixes it)'),
  act: oneOf(ACTIVATION_NAMES, 'tanh', 'activation function of every hidden layer'),
  init: oneOf(INITIALIZER_NAMES, 'xavier_uniform', 'weight initializer'),
  gain: float(0, 100, 1, 'multiplier on every initializer\'s standard deviation'),
  std: float(0, 100, 0.01, 'standard deviation of the "normal" initializer'),
  const: float(-100, 100, 0.01, 'the value every weight takes under the "constant" initializer'),
  bias: float(-100, 100, 0, 'the value every bias starts at'),
  fan: oneOf(['in', 'out'] as const, 'in', 'He initializers: keep the forward (in) or backward (out) variance'),
  batch: int(1, 4096, 256, 'examples in the probe batch, and in each training mini-batch (at most the training set)'),
  input: oneOf(['gauss', 'uniform'] as const, 'gauss', 'input distribution: N(0, 1) or U(-sqrt 3, sqrt 3), both of variance 1'),
  seed: int(0, 4294967295, 1, 'seed of every random draw: the same seed gives the same numbers'),
  // Training (issue 4). The defaults leave every older link's meaning unchanged: data=none is the probe.
  data: oneOf(['none', 'spiral', 'circles', 'moons', 'xor', 'blobs', 'digits'] as const, 'none', 'training data: none (the probe\'s synthetic input), a 2D toy set, or the 8x8 handwritten digits (64 inputs, 10 classes)'),
  points: int(10, 10000, 500, 'examples in a 2D toy set, training and test together (the digits are always 1797)'),
  classes: int(2, 3, 2, 'classes of the spiral (arms) and blobs sets; circles, moons and xor have 2, digits 10'),
  noise: float(0, 1, 0.1, 'standard deviation of the Gaussian jitter on each coordinate of a 2D toy set'),
  split: float(0, 1, 0.2, 'fraction of the examples held out as the test set, chosen by the seed (at least one example stays on each side)'),
  opt: oneOf(OPTIMIZER_NAMES, 'sgd', 'optimizer: sgd, momentum (SGD with momentum) or adam'),
  lr: float(0, 100, 0.1, 'learning rate (up to 100, to watch training diverge)'),
  mom: float(0, 1, 0.9, 'momentum coefficient mu of opt=momentum (v = mu v + g)'),
  wd: float(0, 1, 0, 'L2 weight decay on the weights (a Gaussian prior of variance 1/(N wd) on N training examples)'),
  norm: oneOf(['none', 'batch'] as const, 'none', 'normalization in every hidden layer: none or batch norm'),
  bnpos: oneOf(['before', 'after'] as const, 'before', 'batch norm before the activation (on x W + b, as Ioffe & Szegedy) or after it'),
  bnmom: float(0, 1, 0.1, 'batch norm momentum: weight of each new batch in the running mean and variance (PyTorch\'s 0.1)'),
  bneps: float(0, 1, 1e-5, 'batch norm epsilon added to the variance (PyTorch\'s 1e-5)'),
  testbn: oneOf(['running', 'batch'] as const, 'running', 'batch norm on the test set: running statistics (eval mode) or each test batch\'s own (train mode)'),
  evalevery: int(1, 100000, 50, 'training steps between evaluations of the test set'),
  // The A/B variant (issue 5): a second experiment run beside this one, the same but for these keys.
  vs: { kind: 'overrides', default: '', meaning: 'up to 3 variants run beside this one, separated by ";": each comma-separated key:value overrides, e.g. norm:batch or depth:6,residual:0;residual:1 (not seed or the data set keys)' } as OverridesField,
  // Residual connections and auxiliary classifiers (issue 5). Defaults keep every older link's meaning.
  residual: int(0, 1, 0, '1: the hidden stack becomes residual blocks of two dense layers, x + alpha F(x) (with an odd depth the last layer stays plain; a projection W x replaces the identity where widths differ)'),
  resform: oneOf(['post', 'pre'] as const, 'post', 'residual block form: post (He et al. 2015: act(x + F(x)), F = dense, [BN], act, dense, [BN]) or pre (He et al. 2016: x + F(x), F = [BN], act, dense, [BN], act, dense)'),
  alpha: oneOf(['one', 'invsqrt', 'zero'] as const, 'one', 'residual branch scale: 1, 1/sqrt(number of blocks), or zero (the branch\'s last layer starts at zero, as Fixup/SkipInit; scale 1)'),
  aux1: int(0, 200, 0, 'hidden layer carrying an auxiliary softmax classifier in training (GoogLeNet), 0 = none'),
  aux2: int(0, 200, 0, 'hidden layer carrying a second auxiliary classifier, 0 = none'),
  auxw: float(0, 1, 0.3, 'weight lambda of each auxiliary loss: L = L_main + auxw L_aux1 + auxw L_aux2'),
} as const satisfies Record<string, Field>;

export type ConfigKey = keyof typeof CONFIG_FIELDS;
type ValueOf<F> = F extends EnumField<infer T> ? T : F extends OverridesField ? string : number;
export type Config = { readonly [K in ConfigKey]: ValueOf<(typeof CONFIG_FIELDS)[K]> };

export const CONFIG_KEYS = Object.keys(CONFIG_FIELDS) as ConfigKey[];

export const DEFAULT_CONFIG: Config = Object.fromEntries(
  CONFIG_KEYS.map((k) => [k, CONFIG_FIELDS[k].default]),
) as unknown as Config;

export interface ConfigProblem {
  /** The key as written in the link (may be unknown to us). */
  readonly key: string;
  /** The value as written, truncated for display. */
  readonly value: string;
  /** What the key accepts, e.g. "an integer in 1..200". */
  readonly accepted: string;
  /** What was used instead, e.g. "10", or "ignored". */
  readonly used: string;
  /** One readable sentence. */
  readonly message: string;
}

export interface ParsedConfig {
  readonly config: Config;
  readonly problems: readonly ConfigProblem[];
}

const MAX_SHOWN = 40;
function shorten(s: string): string {
  return s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN)}…` : s;
}

export function describeAccepted(field: Field): string {
  switch (field.kind) {
    case 'int': return `an integer in ${field.min}..${field.max}`;
    case 'float': return `a number in ${field.min}..${field.max}`;
    case 'enum': return `one of ${field.choices.join(', ')}`;
    case 'overrides': return `up to ${MAX_VARIANTS} variants separated by ";", each comma-separated key:value pairs of the keys ${VARIANT_KEYS.join(', ')}`;
  }
}

// Unambiguous (no nested quantifiers that can both take a digit): linear time on hostile input.
const NUMBER_SYNTAX = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
/** No valid value is this long; longer ones are refused before any parsing. */
const MAX_VALUE_LENGTH = 64;

/** Parse one raw value for a field: the value, or why it was refused. */
function parseValue(field: IntField | FloatField | EnumField<string>, raw: string): { ok: true; value: number | string } | { ok: false; why: string } {
  switch (field.kind) {
    case 'enum':
      return (field.choices as readonly string[]).includes(raw)
        ? { ok: true, value: raw }
        : { ok: false, why: 'is not a choice' };
    case 'int':
    case 'float': {
      if (raw.length > MAX_VALUE_LENGTH || !NUMBER_SYNTAX.test(raw)) return { ok: false, why: 'is not a number' };
      let x = Number(raw);
      if (!Number.isFinite(x)) return { ok: false, why: 'is out of range' };
      if (x === 0) x = 0; // -0 becomes 0
      if (field.kind === 'int' && !Number.isInteger(x)) return { ok: false, why: 'is not an integer' };
      if (x < field.min || x > field.max) return { ok: false, why: 'is out of range' };
      return { ok: true, value: x };
    }
  }
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/** The query part of a full URL, a "?a=b" string or a bare "a=b" string; the hash is ignored. */
function queryPart(input: string): string {
  let s = input.trim();
  const hash = s.indexOf('#');
  if (hash >= 0) s = s.slice(0, hash);
  const q = s.indexOf('?');
  // A "?" starts the query only if no key=value comes before it ("depth=5&note=why?" is all query).
  if (q >= 0 && !/[=&]/.test(s.slice(0, q))) return s.slice(q + 1);
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? '' : s;
}

export function isConfigKey(key: string): key is ConfigKey {
  return Object.prototype.hasOwnProperty.call(CONFIG_FIELDS, key);
}

/** Parse a query string or URL into a config and the problems found. Never throws. */
export function parseQuery(input: string): ParsedConfig {
  const problems: ConfigProblem[] = [];
  const values: Record<string, number | string> = { ...DEFAULT_CONFIG };
  const seen = new Set<string>();
  const text = typeof input === 'string' ? queryPart(input) : '';
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq >= 0 ? part.slice(0, eq) : part;
    const rawValue = eq >= 0 ? part.slice(eq + 1) : '';
    const key = safeDecode(rawKey);
    const value = safeDecode(rawValue);
    if (key === null || value === null) {
      problems.push({ key: shorten(rawKey), value: shorten(rawValue), accepted: 'valid percent-encoding', used: 'ignored', message: `"${shorten(part)}" is not valid percent-encoding; ignored` });
      continue;
    }
    if (!isConfigKey(key)) {
      problems.push({ key: shorten(key), value: shorten(value), accepted: `one of the keys ${CONFIG_KEYS.join(', ')}`, used: 'ignored', message: `unknown key "${shorten(key)}"; ignored` });
      continue;
    }
    const field: Field = CONFIG_FIELDS[key];
    if (seen.has(key)) {
      problems.push({ key, value: shorten(value), accepted: 'each key once', used: String(values[key]), message: `${key} is given more than once; using the first, ${values[key]}` });
      continue;
    }
    seen.add(key);
    if (field.kind === 'overrides') {
      const variant = parseVariants(value);
      values[key] = variant.canonical;
      problems.push(...variant.problems);
      continue;
    }
    const parsed = parseValue(field, value);
    if (parsed.ok) {
      values[key] = parsed.value;
    } else {
      const accepted = describeAccepted(field);
      problems.push({ key, value: shorten(value), accepted, used: String(field.default), message: `${key}=${shorten(value)} ${parsed.why} (${accepted}); using ${field.default}` });
    }
  }
  if ((values.v as number) !== CONFIG_VERSION) values.v = CONFIG_VERSION; // upgrades go here as the schema grows
  return { config: values as unknown as Config, problems };
}

function formatValue(value: number | string): string {
  return typeof value === 'number' ? String(value) : encodeURIComponent(value);
}

/** ':', ',' and ';' are legal unencoded in a query (RFC 3986), so `vs=norm:batch,lr:0.01;residual:1` stays readable. */
function formatOverrides(value: string): string {
  return encodeURIComponent(value).replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%3B/g, ';');
}

/** Serialize a config; keys at their default are left out, keys in table order. */
export function toQuery(config: Config): string {
  const parts: string[] = [];
  for (const key of CONFIG_KEYS) {
    if (key === 'v') continue;
    const value = config[key];
    if (value !== CONFIG_FIELDS[key].default) parts.push(`${key}=${key === 'vs' ? formatOverrides(value as string) : formatValue(value)}`);
  }
  if (parts.length > 0) parts.unshift(`v=${CONFIG_VERSION}`);
  return parts.join('&');
}

/** A config with some keys changed; used by tests, presets and the CLI. */
export function withConfig(overrides: Partial<Record<ConfigKey, number | string>>): Config {
  return { ...DEFAULT_CONFIG, ...overrides } as Config;
}

// ---------------------------------------------------------------------------------------------
// The A/B variant (`vs`): a second experiment, the same as the primary but for a few keys.

/**
 * Keys a variant may not override: the version and vs itself, the seed, and the data set's keys,
 * so both runs start from the same random draws and see the same examples in the same split.
 */
export const VARIANT_FIXED_KEYS = ['v', 'seed', 'vs', 'data', 'points', 'classes', 'noise', 'split'] as const satisfies readonly ConfigKey[];

/** Keys a variant may override, in CONFIG_KEYS order (the canonical order of the pairs). */
export const VARIANT_KEYS: readonly ConfigKey[] = CONFIG_KEYS.filter((k) => !(VARIANT_FIXED_KEYS as readonly string[]).includes(k));

/** At most this many variants in one vs (separated by ';'): four runs in lockstep at most. */
export const MAX_VARIANTS = 3;

/**
 * No canonical vs is longer than this (every overridable key with its longest value is ~700
 * characters a variant, MAX_VARIANTS of them); a longer value is refused whole, before it is split.
 */
export const MAX_OVERRIDES_LENGTH = 3072;

export interface ParsedOverrides {
  /** The valid overrides. */
  readonly overrides: Partial<Record<ConfigKey, number | string>>;
  /**
   * The canonical form: the valid pairs in CONFIG_KEYS order, each value written as toQuery writes
   * it ("lr:0.10" becomes "lr:0.1"), '' when none. An override equal to the default (or to the
   * primary's own value) is kept: "vs=norm:none" is how a norm=batch link asks for a run without
   * it, and an override that changes nothing gives a variant identical to the primary, which is
   * a fair (if dull) experiment. A key given twice keeps its first value, like the query's keys.
   */
  readonly canonical: string;
  readonly problems: readonly ConfigProblem[];
}

/** One variant's pairs (already percent-decoded, no ';'). Never throws; each bad pair is one problem. */
function parseVariant(text: string): ParsedOverrides {
  const problems: ConfigProblem[] = [];
  const overrides: Partial<Record<ConfigKey, number | string>> = {};
  const accepted = describeAccepted(CONFIG_FIELDS.vs);
  const refuse = (pair: string, why: string, acceptedHere = accepted) =>
    problems.push({ key: 'vs', value: shorten(pair), accepted: acceptedHere, used: 'ignored', message: `vs: "${shorten(pair)}" ${why}; that override is ignored` });
  for (const pair of text.split(',')) {
    if (pair === '') continue; // "norm:batch," is fine, as "&&" is in the query
    const colon = pair.indexOf(':');
    if (colon < 0) {
      refuse(pair, 'is not key:value');
      continue;
    }
    const key = pair.slice(0, colon), raw = pair.slice(colon + 1);
    if (!isConfigKey(key)) {
      refuse(pair, `names no config key (${VARIANT_KEYS.join(', ')} can be overridden)`);
      continue;
    }
    const field: Field = CONFIG_FIELDS[key];
    if ((VARIANT_FIXED_KEYS as readonly string[]).includes(key) || field.kind === 'overrides') {
      refuse(pair, `cannot be overridden: both runs share ${VARIANT_FIXED_KEYS.filter((k) => k !== 'v' && k !== 'vs').join(', ')}`);
      continue;
    }
    if (Object.prototype.hasOwnProperty.call(overrides, key)) {
      refuse(pair, `overrides ${key} a second time (using the first, ${overrides[key]})`);
      continue;
    }
    const parsed = parseValue(field, raw);
    if (parsed.ok) overrides[key] = parsed.value;
    else refuse(pair, parsed.why === 'is not a choice' ? `is not a choice (${describeAccepted(field)})` : `${parsed.why} (${describeAccepted(field)})`, describeAccepted(field));
  }
  const canonical = VARIANT_KEYS.filter((k) => Object.prototype.hasOwnProperty.call(overrides, k))
    .map((k) => `${k}:${String(overrides[k])}`)
    .join(',');
  return { overrides, canonical, problems };
}

export interface ParsedVariants {
  /** Each variant's valid overrides, in the order written (a variant without a valid pair is dropped). */
  readonly variants: readonly Partial<Record<ConfigKey, number | string>>[];
  /** The variants' canonical forms joined by ';', in the order written; '' when none. */
  readonly canonical: string;
  readonly problems: readonly ConfigProblem[];
}

/**
 * Parse a whole vs value (already percent-decoded): up to MAX_VARIANTS variants separated by ';',
 * each a list of key:value pairs. Never throws; each bad pair is one problem, and so is each
 * variant past the third.
 */
export function parseVariants(text: string): ParsedVariants {
  const accepted = describeAccepted(CONFIG_FIELDS.vs);
  if (typeof text !== 'string' || text.length > MAX_OVERRIDES_LENGTH) {
    const shown = typeof text === 'string' ? text : '';
    return { variants: [], canonical: '', problems: [{ key: 'vs', value: shorten(shown), accepted, used: 'no variant', message: `vs is longer than ${MAX_OVERRIDES_LENGTH} characters; no variant` }] };
  }
  const problems: ConfigProblem[] = [];
  const variants: Partial<Record<ConfigKey, number | string>>[] = [];
  const canonical: string[] = [];
  for (const part of text.split(';')) {
    const parsed = parseVariant(part);
    problems.push(...parsed.problems);
    if (parsed.canonical === '') continue; // "norm:batch;" is fine too
    if (variants.length === MAX_VARIANTS) {
      problems.push({ key: 'vs', value: shorten(part), accepted: `at most ${MAX_VARIANTS} variants separated by ";"`, used: 'ignored', message: `vs: more than ${MAX_VARIANTS} variants; "${shorten(part)}" is ignored` });
      continue;
    }
    variants.push(parsed.overrides);
    canonical.push(parsed.canonical);
  }
  return { variants, canonical: canonical.join(';'), problems };
}

/**
 * Parse ONE variant's overrides (text without ';'; a ';' in it is read as part of a value, and
 * refused). Kept for callers that handle one variant at a time; parseVariants reads a whole vs.
 */
export function parseOverrides(text: string): ParsedOverrides {
  if (typeof text !== 'string' || text.length > MAX_OVERRIDES_LENGTH) {
    const parsed = parseVariants(text);
    return { overrides: {}, canonical: '', problems: parsed.problems };
  }
  return parseVariant(text);
}

/**
 * The variant experiments, in vs order: the config with each variant's overrides applied and vs
 * '' (a variant has no variant of its own). Live keys (lr, wd, mom, evalevery, testbn) follow the
 * primary's unless a variant overrides them. Empty when vs names no valid override.
 */
export function variantsOf(config: Config): Config[] {
  if (config.vs === '') return [];
  return parseVariants(config.vs).variants.map((overrides) => ({ ...config, ...overrides, vs: '' }) as Config);
}

/** The first variant (variantsOf(config)[0]), or null without one. */
export function variantOf(config: Config): Config | null {
  return variantsOf(config)[0] ?? null;
}
