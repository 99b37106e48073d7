/**
 * The A/B variant grammar (`vs`): up to three more experiments, each the primary with a few keys
 * overridden (`vs=norm:batch;depth:6,residual:0`), trained or probed in lockstep with it.
 */
import {
  CONFIG_FIELDS, describeAccepted, isConfigKey, MAX_VARIANTS, parseValue, shorten, VARIANT_FIXED_KEYS, VARIANT_KEYS,
  type Config, type ConfigKey, type ConfigProblem, type Field,
} from './schema.ts';

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
    if (field.kind === 'widths') {
      refuse(pair, 'cannot be overridden: a list of widths has commas of its own');
      continue;
    }
    if ((VARIANT_FIXED_KEYS as readonly string[]).includes(key) || field.kind === 'overrides' || field.kind === 'arch') {
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

/** "the variant (vs=norm:batch)" for one variant; "variant 2 (residual:1)" among several. */
export function variantName(config: Config, index: number): string {
  const parts = config.vs.split(';');
  return parts.length === 1 ? `the variant (vs=${config.vs})` : `variant ${index + 1} (${parts[index] ?? ''})`;
}

/** A variant's overrides as people read them: "norm batch, lr 0.01". */
export function describeOverrides(config: Config, index: number): string {
  const part = config.vs.split(';')[index] ?? '';
  return part.split(',').filter(Boolean).map((pair) => pair.replace(':', ' ')).join(', ');
}
