import { useMemo, useState } from 'react';
import { MUTED } from '../../charts/chartColors.ts';
import { ChartBox, lineChartHeight } from '../../charts/ChartBox.tsx';
import { PanelFrame } from '../../charts/PanelFrame.tsx';
import { ChoiceToggle } from '../../charts/ChoiceToggle.tsx';
import { DataTable } from '../../charts/DataTable.tsx';
import { StepChart } from '../../charts/StepChart.tsx';
import { StepLegend, type StepLegendItem } from '../../charts/StepLegend.tsx';
import type { StepLine, YScaleKind } from '../../charts/stepSeries.ts';
import { describeSteps, percentNumber, stepTable, TABLE_NOTE, type TableSeries } from '../../charts/stepTable.ts';
import { runColumns } from './runColumns.ts';
import { named, useShownRuns, useTableRuns, type ShownRun } from './runs.ts';
import { divergedSteps, skipLeading, trainingPlaceholder } from './shared.ts';

const SCALE_CHOICES = [
  { value: 'linear', label: 'linear' },
  { value: 'log', label: 'log' },
] as const satisfies readonly { value: YScaleKind; label: string }[];

const ACCURACY_DOMAIN = [0, 1] as const;

/** Loss and accuracy over training steps, the variant's beside the primary's in its own colour. */
export function CurvesPanels() {
  return (
    <>
      <LossPanel />
      <AccuracyPanel />
    </>
  );
}

export function LossPanel() {
  const shown = useShownRuns();
  const { runs, status, busy } = shown;
  const tableRuns = useTableRuns(shown);
  const [scale, setScale] = useState<YScaleKind>('log');
  const lines = useMemo(() => runs.flatMap(lossLines), [runs]);
  // Test lines first: the readout and the table walk the evaluated steps.
  const ordered = useMemo(() => [...lines.filter((l) => l.id.endsWith('test')), ...lines.filter((l) => !l.id.endsWith('test'))], [lines]);
  const table = useMemo(() => stepTable(tableRuns.flatMap(lossTableSeries)), [tableRuns]);
  const legend = curveLegend(runs, [['test', 'test', 'solid'], ['train', 'training (mean since last test)', 'dashed'], ['batch', 'each mini-batch', 'faint']]);
  const evaluated = ordered.some((l) => l.steps.length > 0);
  const diverged = useMemo(() => divergedSteps(runs), [runs]);
  return (
    <PanelFrame
      id={'loss'}
      title="Loss"
      busy={busy}
      hint={<>Softmax cross-entropy: on the whole test set at each evaluation, averaged over the training mini-batches since the previous one, and each mini-batch’s own (faint). Test above training is the gap that overfitting widens.</>}
      controls={<ChoiceToggle legend="Y axis" choices={SCALE_CHOICES} value={scale} onChange={setScale} />}
      table={<DataTable caption={`Loss at each evaluation (${TABLE_NOTE})`} rowHeader="Step" columns={table.columns} rows={table.rows} />}
    >
      <StepLegend items={legend} />
      <ChartBox height={lineChartHeight} placeholder={evaluated ? null : trainingPlaceholder(status)}>
        {(width, height) => (
          <StepChart
            lines={ordered} width={width} height={height} yLabel="loss" yScale={scale} diverged={diverged} stale={busy}
            ariaLabel={`Loss over training steps: ${describeSteps(ordered.filter((l) => l.style !== 'faint'))}.`}
          />
        )}
      </ChartBox>
    </PanelFrame>
  );
}

export function AccuracyPanel() {
  const shown = useShownRuns();
  const { runs, status, busy } = shown;
  const tableRuns = useTableRuns(shown);
  const lines = useMemo(() => {
    const all = runs.flatMap(accuracyLines);
    return [...all.filter((l) => l.id.endsWith('test')), ...all.filter((l) => !l.id.endsWith('test'))];
  }, [runs]);
  const table = useMemo(() => stepTable(tableRuns.flatMap(accuracyTableSeries)), [tableRuns]);
  const legend = curveLegend(runs, [['test', 'test', 'solid'], ['train', 'training (mean since last test)', 'dashed']]);
  const evaluated = lines.some((l) => l.steps.length > 0);
  const diverged = useMemo(() => divergedSteps(runs), [runs]);
  return (
    <PanelFrame
      id={'accuracy'}
      title="Accuracy"
      busy={busy}
      hint={<>The share of examples classified correctly: the whole test set at each evaluation, and the training mini-batches since the previous one.</>}
      table={<DataTable caption={`Accuracy at each evaluation (${TABLE_NOTE})`} rowHeader="Step" columns={table.columns} rows={table.rows} />}
    >
      <StepLegend items={legend} />
      <ChartBox height={lineChartHeight} placeholder={evaluated ? null : trainingPlaceholder(status)}>
        {(width, height) => (
          <StepChart
            lines={lines} width={width} height={height} yLabel="accuracy" yDomain={ACCURACY_DOMAIN} yFormat={percentNumber}
            diverged={diverged} stale={busy}
            ariaLabel={`Accuracy over training steps: ${describeSteps(lines, percentNumber)}.`}
          />
        )}
      </ChartBox>
    </PanelFrame>
  );
}

/**
 * One key per line style (in the run's colour when alone, neutral beside a variant), then one per
 * run's colour when there are two.
 */
function curveLegend(runs: readonly ShownRun[], styles: readonly (readonly [string, string, StepLegendItem['style']])[]): StepLegendItem[] {
  const pair = runs.length > 1;
  const items: StepLegendItem[] = styles.map(([id, label, style]) => ({ id, label, style, color: pair ? MUTED : (runs[0]?.color ?? MUTED) }));
  if (pair) for (const r of runs) items.push({ id: r.id, label: r.name, color: r.color, style: 'solid' });
  return items;
}

function lossLines(r: ShownRun): StepLine[] {
  const { evals, steps } = runColumns(r.run);
  const out: StepLine[] = [];
  if (evals) {
    out.push({ id: `${r.id}-test`, label: named('test', r), color: r.color, steps: evals.steps, values: evals.testLoss });
    out.push(skipLeading({ id: `${r.id}-train`, label: named('training', r), color: r.color, steps: evals.steps, values: evals.trainLoss, style: 'dashed' as const }));
  }
  if (steps) out.push({ id: `${r.id}-batch`, label: named('batch', r), color: r.color, steps: steps.steps, values: steps.batchLoss, style: 'faint' });
  return out;
}

function accuracyLines(r: ShownRun): StepLine[] {
  const { evals } = runColumns(r.run);
  if (!evals) return [];
  return [
    { id: `${r.id}-test`, label: named('test', r), color: r.color, steps: evals.steps, values: evals.testAccuracy },
    skipLeading({ id: `${r.id}-train`, label: named('training', r), color: r.color, steps: evals.steps, values: evals.trainAccuracy, style: 'dashed' as const }),
  ];
}

function lossTableSeries(r: ShownRun): TableSeries[] {
  const { evals, steps } = runColumns(r.run);
  const group = r.name || undefined;
  const out: TableSeries[] = [];
  if (evals) {
    out.push({ header: 'test', group, steps: evals.steps, values: evals.testLoss });
    out.push(skipLeading({ header: 'training', group, steps: evals.steps, values: evals.trainLoss }));
  }
  if (steps) out.push({ header: 'mini-batch', group, steps: steps.steps, values: steps.batchLoss, nearest: true });
  return out;
}

function accuracyTableSeries(r: ShownRun): TableSeries[] {
  const { evals } = runColumns(r.run);
  if (!evals) return [];
  const group = r.name || undefined;
  return [
    { header: 'test', group, steps: evals.steps, values: evals.testAccuracy, format: percentNumber },
    skipLeading({ header: 'training', group, steps: evals.steps, values: evals.trainAccuracy, format: percentNumber }),
  ];
}
