/**
 * The architecture table's rows: a name or a spec resolved and run through the shape pass, the tree
 * cut where blocks are folded, the numbers formatted, and everything flattened for the exports.
 */
import type { ArchProblem } from '../../../engine/contract/arch/grammar.ts';
import { ARCH_NAMES, resolveArch } from '../../../engine/contract/arch/named/index.ts';
import { analyseArch, flattenRows, type ArchReport, type ArchRow } from '../../../engine/contract/arch/shapePass.ts';
import type { ChartData } from '../../export/chartData.ts';

export { ARCH_NAMES };

export interface Analysed {
  readonly report: ArchReport | null;
  /** Grammar problems, each with its character offset. */
  readonly problems: readonly ArchProblem[];
  readonly named: boolean;
}

const cache = new Map<string, Analysed>();

/** The report for a name or a spec at an input size (the net's own when null), or on a whole input shape. Cached: the table, the drawing and the receptive field ask for the same one. */
export function analyse(text: string, size: number | null, shape: readonly number[] | null = null): Analysed {
  const key = `${size}|${shape?.join('x') ?? ''}|${text}`;
  let hit = cache.get(key);
  if (!hit) {
    const resolved = resolveArch(text);
    if (resolved.spec === null) hit = { report: null, problems: resolved.problems, named: false };
    else {
      const base = resolved.named?.input ?? [3, 224, 224];
      const input = shape ?? (size === null || base.length !== 3 ? base : [base[0], size, size]);
      hit = { report: analyseArch(resolved.spec, input), problems: [], named: resolved.named !== null };
    }
    if (cache.size > 64) cache.clear();
    cache.set(key, hit);
  }
  return hit;
}

export interface VisibleRow {
  readonly row: ArchRow;
  readonly depth: number;
  readonly open: boolean;
  readonly foldable: boolean;
}

/** The rows on screen: every top-level row, and the children of each open one. */
export function visibleRows(rows: readonly ArchRow[], open: ReadonlySet<string>, depth = 0): VisibleRow[] {
  return rows.flatMap((row) => {
    const foldable = (row.children?.length ?? 0) > 0;
    const isOpen = foldable && open.has(row.name);
    const self: VisibleRow = { row, depth, open: isOpen, foldable };
    return isOpen ? [self, ...visibleRows(row.children!, open, depth + 1)] : [self];
  });
}

/** Every block name, to unfold all. */
export function blockNames(rows: readonly ArchRow[]): string[] {
  return flattenRows(rows).filter((r) => (r.children?.length ?? 0) > 0).map((r) => r.name);
}

export const shapeText = (shape: readonly number[]) => shape.join('×');

/** 138,357,544 */
export const exact = (n: number) => n.toLocaleString('en-US');

/** 138.4M, 15.5G, 4.1k */
export function compact(n: number): string {
  const abs = Math.abs(n);
  for (const [unit, scale] of [['G', 1e9], ['M', 1e6], ['k', 1e3]] as const) {
    if (abs >= scale) return `${(n / scale).toFixed(abs >= 100 * scale ? 0 : 1)}${unit}`;
  }
  return String(n);
}

/** Bytes of float32 activations per example, as MB. */
export const memoryText = (floats: number) => `${((floats * 4) / 2 ** 20).toFixed(floats * 4 >= 10 * 2 ** 20 ? 0 : 1)} MB`;

export const TABLE_COLUMNS = ['Layer', 'Kind', 'Output', 'Parameters', 'MACs', 'Receptive field', 'Jump', 'Activations (floats)'] as const;

/** Every row (blocks and their layers), full precision, for CSV and JSON. */
export function tableData(report: ArchReport): ChartData {
  return {
    columns: [...TABLE_COLUMNS],
    rows: flattenRows(report.rows).map((r) => [r.name, r.kind, shapeText(r.out), r.params, r.macs, r.rf, r.jump, r.activations]),
  };
}

export interface Totals { readonly params: string; readonly macs: string; readonly memory: string; readonly output: string }

export function totalsText(report: ArchReport): Totals {
  return {
    params: compact(report.totals.params),
    macs: compact(report.totals.macs),
    memory: memoryText(report.totals.activations),
    output: report.output ? shapeText(report.output) : '—',
  };
}

/** The layers (no blocks) in order, auxiliary heads left out, up to and including the one named (every one when absent). */
export function pathTo(rows: readonly ArchRow[], name: string | null): ArchRow[] {
  const leaves: ArchRow[] = [];
  const visit = (r: ArchRow) => {
    if (r.kind === 'aux') return;
    if (r.children) r.children.forEach(visit);
    else leaves.push(r);
  };
  rows.forEach(visit);
  if (name === null) return leaves;
  const prefix = `${name}.`;
  let last = -1;
  leaves.forEach((r, i) => { if (r.name === name || r.name.startsWith(prefix)) last = i; });
  return last < 0 ? leaves : leaves.slice(0, last + 1);
}

/** A row by name, anywhere in the tree. */
export function findRow(rows: readonly ArchRow[], name: string | null): ArchRow | null {
  if (name === null) return null;
  return flattenRows(rows).find((r) => r.name === name) ?? null;
}
