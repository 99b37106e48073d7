/**
 * The URL codec of the experiment config (the schema is schema.ts, the vs grammar variants.ts).
 * parseQuery never throws: every bad key or value becomes a readable problem and the default.
 * toQuery leaves defaults out, so links stay short; parseQuery(toQuery(c)) gives c back exactly.
 */
import {
  CONFIG_FIELDS, CONFIG_KEYS, CONFIG_VERSION, DEFAULT_CONFIG, describeAccepted, isConfigKey, parseValue, shorten,
  type Config, type ConfigKey, type ConfigProblem, type Field, type ParsedConfig,
} from './schema.ts';
import { dropArchOverrides, parseVariants } from './variants.ts';
import { resolveArch } from './arch/named/index.ts';
import { formatArch } from './arch/grammar.ts';
import type { DataName } from './datasets.ts';

export * from './schema.ts';
export * from './variants.ts';

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

/** The keys that size the network and its batch: a link that trains on data and leaves them out gets a network sized for live training. */
export const SIZED_KEYS = ['depth', 'width', 'batch'] as const;
export type SizedKey = (typeof SIZED_KEYS)[number];

/**
 * The network each data set trains on when the link does not set depth, width or batch: small
 * enough to train at thousands of steps a second in a tab (the probe's 10 x 256 at batch 256
 * trains the spiral at ~3 steps/s), big enough to learn the set (the presets' sizes as a guide).
 */
export const TRAINING_SIZES: Readonly<Record<DataName, Readonly<Record<SizedKey, number>>>> = {
  spiral: { depth: 3, width: 32, batch: 32 },
  circles: { depth: 3, width: 32, batch: 32 },
  moons: { depth: 3, width: 32, batch: 32 },
  xor: { depth: 3, width: 32, batch: 32 },
  blobs: { depth: 3, width: 32, batch: 32 },
  digits: { depth: 2, width: 64, batch: 32 },
  mnist: { depth: 2, width: 64, batch: 32 },
  fashion: { depth: 2, width: 64, batch: 32 },
};

/** A sized key's value when the link leaves it out: the probe's default without data, the training size with. */
export function sizedDefault(key: SizedKey, data: Config['data']): number {
  return data === 'none' ? (CONFIG_FIELDS[key].default as number) : TRAINING_SIZES[data][key];
}

/**
 * The config with another data set, as the data menu and the lab switch set it: a sized key still
 * at the old data set's default moves to the new one's (the probe's 10 x 256 becomes 3 x 32 for the
 * spiral, and back); a size the user chose stays.
 */
export function withData(config: Config, data: Config['data']): Config {
  if (data === config.data) return config;
  const next = { ...config, data } as Config;
  for (const key of SIZED_KEYS) if (config[key] === sizedDefault(key, config.data)) (next as Record<SizedKey, number>)[key] = sizedDefault(key, data);
  return next;
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
      problems.push({ key, value: shorten(value), accepted: 'each key once', used: shorten(String(values[key])), message: `${key} is given more than once; using the first, ${shorten(String(values[key]))}` });
      continue;
    }
    seen.add(key);
    if (field.kind === 'overrides') {
      const variant = parseVariants(value);
      values[key] = variant.canonical;
      problems.push(...variant.problems);
      continue;
    }
    if (field.kind === 'arch') {
      const arch = resolveArch(value);
      if (value === '') values[key] = '';
      else if (arch.spec) values[key] = arch.named ? value : formatArch(arch.spec);
      else problems.push({ key, value: shorten(value), accepted: describeAccepted(field), used: 'the MLP (no arch)', message: `arch value ${arch.problems.map((p) => p.message).join('; ')}; using the MLP of depth and width` });
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
  // A variant's architecture stands only beside the primary's (the MLP's runs are another kind).
  if (values.arch === '' && typeof values.vs === 'string' && values.vs.includes('arch:')) {
    const dropped = dropArchOverrides(values.vs);
    values.vs = dropped.canonical;
    problems.push(...dropped.problems);
  }
  if ((values.v as number) !== CONFIG_VERSION) values.v = CONFIG_VERSION; // upgrades go here as the schema grows
  // A link that trains on data and does not size the network gets one sized for live training (a
  // bad value falls back to the same size: the problem says "using 10" for the probe's default only).
  if (values.data !== 'none') {
    for (const key of SIZED_KEYS) {
      const at = problems.findIndex((p) => p.key === key && p.used === String(CONFIG_FIELDS[key].default));
      if (seen.has(key) && at < 0) continue;
      const size = sizedDefault(key, values.data as Config['data']);
      values[key] = size;
      if (at >= 0) {
        const p = problems[at];
        problems[at] = { ...p, used: String(size), message: p.message.replace(/using [^;]*$/, `using ${size}`) };
      }
    }
  }
  return { config: values as unknown as Config, problems };
}

function formatValue(value: number | string): string {
  return typeof value === 'number' ? String(value) : encodeURIComponent(value).replace(/%2C/g, ',');
}

/** ':', ',' and ';' are legal unencoded in a query (RFC 3986), so `vs=norm:batch,lr:0.01;residual:1` stays readable. */
function formatOverrides(value: string): string {
  return encodeURIComponent(value).replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%3B/g, ';');
}

/**
 * Serialize a config; keys at their default are left out, keys in table order. A config that trains
 * on data always states depth, width and batch (their default depends on the data set).
 */
export function toQuery(config: Config): string {
  const parts: string[] = [];
  const sized = config.data !== 'none';
  for (const key of CONFIG_KEYS) {
    if (key === 'v') continue;
    const value = config[key];
    if (value !== CONFIG_FIELDS[key].default || (sized && (SIZED_KEYS as readonly string[]).includes(key))) parts.push(`${key}=${key === 'vs' || key === 'arch' || key === 'aug' ? formatOverrides(value as string) : formatValue(value)}`);
  }
  if (parts.length > 0) parts.unshift(`v=${CONFIG_VERSION}`);
  return parts.join('&');
}

/** A config with some keys changed; used by tests, presets and the CLI. */
export function withConfig(overrides: Partial<Record<ConfigKey, number | string>>): Config {
  return { ...DEFAULT_CONFIG, ...overrides } as Config;
}
