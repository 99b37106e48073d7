/**
 * The network drawing's layout: boxes top to bottom in the order of the table, folded blocks as one
 * box, open blocks as their parts: an Inception module's branches side by side into a concat, a
 * residual block's layers with the skip beside them into the sum, a dense block's concatenation.
 * Each box is sized by its output shape (width: channels, height: spatial size) or by its cost (MACs).
 */
import type { ArchRow } from '../../../engine/contract/arch/shapePass.ts';

export type SizeBy = 'shape' | 'cost';

export interface Box {
  readonly name: string;
  readonly label: string;
  readonly kind: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  /** A thin line (activation, batch norm, sum): drawn, not labelled. */
  readonly thin: boolean;
}

/** A skip connection (residual) or concatenation (dense): a line on the right from y1 to y2. */
export interface Arc { readonly kind: 'skip' | 'concat'; readonly x: number; readonly y1: number; readonly y2: number; readonly label: string }

/** A frame around an open block. */
export interface Frame { readonly name: string; readonly kind: string; readonly x: number; readonly y: number; readonly w: number; readonly h: number }

export interface Layout { readonly boxes: Box[]; readonly arcs: Arc[]; readonly frames: Frame[]; readonly width: number; readonly height: number }

const THIN = new Set(['relu', 'bn', 'add', 'flatten', 'sigmoid', 'tanh', 'gelu', 'elu', 'selu', 'leakyrelu', 'linear', 'softplus', 'swish', 'concat']);
const GAP = 3, INDENT = 6, HEADER = 11, ARC_ROOM = 18;

interface Scale { readonly maxC: number; readonly maxHW: number; readonly maxMacs: number; readonly sizeBy: SizeBy }

function scaleOf(rows: readonly ArchRow[], sizeBy: SizeBy): Scale {
  let maxC = 1, maxHW = 1, maxMacs = 1;
  const visit = (r: ArchRow) => {
    if (r.children) r.children.forEach(visit);
    else {
      maxC = Math.max(maxC, r.out[0]);
      if (r.out.length === 3) maxHW = Math.max(maxHW, r.out[1] * r.out[2]);
      maxMacs = Math.max(maxMacs, r.macs);
    }
  };
  rows.forEach(visit);
  return { maxC, maxHW, maxMacs, sizeBy };
}

const lastPart = (name: string) => name.slice(name.lastIndexOf('.') + 1);

export function layoutNetwork(rows: readonly ArchRow[], open: ReadonlySet<string>, sizeBy: SizeBy, width = 240): Layout {
  const out: Layout = { boxes: [], arcs: [], frames: [], width, height: 0 };
  const scale = scaleOf(rows, sizeBy);
  const end = sequence(rows, open, scale, 0, width, 0, out);
  return { ...out, height: end };
}

function sequence(rows: readonly ArchRow[], open: ReadonlySet<string>, s: Scale, x: number, w: number, y: number, out: Layout): number {
  for (const row of rows) y = item(row, open, s, x, w, y, out) + GAP;
  return rows.length > 0 ? y - GAP : y;
}

function item(row: ArchRow, open: ReadonlySet<string>, s: Scale, x: number, w: number, y: number, out: Layout): number {
  const isOpen = (row.children?.length ?? 0) > 0 && open.has(row.name);
  const residual = row.kind === 'residual' || row.kind === 'bottleneck';
  if (!isOpen) {
    const end = box(row, s, residual ? x : x, residual ? w - ARC_ROOM : w, y, out);
    if (residual) out.arcs.push({ kind: 'skip', x: x + w - ARC_ROOM / 2, y1: y, y2: end, label: '+' });
    if (row.kind === 'denseblock') out.arcs.push({ kind: 'concat', x: x + w - ARC_ROOM / 2, y1: y, y2: end, label: '‖' });
    return end;
  }
  const children = row.children!;
  const top = y;
  y += HEADER;
  const ix = x + INDENT, iw = w - 2 * INDENT;
  if (row.kind === 'inception') {
    const branches = children.filter((c) => c.kind === 'branch');
    const bw = (iw - GAP * (branches.length - 1)) / Math.max(1, branches.length);
    let bottom = y;
    branches.forEach((b, i) => { bottom = Math.max(bottom, sequence(b.children ?? [b], open, s, ix + i * (bw + GAP), bw, y, out)); });
    y = bottom + GAP;
    const concat = children.find((c) => c.kind === 'concat');
    if (concat) y = box(concat, s, ix, iw, y, out, true);
  } else if (residual) {
    const branch = children.filter((c) => !c.name.includes('.downsample.'));
    const main = branch.slice(0, -2), rest = branch.slice(-2); // the sum and the ReLU after it
    const start = y;
    y = sequence(main, open, s, ix, iw - ARC_ROOM, y, out) + GAP;
    const projection = children.some((c) => c.name.includes('.downsample.'));
    out.arcs.push({ kind: 'skip', x: ix + iw - ARC_ROOM / 2, y1: start, y2: y, label: projection ? '1x1' : '+' });
    y = sequence(rest, open, s, ix, iw, y, out);
  } else {
    const start = y;
    const dense = row.kind === 'denseblock';
    y = sequence(children, open, s, ix, dense ? iw - ARC_ROOM : iw, y, out);
    if (dense) out.arcs.push({ kind: 'concat', x: ix + iw - ARC_ROOM / 2, y1: start, y2: y, label: '‖' });
  }
  y += INDENT / 2;
  out.frames.push({ name: row.name, kind: row.kind, x, y: top, w, h: y - top });
  return y;
}

function box(row: ArchRow, s: Scale, x: number, w: number, y: number, out: Layout, forceThin = false): number {
  const thin = forceThin || (THIN.has(row.kind) && !row.children);
  let bw = w, bh = 3;
  if (!thin) {
    const c = row.out[0], hw = row.out.length === 3 ? row.out[1] * row.out[2] : 1;
    if (s.sizeBy === 'shape') {
      bw = w * (0.25 + 0.75 * Math.log2(c + 1) / Math.log2(s.maxC + 1));
      bh = 12 + 16 * Math.sqrt(hw / s.maxHW);
    } else {
      bw = w * (0.2 + 0.8 * Math.sqrt(row.macs / s.maxMacs));
      bh = 12 + 16 * Math.sqrt(row.macs / s.maxMacs);
    }
  }
  out.boxes.push({ name: row.name, label: `${lastPart(row.name)} ${row.out.join('×')}`, kind: row.kind, x: x + (w - bw) / 2, y, w: bw, h: bh, thin });
  return y + bh;
}
