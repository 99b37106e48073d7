import { useId, useMemo, useState } from 'react';
import { ChartBox } from '../../charts/ChartBox.tsx';
import { PanelFrame } from '../../charts/PanelFrame.tsx';
import { ChoiceToggle } from '../../charts/ChoiceToggle.tsx';
import { DataTable } from '../../charts/DataTable.tsx';
import { StepChart } from '../../charts/StepChart.tsx';
import { StepLegend } from '../../charts/StepLegend.tsx';
import type { StepLine, YScaleKind } from '../../charts/stepSeries.ts';
import { describeSteps, stepTable, TABLE_NOTE, type TableSeries } from '../../charts/stepTable.ts';
import type { IcsColumns, IcsLayerColumns } from './icsColumns.ts';
import { runColumns } from './runColumns.ts';
import { runTitle, useShownRuns, useTableRuns, type ShownRun } from './runs.ts';
import { smallChartHeight } from './shared.ts';

const PANEL_ID = 'ics';
const SCALE_CHOICES = [
  { value: 'linear', label: 'linear' },
  { value: 'log', label: 'log' },
] as const satisfies readonly { value: YScaleKind; label: string }[];

/**
 * Internal covariate shift at one chosen layer over training, measured two ways (engine/train/ics.ts),
 * for the run and its variant: the movement of the layer's input distribution, and Santurkar et
 * al.'s ||G − G′||. Evidence to weigh against the lecture's explanation of batch norm.
 */
export function CovariateShiftPanel() {
  const shown = useShownRuns();
  const { runs, status, busy } = shown;
  const tableRuns = useTableRuns(shown);
  const [scale, setScale] = useState<YScaleKind>('log');
  const selectId = useId();
  const depth = Math.max(0, ...runs.map((r) => r.config.depth));
  const [chosen, setChosen] = useState<number | null>(null);
  // Layer 1's input is the data, which never moves (both measures are 0 there): the choice starts at layer 2.
  const layer = Math.min(Math.max(chosen ?? depth, Math.min(2, depth)), depth);
  const measured = useMemo(() => runs.map((r) => ({ run: r, ics: runColumns(r.run).ics })), [runs]);
  const shift = useMemo(() => layerLines(measured, runs, layer, 'inputShift'), [measured, runs, layer]);
  const gradDiff = useMemo(() => layerLines(measured, runs, layer, 'gradDiff'), [measured, runs, layer]);
  const table = useMemo(() => stepTable(tableRuns.flatMap((run) => {
    const ics = runColumns(run.run).ics;
    return tableSeries(run, tableRuns, ics?.steps, ics?.layers[layer - 1]);
  })), [tableRuns, layer]);
  const anyRows = shift.some((l) => l.steps.length > 0);
  const placeholder = anyRows ? null : status === 'loading' || status === 'error' || status === 'off'
    ? ''
    : 'Measured at evaluations once training runs (press Play or +100).';
  const single = runs.length < 2;

  return (
    <PanelFrame
      id={PANEL_ID}
      section="lab-panel wide"
      title="Internal covariate shift, measured"
      busy={busy}
      hint={<>
        The lecture’s explanation: batch norm helps because it stops each layer’s input distribution shifting while the
        layers below learn. Here is that shift measured at one layer. Left: how far the layer’s input distribution moves
        per step (the RMS change of its units’ means and sds on a fixed batch, relative to their spread). Right: Santurkar
        et al.’s (2018) ‖G − G′‖, how much the layer’s weight gradient changes when the layers below take their step.
        They found networks with batch norm often shift as much or more by this measure yet train better, and credited a
        smoother loss landscape instead. Weigh the evidence: does the run with batch norm shift less here, and does it
        learn faster?{single ? ' (The Figure 1 panel’s button adds a run with the other setting.)' : ''}
      </>}
      controls={<>
        {depth >= 2 && (
          <label className="inline-select" htmlFor={selectId}>
            Layer
            <select id={selectId} value={layer} onChange={(e) => setChosen(Number(e.target.value))}>
              {Array.from({ length: depth - 1 }, (_, i) => i + 2).map((l) => <option key={l} value={l}>{l === depth ? `${l} (last hidden)` : l}</option>)}
            </select>
          </label>
        )}
        <ChoiceToggle legend="Y axis" choices={SCALE_CHOICES} value={scale} onChange={setScale} />
      </>}
      table={<DataTable caption={`Internal covariate shift at layer ${layer}: input shift per step, ‖G − G′‖ and cos(G, G′), at each measurement (${TABLE_NOTE})`} rowHeader="Step" columns={table.columns} rows={table.rows} />}
    >
      {depth < 2 ? (
        <p className="panel-note">With one hidden layer there is nothing below it to shift its input: add a layer to measure this.</p>
      ) : (
        <>
          <StepLegend label="Runs" items={shift.map((l) => ({ id: l.id, label: l.label, color: l.color, style: 'solid' }))} />
          <div className="chart-pair">
            {[
              { title: `Input shift per step, layer ${layer}`, lines: shift, yLabel: 'shift per step' },
              { title: `‖G − G′‖, layer ${layer}`, lines: gradDiff, yLabel: '‖G − G′‖' },
            ].map((c) => (
              <div key={c.yLabel} className="chart-pair-cell">
                <h3 className="small-chart-title">{c.title}</h3>
                <ChartBox height={smallChartHeight} placeholder={placeholder}>
                  {(width, height) => (
                    <StepChart lines={c.lines} width={width} height={height} yLabel={c.yLabel} yScale={scale} stale={busy}
                      ariaLabel={`${c.title} over training: ${describeSteps(c.lines)}.`} />
                  )}
                </ChartBox>
              </div>
            ))}
          </div>
        </>
      )}
    </PanelFrame>
  );
}

type Measured = readonly { run: ShownRun; ics: IcsColumns | null }[];

function layerLines(measured: Measured, runs: readonly ShownRun[], layer: number, field: keyof IcsLayerColumns): StepLine[] {
  return measured.flatMap(({ run, ics }): StepLine[] => {
    const c = ics?.layers[layer - 1];
    return ics && c ? [{ id: run.id, label: runTitle(run, runs), color: run.color, steps: ics.steps, values: c[field] }] : [];
  });
}

function tableSeries(run: ShownRun, runs: readonly ShownRun[], steps: Float64Array | undefined, c: IcsLayerColumns | undefined): TableSeries[] {
  if (!steps || !c) return [];
  const group = runTitle(run, runs);
  return [
    { header: 'input shift', group, steps, values: c.inputShift },
    { header: '‖G − G′‖', group, steps, values: c.gradDiff },
    { header: 'cos(G, G′)', group, steps, values: c.gradCos },
  ];
}
