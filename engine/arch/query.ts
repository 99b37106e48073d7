/**
 * The architecture keys of a query: arch (a name or a spec in the grammar), size and channels (the
 * input image when no data set fixes it). Kept apart and small so the keys can move into the URL
 * codec's schema as they are; other config keys are let through, unknown ones are problems.
 */
import { isConfigKey } from '../contract/config.ts';
import { DATASETS } from '../contract/datasets.ts';
import type { Shape } from '../model/shapes.ts';
import { ARCH_NAMES, resolveArch, type NamedArch } from './named/index.ts';
import type { ArchSpec } from './spec.ts';

export interface ArchQuery {
  readonly spec: ArchSpec | null;
  readonly named: NamedArch | null;
  /** The arch value as given ('' when missing). */
  readonly text: string;
  readonly input: Shape;
  readonly problems: readonly string[];
}

const FULL_SIZE: Shape = [3, 224, 224];
const SIZE_RANGE = [1, 4096] as const, CHANNELS_RANGE = [1, 4096] as const;

function queryPairs(input: string): [string, string][] {
  let s = input.trim();
  const hash = s.indexOf('#');
  if (hash >= 0) s = s.slice(0, hash);
  const q = s.indexOf('?');
  if (q >= 0 && !/[=&]/.test(s.slice(0, q))) s = s.slice(q + 1);
  return s.split('&').filter((p) => p !== '').map((p) => {
    const eq = p.indexOf('=');
    const decode = (x: string) => { try { return decodeURIComponent(x.replace(/\+/g, ' ')); } catch { return x; } };
    return [decode(eq >= 0 ? p.slice(0, eq) : p), decode(eq >= 0 ? p.slice(eq + 1) : '')];
  });
}

function int(key: string, raw: string, [min, max]: readonly [number, number], problems: string[]): number | null {
  const x = /^\d{1,7}$/.test(raw) ? Number(raw) : NaN;
  if (Number.isInteger(x) && x >= min && x <= max) return x;
  problems.push(`${key}=${raw.slice(0, 40)} is not an integer in ${min}..${max}`);
  return null;
}

/** The [C, H, W] of an image data set's name, or null (points, none, or not a data set). */
function imageShapeOf(name: string): Shape | null {
  const info = Object.hasOwn(DATASETS, name) ? DATASETS[name as keyof typeof DATASETS] : null;
  return info && info.inputShape.length === 3 ? [...info.inputShape] : null;
}

/** Read arch, size and channels from a query string or URL. Never throws. */
export function parseArchQuery(text: string): ArchQuery {
  const problems: string[] = [];
  let arch: string | null = null, size: number | null = null, channels: number | null = null, image: Shape | null = null;
  for (const [key, value] of queryPairs(typeof text === 'string' ? text : '')) {
    if (key === 'arch') arch = value;
    else if (key === 'size') size = int('size', value, SIZE_RANGE, problems);
    else if (key === 'channels') channels = int('channels', value, CHANNELS_RANGE, problems);
    else if (key === 'data') image = imageShapeOf(value);
    else if (!isConfigKey(key)) problems.push(`unknown key "${key.slice(0, 40)}"; the architecture keys are arch, size, channels`);
  }
  if (arch === null) {
    problems.push(`arch is missing: give a name (${ARCH_NAMES.join(', ')}) or a spec such as conv3-16,relu,max2,gap,fc10`);
    return { spec: null, named: null, text: '', input: FULL_SIZE, problems };
  }
  const resolved = resolveArch(arch);
  problems.push(...resolved.problems.map((p) => `arch value ${p.message}`));
  // an image data set fixes the input; otherwise a named net's own input, or a full-size image
  const base = image ?? resolved.named?.input ?? FULL_SIZE;
  const input = [channels ?? base[0], size ?? base[1], size ?? base[2]];
  return { spec: resolved.spec, named: resolved.named, text: arch, input, problems };
}
