import { useDeferredValue, useMemo, useState } from 'react';
import { COMPARISON_BATCH, COMPARISON_LINES } from '../../../engine/contract/comparison.ts';
import { ChartBox, lineChartHeight } from '../../charts/ChartBox.tsx';
import { PanelFrame } from '../../charts/PanelFrame.tsx';
import { seriesColor } from '../../charts/chartColors.ts';
import { ChoiceToggle, OptionCheckbox } from '../../charts/ChoiceToggle.tsx';
import { DataTable } from '../../charts/DataTable.tsx';
import { Legend } from '../../charts/Legend.tsx';
import { LogLineChart } from '../../charts/LogLineChart.tsx';
import { MARKER_SHAPES } from '../../charts/Marker.tsx';
import { useLab } from '../../store/LabContext.tsx';
import { PLACEHOLDER } from '../../charts/placeholder.ts';
import {
  COMPUTING, comparisonSeries, comparisonState, comparisonTable, describeComparison, DIRECTION_TEXT, lineInUse, type Direction,
} from './comparisonRows.ts';
import '../../charts/panels.css';

const PANEL_ID = 'comparison';

const DIRECTIONS = [
  { value: 'forward', label: 'forward: E[h²]' },
  { value: 'backward', label: 'backward: E[g²]' },
] as const satisfies readonly { value: Direction; label: string }[];

/**
 * (b) Initializers side by side: the same network under every initializer of the lecture, one line
 * each. The worker fills the lines in one by one after each probe; until a line arrives it says so.
 */
export function ComparisonPanel() {
  // Derived values, not the whole config: a slider moving through depths re-renders this panel only when they change.
  const state = useLab((s) => comparisonState(s.comparisonConfig, s.config));
  const inUse = useLab((s) => lineInUse(s.config)?.id ?? null);
  const lines = useDeferredValue(useLab((s) => s.comparisonLines));
  const status = useLab((s) => s.status);
  // How this one chart is shown; not shared with any other panel, so kept here rather than in the store.
  const [direction, setDirection] = useState<Direction>('forward');
  const [withTheory, setWithTheory] = useState(false);

  const series = useMemo(() => comparisonSeries(lines, direction, withTheory, inUse), [lines, direction, withTheory, inUse]);
  const table = useMemo(() => comparisonTable(lines, direction, withTheory), [lines, direction, withTheory]);
  const arrived = COMPARISON_LINES.filter((_, i) => lines[i]).length;
  const overflow = series.some((s) => s.values.some((v) => v?.kind === 'overflow'));
  const zero = series.some((s) => s.values.some((v) => v?.kind === 'zero'));
  const { symbol, noun } = DIRECTION_TEXT[direction];
  const batch = useLab((s) => s.config.batch);
  const placeholder = arrived > 0 ? null : status === 'error' || status === 'stopped' || status === 'refused' ? PLACEHOLDER[status] : 'Computing the first line…';

  return (
    <PanelFrame
      id={PANEL_ID}
      title="Initializers side by side"
      busy={state !== 'current' || arrived < COMPARISON_LINES.length}
      hint={<>This network under each initializer of the lecture, one line each: the second moment {symbol} of the {noun} by layer.{inUse ? ' The thick line is the initializer in use.' : ''}{batch > COMPARISON_BATCH ? ` Each line is measured on the first ${COMPARISON_BATCH} of the ${batch} examples, so all seven fill in quickly.` : ''}</>}
      controls={
        <>
          <ChoiceToggle legend="Direction" choices={DIRECTIONS} value={direction} onChange={setDirection} />
          <OptionCheckbox label="theory (dashed)" checked={withTheory} onChange={setWithTheory} />
        </>
      }
      table={
        <DataTable
          caption={`Initializers side by side: measured${withTheory ? ' and predicted' : ''} ${symbol} of the ${noun} by layer`}
          rowHeader="Layer"
          columns={table.columns}
          rows={table.rows}
        />
      }
    >
      <p className="panel-status" role="status">
        {state === 'previous'
          ? 'These lines are for the previous settings; the new ones are computed after the probe.'
          : arrived < COMPARISON_LINES.length
            ? `${arrived} of ${COMPARISON_LINES.length} lines computed…`
            : `All ${COMPARISON_LINES.length} lines computed.`}
      </p>
      <Legend
        label="Initializers"
        items={COMPARISON_LINES.map((line, i) => ({
          id: line.id,
          label: line.id === inUse ? `${line.label} (in use)` : line.label,
          color: seriesColor(i),
          kind: 'measured',
          marker: MARKER_SHAPES[i % MARKER_SHAPES.length],
          note: lines[i] ? undefined : COMPUTING,
          emphasis: line.id === inUse,
        }))}
        overflow={overflow}
        zero={zero}
      />
      <ChartBox height={lineChartHeight} placeholder={placeholder}>
        {(width, height) => (
          <LogLineChart series={series} width={width} height={height} yLabel={symbol} ariaLabel={describeComparison(lines, direction)} stale={state === 'previous'} />
        )}
      </ChartBox>
    </PanelFrame>
  );
}
