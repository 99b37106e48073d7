/**
 * The A/B variant grammar (`vs`): up to three more experiments, each the primary with a few keys
 * overridden (`vs=norm:batch;depth:6,residual:0`), trained or probed in lockstep with it.
 */
import {
  CONFIG_FIELDS, CONFIG_KEYS, describeAccepted, isConfigKey, MAX_VARIANTS, parseValue, shorten, VARIANT_FIXED_KEYS, VARIANT_KEYS,
  type Config, type ConfigKey, type ConfigProblem, type Field,
} from './schema.ts';
import { describeAug } from './augment.ts';
import { resolveArch } from './arch/named/index.ts';
import { formatArch } from './arch/grammar.ts';

/**
 * `arch:` in a variant takes the rest of the variant, up to its ';' (a spec has commas and colons of
 * its own): `vs=lr:0.01,arch:conv3-8,relu,gap,fc10;init:he_normal`. Canonically it is written last.
 */
const ARCH_PAIR = 'arch:';

/** Where a variant's `arch:` pair starts (at the start or after a ','), or -1. */
function archPairAt(text: string): number {
  if (text.startsWith(ARCH_PAIR)) return 0;
  const at = text.indexOf(`,${ARCH_PAIR}`);
  return at < 0 ? -1 : at + 1;
}

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
  // An architecture: the rest of the variant (whether the primary trains one is the config's check).
  const archAt = archPairAt(text);
  let archOverride: string | null = null;
  if (archAt >= 0) {
    const value = text.slice(archAt + ARCH_PAIR.length);
    text = text.slice(0, archAt);
    const arch = resolveArch(value);
    if (value === '') refuse(ARCH_PAIR, 'names no architecture', describeAccepted(CONFIG_FIELDS.arch));
    else if (arch.spec) archOverride = arch.named ? value : formatArch(arch.spec);
    else {
      // The first problem, with its position (a spec's later problems follow from it or can wait).
      const first = arch.problems[0]?.message ?? 'does not parse';
      const more = arch.problems.length > 1 ? ` (and ${arch.problems.length - 1} more)` : '';
      const last = value.includes(',') ? '; arch: takes the rest of its variant, up to the next ";": write it last' : '';
      refuse(`${ARCH_PAIR}${value}`, `is not an architecture: ${first.length > 200 ? `${first.slice(0, 200)}…` : first}${more}${last}`, describeAccepted(CONFIG_FIELDS.arch));
    }
  }
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
      refuse(pair, `cannot be overridden: both runs share ${VARIANT_FIXED_KEYS.filter((k) => k !== 'v' && k !== 'vs' && k !== 'arch').join(', ')}`);
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
  const pairs = VARIANT_KEYS.filter((k) => Object.prototype.hasOwnProperty.call(overrides, k)).map((k) => `${k}:${String(overrides[k])}`);
  if (archOverride !== null) {
    overrides.arch = archOverride;
    pairs.push(`${ARCH_PAIR}${archOverride}`);
  }
  return { overrides, canonical: pairs.join(','), problems };
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
    // Defensive: the canonical form must parse back whole, so it may not pass the limit (formatArch
    // writes no spec longer than it was given today, but a longer written form would lose every variant).
    if ([...canonical, parsed.canonical].join(';').length > MAX_OVERRIDES_LENGTH) {
      problems.push({ key: 'vs', value: shorten(part), accepted: `at most ${MAX_OVERRIDES_LENGTH} characters of variants`, used: 'ignored', message: `vs: "${shorten(part)}" would make the variants longer than ${MAX_OVERRIDES_LENGTH} characters; it is ignored` });
      continue;
    }
    variants.push(parsed.overrides);
    canonical.push(parsed.canonical);
  }
  return { variants, canonical: canonical.join(';'), problems };
}

/**
 * A vs whose variants override `arch` on a config that trains no architecture (the MLP's runs
 * cannot stand beside an architecture's): those overrides dropped, and a problem for each.
 */
export function dropArchOverrides(vs: string): { readonly canonical: string; readonly problems: readonly ConfigProblem[] } {
  const parsed = parseVariants(vs);
  const problems: ConfigProblem[] = [];
  const kept: string[] = [];
  for (const part of parsed.canonical.split(';')) {
    const at = archPairAt(part);
    if (at < 0) {
      if (part !== '') kept.push(part);
      continue;
    }
    const pair = part.slice(at);
    problems.push({ key: 'vs', value: shorten(pair), accepted: 'arch: only beside a link that trains an architecture (arch=)', used: 'ignored',
      message: `vs: "${shorten(pair)}" compares architectures, and this link trains the MLP of depth and width (no arch=); that override is ignored` });
    const rest = part.slice(0, at).replace(/,$/, '');
    if (rest !== '') kept.push(rest);
  }
  return { canonical: kept.join(';'), problems };
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

/** Every key a `vs` variant overrides, in CONFIG_KEYS order (`vs` lists variants separated by ';'). */
export function overriddenKeys(vs: string): ConfigKey[] {
  const keys = new Set<ConfigKey>();
  for (const part of vs.split(';')) for (const k of Object.keys(parseVariant(part).overrides)) keys.add(k as ConfigKey);
  return CONFIG_KEYS.filter((k) => keys.has(k));
}

const ALPHA_WORDS: Readonly<Record<Config['alpha'], string>> = { one: 'α = 1', invsqrt: 'α = 1/√L', zero: 'zero-init branch' };
const ACT_WORDS: Readonly<Record<string, string>> = { linear: 'linear', tanh: 'tanh', sigmoid: 'sigmoid', relu: 'ReLU', leaky_relu: 'leaky ReLU', elu: 'ELU', gelu: 'GELU', selu: 'SELU' };
const INIT_WORDS: Readonly<Record<string, string>> = {
  zeros: 'zero init', constant: 'constant init', normal: 'N(0, σ²) init', standard: 'standard init', xavier_uniform: 'Xavier uniform init',
  xavier_normal: 'Xavier normal init', he_uniform: 'He uniform init', he_normal: 'He normal init', lecun_normal: 'LeCun normal init',
  orthogonal: 'orthogonal init', lsuv: 'LSUV init',
};
const OPT_WORDS: Readonly<Record<string, string>> = { sgd: 'SGD', momentum: 'SGD with momentum', adam: 'Adam' };

/** "auxiliary heads on layers 7 and 14", "auxiliary head on layer 7", "no auxiliary heads". */
function auxWords(c: Config): string {
  const heads = [c.aux1, c.aux2].filter((l) => l > 0);
  if (heads.length === 0) return 'no auxiliary heads';
  return heads.length === 1 ? `auxiliary head on layer ${heads[0]}` : `auxiliary heads on layers ${heads.join(' and ')}`;
}

/** One key's value as a run's name says it: "30 layers", "plain", "with batch norm", "learning rate 0.01". */
function keyWords(key: ConfigKey, c: Config): string {
  switch (key) {
    case 'residual': return c.residual === 1 ? 'residual' : 'plain';
    case 'depth': return `${c.depth} ${c.depth === 1 ? 'layer' : 'layers'}`;
    case 'width': return `${c.width} units`;
    case 'batch': return `batch ${c.batch}`;
    case 'act': return ACT_WORDS[c.act] ?? c.act;
    case 'init': return INIT_WORDS[c.init] ?? `${c.init} init`;
    case 'opt': return OPT_WORDS[c.opt] ?? c.opt;
    case 'lr': return `learning rate ${c.lr}`;
    case 'wd': return c.wd === 0 ? 'no weight decay' : `weight decay ${c.wd}`;
    case 'mom': return `momentum ${c.mom}`;
    case 'prior': return c.prior === 'none' ? 'MLE (no prior)' : c.prior === 'gauss' ? 'Gaussian prior (L2)' : 'Laplace prior (L1)';
    case 'decay': return c.decay === 'decoupled' ? 'decoupled decay (AdamW)' : 'L2 in the gradient';
    case 'alpha': return ALPHA_WORDS[c.alpha] ?? `α ${c.alpha}`;
    case 'resform': return c.resform === 'pre' ? 'pre-activation' : 'post-activation';
    case 'norm': return c.norm === 'batch' ? 'with batch norm' : 'without batch norm';
    case 'bnpos': return `batch norm ${c.bnpos} the activation`;
    case 'testbn': return c.testbn === 'running' ? 'test with running statistics' : 'test with batch statistics';
    case 'auxw': return `auxiliary weight ${c.auxw}`;
    case 'gain': return `gain ${c.gain}`;
    case 'std': return `σ = ${c.std}`;
    case 'bias': return `bias ${c.bias}`;
    case 'aug': return describeAug(c.aug);
    case 'pretrain': return c.pretrain === 'none' ? 'no pretraining' : c.pretrain === 'ae' ? 'pretrained (autoencoders)' : 'pretrained (denoising autoencoders)';
    case 'ptsteps': return `${c.ptsteps} pretraining steps per layer`;
    case 'ptnoise': return `masking noise ${c.ptnoise}`;
    case 'ptlr': return `pretraining learning rate ${c.ptlr}`;
    case 'arch': return archWords(c.arch);
    default: return `${key} ${String(c[key])}`;
  }
}

/** A run's architecture in a legend: a named net by its name; a spec as written, cut to 40 characters. */
function archWords(arch: string): string {
  if (arch === '') return 'the MLP';
  return arch.length <= 40 ? arch : `${arch.slice(0, 39)}…`;
}

const namesOf = new WeakMap<Config, string[]>();

/**
 * Every run of a config in words, the primary first and then each `vs` variant in order, named by
 * the keys the variants override: "30 layers, plain", "6 layers, plain", "30 layers, residual";
 * "without batch norm" beside "with batch norm"; "auxiliary heads on layers 7 and 14". One run
 * needs no name (['']). A variant that overrides a key with the value it already had is a twin:
 * twins are numbered ("residual (run 2)"). Legends, summaries, tables and the worker's messages
 * all name runs with this, so a run has the same name on every panel.
 */
export function describeRuns(config: Config): string[] {
  let names = namesOf.get(config);
  if (names) return names;
  const runs = [config, ...variantsOf(config)];
  const keys = overriddenKeys(config.vs);
  const raw = runs.map((c, i): string => {
    if (runs.length < 2) return '';
    const parts: string[] = [];
    let auxDone = false;
    for (const k of keys) {
      if (k === 'aux1' || k === 'aux2') {
        if (!auxDone) parts.push(auxWords(c));
        auxDone = true;
        continue;
      }
      parts.push(keyWords(k, c));
    }
    return parts.length > 0 ? parts.join(', ') : `run ${i + 1}`;
  });
  names = raw.map((name, i) => (raw.indexOf(name) === i && raw.lastIndexOf(name) === i ? name : `${name} (run ${i + 1})`));
  namesOf.set(config, names);
  return names;
}

/** Run `index` of describeRuns (0 the primary, 1.. the variants in vs order); '' for a lone run. */
export function describeRun(config: Config, index: number): string {
  return describeRuns(config)[index] ?? '';
}

/** The i-th variant (0-based, in vs order) as messages name it: 'the run "with batch norm"'. */
export function variantName(config: Config, index: number): string {
  const name = describeRun(config, index + 1);
  return name ? `the run "${name}"` : `variant ${index + 1}`;
}

/** A variant's overrides in words: "with batch norm", "30 layers, residual" (describeRun of variant `index`). */
export function describeOverrides(config: Config, index: number): string {
  return describeRun(config, index + 1);
}
