/**
 * The architecture explorer's part of a link: the net, the one compared with it, the input size,
 * the open blocks, the selected layer and the convolution on the arithmetic view. View keys, not
 * config keys: none of them changes a number the engine computes. Parsing never throws; a value it
 * rejects is named in the config's problem format and left at its default. A spec that does not
 * parse is kept as typed: the lab shows its problem in place.
 */
import type { ConfigProblem } from '../../../engine/contract/config.ts';
import { ARCH_LIMITS } from '../../../engine/contract/arch/spec.ts';
import { CONV_LIMITS, DEFAULT_CONV, formatConv, parseConv, type ConvParams } from './convArithmetic.ts';

export interface ExploreView {
  readonly net: string;
  /** The architecture beside it, or null. */
  readonly cmp: string | null;
  /** Input height and width; null: the net's own. */
  readonly size: number | null;
  /** Unfolded blocks, by row name. */
  readonly open: readonly string[];
  /** The layer whose receptive field is drawn; null: the last. */
  readonly layer: string | null;
  readonly conv: ConvParams;
}

export const DEFAULT_EXPLORE: ExploreView = { net: 'vgg16', cmp: null, size: null, open: [], layer: null, conv: DEFAULT_CONV };

export const EXPLORE_KEYS = ['net', 'cmp', 'insize', 'open', 'layer', 'conv'] as const;
export type ExploreKey = (typeof EXPLORE_KEYS)[number];

export const SIZE_RANGE = [8, 1024] as const;
const MAX_OPEN = 256, MAX_NAME = 200;

const shorten = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
const problem = (key: string, value: string, accepted: string): ConfigProblem =>
  ({ key, value: shorten(value), accepted, used: 'the default', message: `${key}=${shorten(value)} is not ${accepted}; using the default` });

/** The explorer's keys from a link (already percent-decoded); undefined when none is there. */
export function parseExplore(values: ReadonlyMap<ExploreKey, string>, problems: ConfigProblem[]): ExploreView | undefined {
  if (values.size === 0) return undefined;
  let view = DEFAULT_EXPLORE;
  for (const [key, value] of values) {
    switch (key) {
      case 'net': case 'cmp':
        if (value.length > 0 && value.length <= ARCH_LIMITS.maxLength) view = { ...view, [key]: value };
        else if (value.length > 0) problems.push(problem(key, value, `a name or a spec of at most ${ARCH_LIMITS.maxLength} characters`));
        break;
      case 'insize': {
        const n = /^\d{1,4}$/.test(value) ? Number(value) : NaN;
        if (n >= SIZE_RANGE[0] && n <= SIZE_RANGE[1]) view = { ...view, size: n };
        else problems.push(problem(key, value, `an integer in ${SIZE_RANGE[0]}..${SIZE_RANGE[1]}`));
        break;
      }
      case 'open': {
        const items = value.split(',').filter((n) => n !== '');
        const named = (n: string) => /^[A-Za-z0-9_.]{1,200}$/.test(n);
        const names = items.filter(named).slice(0, MAX_OPEN);
        view = { ...view, open: [...new Set(names)] };
        // What was dropped is named, as for every other key: the first such item and how many more.
        const dropped = items.filter((n) => !named(n));
        if (dropped.length > 0) {
          const more = dropped.length > 1 ? ` (and ${dropped.length - 1} more)` : '';
          problems.push({ key, value: shorten(dropped[0]), accepted: 'block names (letters, digits, _ and .)', used: 'ignored', message: `open: "${shorten(dropped[0])}" is not a block name${more}; ignored` });
        }
        break;
      }
      case 'layer':
        if (/^[A-Za-z0-9_.]{1,200}$/.test(value) && value.length <= MAX_NAME) view = { ...view, layer: value };
        else problems.push(problem(key, value, 'a layer name'));
        break;
      case 'conv': {
        const conv = parseConv(value);
        if (conv) view = { ...view, conv };
        else problems.push(problem(key, value, `n-k-s-p-d-t-op-cin-cout within ${Object.entries(CONV_LIMITS).map(([k, [a, b]]) => `${k} ${a}..${b}`).join(', ')}`));
        break;
      }
    }
  }
  return view;
}

/** Readable in a link: commas, colons and brackets of a spec are left as they are. */
const encode = (s: string) => encodeURIComponent(s).replace(/%2C/g, ',').replace(/%3A/g, ':');

/** The link's parts for the keys away from their defaults. */
export function formatExplore(view: ExploreView | undefined): string[] {
  if (!view) return [];
  const parts: string[] = [];
  if (view.net !== DEFAULT_EXPLORE.net) parts.push(`net=${encode(view.net)}`);
  if (view.cmp !== null) parts.push(`cmp=${encode(view.cmp)}`);
  if (view.size !== null) parts.push(`insize=${view.size}`);
  if (view.open.length > 0) parts.push(`open=${view.open.join(',')}`);
  if (view.layer !== null) parts.push(`layer=${view.layer}`);
  if (formatConv(view.conv) !== formatConv(DEFAULT_CONV)) parts.push(`conv=${formatConv(view.conv)}`);
  return parts;
}
