/**
 * The numbers behind the residual panels' charts by layer and by block, from the per-layer probes
 * of every run: the gradient norm per hidden layer, each block's Jacobian norm, and the residual
 * stream's second moment with its theory. Pure: probes in, LineSeries and table rows out.
 */
import { STAT, stat, type ProbeData, type StatField } from '../../../engine/contract/probeLayout.ts';
import { MUTED } from '../../charts/chartColors.ts';
import type { Cell, TableColumn, TableRow } from '../../charts/DataTable.tsx';
import type { LineSeries } from '../../charts/lineSeries.ts';
import { MARKER_SHAPES } from '../../charts/Marker.tsx';
import { formatNumber, formatReading, OVERFLOW, readSecondMoment, type Reading } from '../../format/number.ts';

/** One run as the charts by layer take it: its name, colour and probe (hidden layers only). */
export interface LayerRun {
  readonly name: string;
  readonly color: string;
  readonly probe: ProbeData | null;
}

export interface LayerTable {
  readonly columns: TableColumn[];
  readonly rows: TableRow[];
}

/** A probe field, or NaN when this engine does not measure it (an older worker). */
function field(probe: ProbeData, layer: number, name: StatField): number {
  return (STAT as Readonly<Record<string, number | undefined>>)[name] === undefined ? NaN : stat(probe, layer, name);
}

const shapeOf = (i: number) => MARKER_SHAPES[i % MARKER_SHAPES.length];
/** The run's name, or what the chart measures when it is the only run. */
const labelOf = (run: LayerRun, alone: string) => run.name || alone;

// ---------------------------------------------------------------------------------------------
// (a) Gradient norm per hidden layer.

/** ‖∂L/∂h‖ of each hidden layer of a run (overflow where any entry was not finite). */
export function gradientNorms(probe: ProbeData): Reading[] {
  return Array.from({ length: probe.depth }, (_, l) => readSecondMoment(stat(probe, l, 'gradNorm'), stat(probe, l, 'nonFiniteGrad')));
}

export function gradientNormSeries(runs: readonly LayerRun[]): LineSeries[] {
  return runs.flatMap((run, i) => run.probe
    ? [{ id: `run-${i}`, label: labelOf(run, '‖∂L/∂h‖'), color: run.color, kind: 'measured' as const, marker: shapeOf(i), values: gradientNorms(run.probe) }]
    : []);
}

/** One row per hidden layer (of the deepest run), one column per run; '—' past a run's depth. */
export function gradientNormTable(runs: readonly LayerRun[]): LayerTable {
  const shown = runs.filter((r) => r.probe);
  const norms = shown.map((r) => gradientNorms(r.probe!));
  const depth = Math.max(0, ...norms.map((n) => n.length));
  return {
    columns: shown.map((r) => ({ header: labelOf(r, '‖∂L/∂h‖') })),
    rows: Array.from({ length: depth }, (_, l) => ({ key: l + 1, header: String(l + 1), cells: norms.map((n) => n[l] ?? null) })),
  };
}

/** "‖∂L/∂h‖ by hidden layer, log scale. plain: 3e-9 at layer 1 to 0.9 at layer 50. residual: …". */
export function describeGradientNorms(runs: readonly LayerRun[]): string {
  const parts = runs.filter((r) => r.probe).map((r) => {
    const n = gradientNorms(r.probe!);
    return `${labelOf(r, 'measured')}: ${endsOf(n, 'layer')}`;
  });
  return `Gradient norm ‖∂L/∂h‖ by hidden layer, log scale. ${parts.join('. ')}.`;
}

// ---------------------------------------------------------------------------------------------
// (b), (c) Quantities per block: defined on the layer that ends a block, NaN on the others.

/** One block of a run: where it ends (1-based hidden layer), where it starts, and the values there. */
export interface BlockPoint {
  /** 1-based block number. */
  readonly block: number;
  readonly firstLayer: number;
  readonly lastLayer: number;
  readonly values: readonly number[];
}

/**
 * The blocks of a probe: the layers where the first field is defined (not NaN), in order, with
 * every field's value there. A block starts after the previous one ends.
 */
export function blocksOf(probe: ProbeData, fields: readonly StatField[]): BlockPoint[] {
  const out: BlockPoint[] = [];
  let previousEnd = 0;
  for (let l = 0; l < probe.depth; l++) {
    const first = field(probe, l, fields[0]);
    if (Number.isNaN(first)) continue;
    out.push({ block: out.length + 1, firstLayer: previousEnd + 1, lastLayer: l + 1, values: fields.map((f) => field(probe, l, f)) });
    previousEnd = l + 1;
  }
  return out;
}

/** A norm or second moment per block as a log axis takes it; NaN (not measured) is not defined. */
function blockReading(x: number): Reading | null {
  if (Number.isNaN(x)) return null;
  return x === Infinity ? OVERFLOW : readSecondMoment(x);
}

const layersText = (b: BlockPoint) => (b.firstLayer === b.lastLayer ? String(b.lastLayer) : `${b.firstLayer}–${b.lastLayer}`);

/** The rows of a per-block table: one per block of the run with the most, its layers from the first run that has it. */
function blockRows(blocks: readonly (readonly BlockPoint[])[], cells: (k: number) => Cell[]): TableRow[] {
  const count = Math.max(0, ...blocks.map((b) => b.length));
  return Array.from({ length: count }, (_, k) => {
    const at = blocks.find((b) => b[k])?.[k];
    return { key: k + 1, header: String(k + 1), cells: [at ? layersText(at) : null, ...cells(k)] };
  });
}

/** The horizontal line at 1 of the Jacobian chart: a block that keeps the gradient's norm. */
export const IDENTITY_ID = 'norm-kept';

/** (b) ‖∂x(k+1)/∂x(k)‖ per block for every run that measures it, and a dashed line at 1. */
export function jacobianSeries(runs: readonly LayerRun[]): LineSeries[] {
  const lines: LineSeries[] = runs.flatMap((run, i) => {
    const blocks = run.probe ? blocksOf(run.probe, ['blockJacobian']) : [];
    return blocks.length === 0 ? [] : [{
      id: `run-${i}`, label: labelOf(run, '‖∂x(k+1)/∂x(k)‖'), color: run.color, kind: 'measured' as const, marker: shapeOf(i),
      values: blocks.map((b) => blockReading(b.values[0])),
    }];
  });
  const count = Math.max(0, ...lines.map((l) => l.values.length));
  if (count === 0) return [];
  return [...lines, { id: IDENTITY_ID, label: '1: the gradient’s norm kept', color: MUTED, kind: 'theory', values: Array.from({ length: count }, () => ({ kind: 'value', value: 1 })) }];
}

export function jacobianTable(runs: readonly LayerRun[]): LayerTable {
  const shown = runs.filter((r) => r.probe && blocksOf(r.probe, ['blockJacobian']).length > 0);
  const blocks = shown.map((r) => blocksOf(r.probe!, ['blockJacobian']));
  return {
    columns: [{ header: 'Layers' }, ...shown.map((r) => ({ header: labelOf(r, '‖∂x(k+1)/∂x(k)‖') }))],
    rows: blockRows(blocks, (k) => blocks.map((b) => (b[k] ? blockReading(b[k].values[0]) : null))),
  };
}

export function describeJacobian(runs: readonly LayerRun[]): string {
  const parts = runs.flatMap((r) => {
    const blocks = r.probe ? blocksOf(r.probe, ['blockJacobian']) : [];
    return blocks.length === 0 ? [] : [`${labelOf(r, 'measured')}: ${endsOf(blocks.map((b) => blockReading(b.values[0])), 'block')}`];
  });
  return `Jacobian norm ‖∂x(k+1)/∂x(k)‖ of each block, log scale, with a dashed line at 1. ${parts.join('. ')}.`;
}

/** (c) The residual stream's second moment E[x²] after each block, measured (solid) and predicted (dashed). */
export function streamSeries(runs: readonly LayerRun[]): LineSeries[] {
  return runs.flatMap((run, i) => {
    const blocks = run.probe ? blocksOf(run.probe, ['streamM2', 'theoryStreamM2']) : [];
    if (blocks.length === 0) return [];
    const name = run.name;
    const out: LineSeries[] = [{
      id: `run-${i}`, label: name ? `${name}` : 'measured', color: run.color, kind: 'measured', marker: shapeOf(i),
      values: blocks.map((b) => blockReading(b.values[0])),
    }];
    const theory = blocks.map((b) => blockReading(b.values[1]));
    if (theory.some((t) => t !== null)) out.push({ id: `theory-${i}`, label: name ? `${name}, theory` : 'theory', color: run.color, kind: 'theory', values: theory });
    return out;
  });
}

/** Measured, predicted and the measured growth per block (E[x²] after it over E[x²] before it), per run. */
export function streamTable(runs: readonly LayerRun[]): LayerTable {
  const shown = runs.filter((r) => r.probe && blocksOf(r.probe, ['streamM2']).length > 0);
  const blocks = shown.map((r) => blocksOf(r.probe!, ['streamM2', 'theoryStreamM2']));
  const grouped = shown.length > 1;
  const columns: TableColumn[] = [{ header: 'Layers' }];
  for (const r of shown) {
    const group = grouped ? r.name : undefined;
    const g = group !== undefined ? { group } : {};
    columns.push({ header: 'measured E[x²]', ...g }, { header: 'theory E[x²]', ...g }, { header: 'growth ×', ...g });
  }
  return {
    columns,
    rows: blockRows(blocks, (k) => blocks.flatMap((b) => {
      const at = b[k];
      if (!at) return [null, null, null];
      const before = b[k - 1]?.values[0];
      const growth = before !== undefined && Number.isFinite(before) && before > 0 && Number.isFinite(at.values[0]) ? formatNumber(at.values[0] / before, 3) : null;
      return [blockReading(at.values[0]), blockReading(at.values[1]), growth];
    })),
  };
}

export function describeStream(runs: readonly LayerRun[]): string {
  const parts = runs.flatMap((r) => {
    const blocks = r.probe ? blocksOf(r.probe, ['streamM2', 'theoryStreamM2']) : [];
    if (blocks.length === 0) return [];
    const theory = blocks.map((b) => blockReading(b.values[1]));
    const measured = `${labelOf(r, 'measured')}: ${endsOf(blocks.map((b) => blockReading(b.values[0])), 'block')}`;
    return [theory.some((t) => t !== null) ? `${measured}; theory ${endsOf(theory, 'block')}` : measured];
  });
  return `Second moment E[x²] of the residual stream after each block, log scale. ${parts.join('. ')}.`;
}

/** "0.5 at layer 1 to 2e-6 at layer 20". */
function endsOf(values: readonly (Reading | null)[], unit: 'layer' | 'block'): string {
  const n = values.length;
  const read = (v: Reading | null | undefined) => (v ? formatReading(v) : 'not defined');
  if (n === 0) return `no ${unit}s`;
  if (n === 1) return `${read(values[0])} at ${unit} 1`;
  return `${read(values[0])} at ${unit} 1 to ${read(values[n - 1])} at ${unit} ${n}`;
}

// ---------------------------------------------------------------------------------------------
// One-line readings of the numbers each chart shows, so a panel's words never go beyond its chart.

/** "0.8–2.5" over the finite values (one number when they agree to 2 digits), or null. */
export function rangeText(values: readonly number[]): string | null {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return null;
  const lo = formatNumber(Math.min(...finite), 2), hi = formatNumber(Math.max(...finite), 2);
  return lo === hi ? lo : `${lo}–${hi}`;
}

const prefix = (runs: readonly unknown[]) => (runs.length > 1 ? 'these runs' : 'this run');

/** "this run: plain blocks 0.8–2.5, residual 0.9–1.5": each run's block Jacobians, lowest to highest. */
export function readJacobian(runs: readonly LayerRun[]): string | null {
  const parts = runs.flatMap((r) => {
    const range = r.probe ? rangeText(blocksOf(r.probe, ['blockJacobian']).map((b) => b.values[0])) : null;
    return range === null ? [] : [`${r.name || 'blocks'} ${range}`];
  });
  if (parts.length === 0) return null;
  const below = runs.flatMap((r) => (r.probe ? blocksOf(r.probe, ['blockJacobian']).map((b) => b.values[0]) : [])).filter(Number.isFinite);
  const under = below.filter((v) => v < 1).length;
  return `${prefix(parts)}: ${parts.join(', ')} (${under} of ${below.length} blocks below 1).`;
}

/** "this run: plain ‖∂L/∂h‖ at layer 1 is 2e-6 of the top layer's, residual 1.3×": bottom over top per run. */
export function readGradientNorms(runs: readonly LayerRun[]): string | null {
  const parts = runs.flatMap((r) => {
    if (!r.probe || r.probe.depth < 2) return [];
    const bottom = stat(r.probe, 0, 'gradNorm'), top = stat(r.probe, r.probe.depth - 1, 'gradNorm');
    if (!Number.isFinite(bottom) || !Number.isFinite(top) || top === 0) return [];
    return [`${r.name || 'layer 1 over the top layer'} ×${formatNumber(bottom / top, 2)}`];
  });
  return parts.length === 0 ? null : `${prefix(parts)}: ‖∂L/∂h‖ at layer 1 over the top layer’s, ${parts.join(', ')}.`;
}

/** "this run: ×1.9–2.1 per block (theory ×2–2)": the measured and predicted growth of E[x²] per block. */
export function readStream(runs: readonly LayerRun[]): string | null {
  const parts = runs.flatMap((r) => {
    const blocks = r.probe ? blocksOf(r.probe, ['streamM2', 'theoryStreamM2']) : [];
    const growth = (i: number) => blocks.slice(1).map((b, k) => b.values[i] / blocks[k].values[i]);
    const measured = rangeText(growth(0));
    if (measured === null) return [];
    const theory = rangeText(growth(1));
    return [`${r.name ? `${r.name} ` : ''}×${measured} per block${theory ? ` (theory ×${theory})` : ''}`];
  });
  return parts.length === 0 ? null : `${prefix(parts)}: E[x²] ${parts.join(', ')}.`;
}
