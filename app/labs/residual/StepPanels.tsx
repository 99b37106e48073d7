/**
 * The residual panels over training steps: (d) the degradation experiment, every run's training
 * loss; (e) auxiliary classifiers, the main loss beside each auxiliary head's.
 */
import { useMemo, useState } from 'react';
import { ChartBox, lineChartHeight } from '../../charts/ChartBox.tsx';
import { PanelFrame } from '../../charts/PanelFrame.tsx';
import { ChoiceToggle } from '../../charts/ChoiceToggle.tsx';
import { DataTable } from '../../charts/DataTable.tsx';
import { StepChart } from '../../charts/StepChart.tsx';
import { StepLegend, type StepLegendItem } from '../../charts/StepLegend.tsx';
import type { StepLine, YScaleKind } from '../../charts/stepSeries.ts';
import { describeSteps, stepTable } from '../../charts/stepTable.ts';
import { trainingPlaceholder } from '../training/shared.ts';
import { auxLines, auxTableSeries, degradationLines, degradationSummary, degradationTableSeries, type StepRun } from './stepRows.ts';
import { hasAuxHeads } from './runs.ts';
import { useStepRuns } from './useRuns.ts';

const SCALE_CHOICES = [
  { value: 'linear', label: 'linear' },
  { value: 'log', label: 'log' },
] as const satisfies readonly { value: YScaleKind; label: string }[];

const NONE: readonly number[] = [];

/** Steps where a run stopped on divergence; one shared empty array when none did (the chart is memoized). */
function diverged(runs: readonly StepRun[]): readonly number[] {
  const steps = runs.filter((r) => r.run.status === 'diverged').map((r) => r.run.metrics.step);
  return steps.length === 0 ? NONE : steps;
}

function legendOf(lines: readonly StepLine[]): StepLegendItem[] {
  return lines.filter((l) => l.style !== 'faint').map((l) => ({ id: l.id, label: l.label, color: l.color, style: l.style ?? 'solid' }));
}

export const DEGRADATION_TABLE = 'residual-degradation';

/** (d) Training loss of every run: a deeper plain net training worse than a shallower one, and the residual one that does not. */
export function DegradationPanel() {
  const { runs, status, busy } = useStepRuns();
  const [scale, setScale] = useState<YScaleKind>('log');
  const lines = useMemo(() => degradationLines(runs), [runs]);
  const table = useMemo(() => stepTable(degradationTableSeries(runs)), [runs]);
  const summary = useMemo(() => degradationSummary(runs), [runs]);
  const stops = useMemo(() => diverged(runs), [runs]);
  const drawn = lines.some((l) => l.style !== 'faint' && l.steps.length > 0);
  const withAux = runs.some((r) => hasAuxHeads(r.config));
  const legend = useMemo(() => [...legendOf(lines), ...(lines.some((l) => l.style === 'faint') ? [{ id: 'batch', label: 'each mini-batch', color: 'var(--text-muted, #475569)', style: 'faint' as const }] : [])], [lines]);
  return (
    <PanelFrame
      id={DEGRADATION_TABLE}
      section="lab-panel residual-panel"
      title="Degradation: training loss of every run"
      busy={busy}
      hint={
        <>
          The training loss (mean over the mini-batches since the previous test) of each run, on the same data, seed and batches.
          He et al. (2015) found deeper plain nets reaching a <em>higher training</em> loss than shallower ones: not overfitting, but
          a net that is harder to optimize, although the deep one could copy the shallow one and pass the rest through.
          Residual blocks make passing through the easy default (F = 0 needs only small weights), so a deep residual net should train
          no worse than a shallow one; whether it does in these runs is what the curves show.
          {withAux && ' For a run with auxiliary heads this is the whole objective, auxiliary losses included.'}
        </>
      }
      controls={<ChoiceToggle legend="Y axis" choices={SCALE_CHOICES} value={scale} onChange={setScale} />}
      table={<DataTable caption="Training loss of every run at each evaluation (thinned to at most 60 rows over a long run)" rowHeader="Step" columns={table.columns} rows={table.rows} />}
    >
      <StepLegend items={legend} />
      <ChartBox height={lineChartHeight} placeholder={drawn ? null : trainingPlaceholder(status)}>
        {(width, height) => (
          <StepChart
            lines={lines} width={width} height={height} yLabel="training loss" yScale={scale} diverged={stops} stale={busy}
            ariaLabel={`Training loss over steps: ${describeSteps(lines.filter((l) => l.style !== 'faint'))}.`}
          />
        )}
      </ChartBox>
      {summary && <p className="panel-note" data-testid="degradation-summary">{summary}.</p>}
    </PanelFrame>
  );
}

export const AUX_TABLE = 'residual-aux';

/** (e) GoogLeNet's auxiliary classifiers: L = L(y, ŷ) + λ Σ L(y, ŷᵢ), each part over training. */
export function AuxLossPanel() {
  const { runs, status, busy } = useStepRuns();
  const smoothing = runs[0]?.config.evalevery ?? 50;
  const lines = useMemo(() => auxLines(runs, smoothing), [runs, smoothing]);
  const table = useMemo(() => stepTable(auxTableSeries(runs, smoothing)), [runs, smoothing]);
  const stops = useMemo(() => diverged(runs), [runs]);
  const lambda = runs.find((r) => r.config.aux1 > 0 || r.config.aux2 > 0)?.config.auxw;
  const drawn = lines.some((l) => l.steps.length > 0);
  return (
    <PanelFrame
      id={AUX_TABLE}
      section="lab-panel residual-panel"
      title="Auxiliary classifiers: main and auxiliary losses"
      busy={busy}
      hint={
        <>
          As in GoogLeNet, a softmax head on a hidden layer adds its own cross-entropy to the objective:
          L = L(y, ŷ) + λ·L(y, ŷ¹) + λ·L(y, ŷ²){lambda !== undefined ? `, λ = ${lambda}` : ''}.
          Its gradient enters the lower layers directly, a short path past the layers above that would shrink it.
          Solid: the main head’s loss; dashed: each auxiliary head’s; each the mean over the last {smoothing} steps’ mini-batches.
        </>
      }
      table={<DataTable caption={`Main and auxiliary losses at each evaluation, each the mean over the last ${smoothing} steps (thinned to at most 60 rows over a long run)`} rowHeader="Step" columns={table.columns} rows={table.rows} />}
    >
      <StepLegend items={legendOf(lines)} />
      <ChartBox height={lineChartHeight} placeholder={drawn ? null : trainingPlaceholder(status)}>
        {(width, height) => (
          <StepChart
            lines={lines} width={width} height={height} yLabel="loss" yScale="log" diverged={stops} stale={busy}
            ariaLabel={`Main and auxiliary losses over steps: ${describeSteps(lines)}.`}
          />
        )}
      </ChartBox>
    </PanelFrame>
  );
}
