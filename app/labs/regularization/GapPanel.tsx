import { useMemo } from 'react';
import { MUTED } from '../../charts/chartColors.ts';
import { ChartBox, lineChartHeight } from '../../charts/ChartBox.tsx';
import { DataTable } from '../../charts/DataTable.tsx';
import { PanelFrame } from '../../charts/PanelFrame.tsx';
import { StepChart } from '../../charts/StepChart.tsx';
import { StepLegend, type StepLegendItem } from '../../charts/StepLegend.tsx';
import type { StepLine } from '../../charts/stepSeries.ts';
import { describeSteps, stepTable, TABLE_NOTE, type TableSeries } from '../../charts/stepTable.ts';
import { formatNumber } from '../../format/number.ts';
import { runColumns } from '../training/runColumns.ts';
import { named, useShownRuns, useTableRuns, type ShownRun } from '../training/runs.ts';
import { divergedSteps, skipLeading, trainingPlaceholder } from '../training/shared.ts';
import { gapSeries, lastGap } from './gap.ts';

/**
 * Training and test loss of every run (the primary and its `vs` variants, in lockstep), and the gap
 * between them: with scarce data maximum likelihood drives the training loss to zero while the test
 * loss climbs; a prior holds the two together.
 */
export function GapPanel() {
  const shown = useShownRuns();
  const { runs, status, busy } = shown;
  const tableRuns = useTableRuns(shown);
  const lossLines = useMemo(() => runs.flatMap(lossOf), [runs]);
  const gapLines = useMemo(() => runs.flatMap(gapOf), [runs]);
  const table = useMemo(() => stepTable(tableRuns.flatMap(tableOf)), [tableRuns]);
  const diverged = useMemo(() => divergedSteps(runs), [runs]);
  const evaluated = lossLines.some((l) => l.steps.length > 0);
  const pair = runs.length > 1;
  const legend: StepLegendItem[] = [
    { id: 'test', label: 'test', style: 'solid', color: pair ? MUTED : (runs[0]?.color ?? MUTED) },
    { id: 'train', label: 'training (mean since last test)', style: 'dashed', color: pair ? MUTED : (runs[0]?.color ?? MUTED) },
    ...(pair ? runs.map((r) => ({ id: r.id, label: r.name, color: r.color, style: 'solid' as const })) : []),
  ];
  const gaps = runs.map((r) => ({ r, gap: lastGap(gapOfRun(r)) })).filter((g) => Number.isFinite(g.gap));
  return (
    <PanelFrame
      id="generalization-gap"
      title="Training loss, test loss and the gap"
      busy={busy}
      hint={<>Softmax cross-entropy (the data term alone, without the prior’s): on the whole test set at each evaluation, and averaged over the training mini-batches since the previous one. Below, the gap: test minus training.</>}
      table={<DataTable caption={`Loss and gap at each evaluation (${TABLE_NOTE})`} rowHeader="Step" columns={table.columns} rows={table.rows} />}
    >
      <StepLegend items={legend} />
      <ChartBox height={lineChartHeight} placeholder={evaluated ? null : trainingPlaceholder(status)}>
        {(width, height) => (
          <StepChart lines={lossLines} width={width} height={height} yLabel="loss" yScale="log" diverged={diverged} stale={busy}
            ariaLabel={`Training and test loss over training steps: ${describeSteps(lossLines)}.`} />
        )}
      </ChartBox>
      <h3 className="run-title">Gap: test loss − training loss</h3>
      {gaps.length > 0 && (
        <p className="panel-status">
          {gaps.map(({ r, gap }, i) => <span key={r.id}>{i > 0 ? '; ' : ''}{r.name ? `${r.name}: ` : 'Now: '}{formatNumber(gap, 3)}</span>)}
        </p>
      )}
      <ChartBox height={(w) => Math.round(lineChartHeight(w) * 0.7)} placeholder={evaluated ? null : trainingPlaceholder(status)}>
        {(width, height) => (
          <StepChart lines={gapLines} width={width} height={height} yLabel="test − training loss" diverged={diverged} stale={busy}
            ariaLabel={`Generalization gap over training steps: ${describeSteps(gapLines)}.`} />
        )}
      </ChartBox>
    </PanelFrame>
  );
}

function lossOf(r: ShownRun): StepLine[] {
  const { evals } = runColumns(r.run);
  if (!evals) return [];
  return [
    { id: `${r.id}-test`, label: named('test loss', r), color: r.color, steps: evals.steps, values: evals.testLoss },
    skipLeading({ id: `${r.id}-train`, label: named('training loss', r), color: r.color, steps: evals.steps, values: evals.trainLoss, style: 'dashed' as const }),
  ];
}

const gaps = new WeakMap<ShownRun['run'], ReturnType<typeof gapSeries>>();
function gapOfRun(r: ShownRun) {
  let g = gaps.get(r.run);
  if (!g) {
    const { evals } = runColumns(r.run);
    g = evals ? gapSeries(evals.steps, evals.trainLoss, evals.testLoss) : gapSeries([], [], []);
    gaps.set(r.run, g);
  }
  return g;
}

function gapOf(r: ShownRun): StepLine[] {
  const g = gapOfRun(r);
  return [{ id: `${r.id}-gap`, label: named('gap', r), color: r.color, steps: g.steps, values: g.gap }];
}

function tableOf(r: ShownRun): TableSeries[] {
  const { evals } = runColumns(r.run);
  if (!evals) return [];
  const group = r.name || undefined, g = gapOfRun(r);
  return [
    { header: 'test', group, steps: evals.steps, values: evals.testLoss },
    skipLeading({ header: 'training', group, steps: evals.steps, values: evals.trainLoss }),
    { header: 'gap', group, steps: g.steps, values: g.gap },
  ];
}
