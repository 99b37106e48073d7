/**
 * The initializer comparison as chart series and table rows: one line per COMPARISON_LINES entry,
 * in that order, each with its own colour and marker. Lines still being computed are null.
 */
import { COMPARISON_LINES, comparisonKey, type ComparisonLine, type ComparisonLineResult } from '../../../engine/contract/comparison.ts';
import type { Config } from '../../../engine/contract/config.ts';
import { seriesColor } from '../../charts/chartColors.ts';
import type { Cell, TableColumn, TableRow } from '../../charts/DataTable.tsx';
import { describeEnds, hiddenLayers } from '../../charts/describe.ts';
import type { LineSeries } from '../../charts/lineSeries.ts';
import { MARKER_SHAPES } from '../../charts/Marker.tsx';
import { readSecondMoment } from '../../format/number.ts';

export type Direction = 'forward' | 'backward';

export const DIRECTION_TEXT: Readonly<Record<Direction, { symbol: string; noun: string }>> = {
  forward: { symbol: 'E[h²]', noun: 'pre-activations h' },
  backward: { symbol: 'E[g²]', noun: 'gradients g = ∂L/∂h' },
};

/** Where the comparison in the store stands against the config on screen. */
export type ComparisonState = 'current' | 'previous' | 'none';

export function comparisonState(comparisonConfig: Config | null, config: Config): ComparisonState {
  if (comparisonConfig === null) return 'none';
  // The comparison overrides init, std, gain and const itself: any other key changed means rerun.
  return comparisonKey(comparisonConfig) === comparisonKey(config) ? 'current' : 'previous';
}

/** The comparison line the config itself is (same overrides), if any: it is drawn thicker. */
export function lineInUse(config: Config): ComparisonLine | null {
  return COMPARISON_LINES.find((line) =>
    (Object.keys(line.overrides) as (keyof ComparisonLine['overrides'])[]).every((k) => config[k] === line.overrides[k]),
  ) ?? null;
}

type Lines = readonly (ComparisonLineResult | null | undefined)[];

function measuredOf(r: ComparisonLineResult, d: Direction): Float64Array { return d === 'forward' ? r.preM2 : r.gradM2; }
function theoryOf(r: ComparisonLineResult, d: Direction): Float64Array { return d === 'forward' ? r.theoryPreM2 : r.theoryGradM2; }

export function comparisonDepth(lines: Lines): number {
  return lines.reduce((n, r) => Math.max(n, r ? r.preM2.length : 0), 0);
}

/** Every arrived line as a measured series (and its theory, dashed in the same colour, if asked). */
export function comparisonSeries(lines: Lines, direction: Direction, withTheory: boolean, inUse: string | null): LineSeries[] {
  const out: LineSeries[] = [];
  COMPARISON_LINES.forEach((line, i) => {
    const r = lines[i];
    if (!r) return;
    const color = seriesColor(i);
    if (withTheory) {
      out.push({ id: `${line.id}-theory`, label: `${line.label} theory`, color, kind: 'theory', values: Array.from(theoryOf(r, direction), (v) => readSecondMoment(v)) });
    }
    out.push({
      id: line.id, label: line.label, color, kind: 'measured', marker: MARKER_SHAPES[i % MARKER_SHAPES.length],
      values: Array.from(measuredOf(r, direction), (v) => readSecondMoment(v)), emphasis: line.id === inUse,
    });
  });
  return out;
}

export const COMPUTING = 'computing…';

/** Columns: each line's measured value (and theory); rows: one per layer. Missing lines read "computing…". */
export function comparisonTable(lines: Lines, direction: Direction, withTheory: boolean): { columns: TableColumn[]; rows: TableRow[] } {
  const columns: TableColumn[] = COMPARISON_LINES.flatMap((line) => withTheory
    ? [{ header: 'measured', group: line.label }, { header: 'theory', group: line.label }]
    : [{ header: line.label }]);
  const depth = comparisonDepth(lines);
  const rows = Array.from({ length: depth }, (_, l): TableRow => ({
    key: l + 1,
    header: String(l + 1),
    cells: COMPARISON_LINES.flatMap((_line, i): Cell[] => {
      const r = lines[i];
      if (!r) return withTheory ? [COMPUTING, COMPUTING] : [COMPUTING];
      const measured = readSecondMoment(measuredOf(r, direction)[l]);
      return withTheory ? [measured, readSecondMoment(theoryOf(r, direction)[l])] : [measured];
    }),
  }));
  return { columns, rows };
}

/** The chart in a few sentences, for its accessible name. */
export function describeComparison(lines: Lines, direction: Direction): string {
  const { symbol, noun } = DIRECTION_TEXT[direction];
  const depth = comparisonDepth(lines);
  const arrived: string[] = [];
  const missing: string[] = [];
  COMPARISON_LINES.forEach((line, i) => {
    const r = lines[i];
    if (r) arrived.push(`${line.label}: ${describeEnds(Array.from(measuredOf(r, direction), (v) => readSecondMoment(v)))}`);
    else missing.push(line.label);
  });
  return `Second moment ${symbol} of the ${noun} under ${COMPARISON_LINES.length} initializers, ${hiddenLayers(depth)}, log scale. `
    + (arrived.length > 0 ? `${arrived.join('; ')}.` : 'No line has arrived yet.')
    + (missing.length > 0 ? ` Still computing: ${missing.join(', ')}.` : '');
}
