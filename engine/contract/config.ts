/**
 * The URL codec of the experiment config (the schema is schema.ts, the vs grammar variants.ts).
 * parseQuery never throws: every bad key or value becomes a readable problem and the default.
 * toQuery leaves defaults out, so links stay short; parseQuery(toQuery(c)) gives c back exactly.
 */
import {
  CONFIG_FIELDS, CONFIG_KEYS, CONFIG_VERSION, DEFAULT_CONFIG, describeAccepted, isConfigKey, parseValue, shorten,
  type Config, type ConfigKey, type ConfigProblem, type Field, type ParsedConfig,
} from './schema.ts';
import { parseVariants } from './variants.ts';
import { resolveArch } from './arch/named/index.ts';
import { formatArch } from './arch/grammar.ts';

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
  if ((values.v as number) !== CONFIG_VERSION) values.v = CONFIG_VERSION; // upgrades go here as the schema grows
  return { config: values as unknown as Config, problems };
}

function formatValue(value: number | string): string {
  return typeof value === 'number' ? String(value) : encodeURIComponent(value).replace(/%2C/g, ',');
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
    if (value !== CONFIG_FIELDS[key].default) parts.push(`${key}=${key === 'vs' || key === 'arch' ? formatOverrides(value as string) : formatValue(value)}`);
  }
  if (parts.length > 0) parts.unshift(`v=${CONFIG_VERSION}`);
  return parts.join('&');
}

/** A config with some keys changed; used by tests, presets and the CLI. */
export function withConfig(overrides: Partial<Record<ConfigKey, number | string>>): Config {
  return { ...DEFAULT_CONFIG, ...overrides } as Config;
}
