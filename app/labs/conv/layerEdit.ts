/**
 * The spec as a list of layers: each top-level item of a parsed spec as a row of fields, edits that
 * give a new spec, and the text printed back with the contract's grammar. Every edit is checked by
 * printing the edited spec and parsing it again (the grammar's own limits and messages), so the
 * text and the list never disagree: a row shows exactly what parseArch(text) gives.
 */
import { formatArch, parseArch } from '../../../engine/contract/arch/grammar.ts';
import { ACTIVATION_NAMES, type ArchItem, type ArchSpec } from '../../../engine/contract/arch/spec.ts';

export type FieldType = 'int' | 'padding' | 'flag' | 'choice';

export interface LayerField {
  readonly key: string;
  readonly label: string;
  readonly type: FieldType;
  readonly min?: number;
  readonly choices?: readonly string[];
}

const int = (key: string, label: string, min = 1): LayerField => ({ key, label, type: 'int', min });
const flag = (key: string, label: string): LayerField => ({ key, label, type: 'flag' });

/** The editable fields of each kind (a group, aux head or repeat's inner item is edited as text). */
export const LAYER_FIELDS: Readonly<Record<ArchItem['kind'], readonly LayerField[]>> = {
  conv: [int('kh', 'kernel'), int('kw', 'kernel width'), int('out', 'channels'), int('stride', 'stride'), { key: 'padding', label: 'padding', type: 'padding' },
    int('dilation', 'dilation'), int('groups', 'groups'), flag('bias', 'bias')],
  pool: [{ key: 'op', label: 'op', type: 'choice', choices: ['max', 'avg'] }, int('kernel', 'kernel'), int('stride', 'stride'), int('padding', 'padding', 0), flag('ceil', 'ceil')],
  gap: [],
  adaptive: [int('size', 'size')],
  flatten: [],
  fc: [int('out', 'units'), flag('bias', 'bias')],
  bn: [],
  act: [{ key: 'fn', label: 'activation', type: 'choice', choices: ACTIVATION_NAMES }],
  res: [int('out', 'channels'), int('stride', 'stride')],
  bneck: [int('width', 'width'), int('out', 'channels'), int('stride', 'stride'), int('groups', 'groups')],
  inception: [int('c1', '1x1'), int('r3', '3x3 red.'), int('c3', '3x3'), int('r5', '5x5 red.'), int('c5', '5x5'), int('pool', 'pool proj.'), int('k5', '5x5 kernel'), flag('bn', 'bn')],
  dense: [int('layers', 'layers'), int('growth', 'growth'), int('bottleneck', 'bottleneck', 0)],
  transition: [int('out', 'channels')],
  aux: [],
  group: [],
  repeat: [int('times', 'times')],
};

/** The kinds a row can be switched to, each with a default that parses on its own. */
export const NEW_LAYERS: Readonly<Record<string, string>> = {
  conv: 'conv3-16', pool: 'max2', gap: 'gap', adaptive: 'adapt1', flatten: 'flatten', fc: 'fc10', bn: 'bn', act: 'relu',
  res: 'res16', bneck: 'bneck8-32', inception: 'inc8-8-8-4-4-4', dense: 'dense2-8', transition: 'trans16',
};

/** A field's value as its input shows it. */
export function fieldValue(item: ArchItem, key: string): string {
  if (item.kind === 'conv' && (key === 'kh' || key === 'kw')) return String(item.kernel[key === 'kh' ? 0 : 1]);
  const v = (item as unknown as Record<string, unknown>)[key];
  return typeof v === 'boolean' ? (v ? 'on' : 'off') : String(v);
}

export type EditResult = { readonly spec: ArchSpec; readonly problem: null } | { readonly spec: null; readonly problem: string };

/** A spec checked by the round trip through the grammar: the printed text must parse back to it. */
function checked(items: readonly ArchItem[]): EditResult {
  const spec: ArchSpec = { items };
  const parsed = parseArch(formatArch(spec));
  if (!parsed.spec) return { spec: null, problem: parsed.problems[0]?.message.replace(/^at \d+: /, '') ?? 'does not parse' };
  return { spec: parsed.spec, problem: null };
}

/** Set one field of row `index` from what its input holds; a value the grammar refuses gives its reason. */
export function setField(spec: ArchSpec, index: number, key: string, raw: string): EditResult {
  const item = spec.items[index];
  const field = item && LAYER_FIELDS[item.kind].find((f) => f.key === key);
  if (!item || !field) return { spec: null, problem: 'no such field' };
  let value: unknown;
  const text = raw.trim();
  if (field.type === 'flag') value = text === 'on' || text === 'true';
  else if (field.type === 'choice') {
    if (!field.choices!.includes(text)) return { spec: null, problem: `one of ${field.choices!.join(', ')}` };
    value = text;
  } else if (field.type === 'padding' && text === 'half') value = 'half';
  else {
    if (!/^[0-9]{1,7}$/.test(text)) return { spec: null, problem: `${field.label}: a whole number${field.type === 'padding' ? ' or half' : ''}` };
    value = Number(text);
    if ((value as number) < (field.min ?? 0)) return { spec: null, problem: `${field.label}: at least ${field.min ?? 0}` };
  }
  let next: ArchItem;
  if (item.kind === 'conv' && (key === 'kh' || key === 'kw')) {
    const kernel: [number, number] = key === 'kh' ? [value as number, item.kernel[1]] : [item.kernel[0], value as number];
    next = { ...item, kernel };
  } else {
    next = { ...item, [key]: value } as ArchItem;
  }
  return checked(spec.items.map((it, i) => (i === index ? next : it)));
}

/** Row `index` replaced by a fresh layer of `kind` (its label kept). */
export function setKind(spec: ArchSpec, index: number, kind: string): EditResult {
  const item = spec.items[index];
  const fresh = NEW_LAYERS[kind] === undefined ? null : parseArch(NEW_LAYERS[kind]).spec?.items[0];
  if (!item || !fresh) return { spec: null, problem: 'no such layer kind' };
  const next = item.label === undefined ? fresh : { ...fresh, label: item.label };
  return checked(spec.items.map((it, i) => (i === index ? next : it)));
}

/** A ReLU after row `index` (-1: at the start). */
export function insertAfter(spec: ArchSpec, index: number, text = 'relu'): EditResult {
  const fresh = parseArch(text).spec?.items ?? [];
  return checked([...spec.items.slice(0, index + 1), ...fresh, ...spec.items.slice(index + 1)]);
}

export function removeAt(spec: ArchSpec, index: number): EditResult {
  if (spec.items.length <= 1) return { spec: null, problem: 'a network needs a layer' };
  return checked(spec.items.filter((_, i) => i !== index));
}

/** Row `index` moved up (-1) or down (+1). */
export function move(spec: ArchSpec, index: number, by: -1 | 1): EditResult {
  const to = index + by;
  if (to < 0 || to >= spec.items.length) return { spec: null, problem: 'nowhere to move' };
  const items = [...spec.items];
  [items[index], items[to]] = [items[to], items[index]];
  return checked(items);
}

/** A row's short name: its label (if any) and what it is, as the grammar writes it. */
export function rowText(item: ArchItem): string {
  return formatArch({ items: [item] });
}

// --- batch norm after each conv --------------------------------------------------------------

const isConv = (item: ArchItem | undefined) => item !== undefined && item.kind === 'conv';
const isBn = (item: ArchItem | undefined) => item !== undefined && item.kind === 'bn' && item.label === undefined;

/** Counts the plain convs in a sequence (groups, aux heads and repeats opened) and those with a bn right after. */
function countConvs(items: readonly ArchItem[]): { convs: number; withBn: number } {
  let convs = 0, withBn = 0;
  items.forEach((item, i) => {
    if (item.kind === 'conv') { convs++; if (isBn(items[i + 1])) withBn++; }
    const inner = item.kind === 'group' || item.kind === 'aux' ? item.items : item.kind === 'repeat' ? [item.item] : null;
    if (inner) { const c = countConvs(inner); convs += c.convs; withBn += c.withBn; }
  });
  return { convs, withBn };
}

/** 'on' when every plain conv has a bn right after it, 'off' when none has, 'mixed' otherwise; null without plain convs. */
export function batchNormState(spec: ArchSpec): 'on' | 'off' | 'mixed' | null {
  const { convs, withBn } = countConvs(spec.items);
  if (convs === 0) return null;
  return withBn === convs ? 'on' : withBn === 0 ? 'off' : 'mixed';
}

function rewrite(items: readonly ArchItem[], on: boolean): ArchItem[] {
  const out: ArchItem[] = [];
  items.forEach((item, i) => {
    if (!on && isBn(item) && isConv(items[i - 1])) return;
    if (item.kind === 'group' || item.kind === 'aux') out.push({ ...item, items: rewrite(item.items, on) });
    else if (item.kind === 'repeat') {
      // a repeated conv becomes a repeated (conv, bn)
      const inner: ArchItem = on && item.item.kind === 'conv' ? { kind: 'group', items: [item.item, { kind: 'bn' }] } : rewrite([item.item], on)[0];
      out.push({ ...item, item: inner });
    } else out.push(item);
    if (on && item.kind === 'conv' && !isBn(items[i + 1])) out.push({ kind: 'bn' });
  });
  return out;
}

/** The spec with a batch norm after every plain conv (on), or with each bn right after a conv removed (off). */
export function withBatchNorm(spec: ArchSpec, on: boolean): ArchSpec {
  return { items: rewrite(spec.items, on) };
}
