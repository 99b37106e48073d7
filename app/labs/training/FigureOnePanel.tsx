import { useMemo } from 'react';
import { MUTED } from '../../charts/chartColors.ts';
import { ChartBox } from '../../charts/ChartBox.tsx';
import { PanelFrame } from '../../charts/PanelFrame.tsx';
import { DataTable } from '../../charts/DataTable.tsx';
import { StepChart } from '../../charts/StepChart.tsx';
import { StepLegend } from '../../charts/StepLegend.tsx';
import { yExtent, type StepBand, type StepLine } from '../../charts/stepSeries.ts';
import { describeSteps, percentNumber, stepTable, TABLE_NOTE, type TableSeries } from '../../charts/stepTable.ts';
import { useLab } from '../../store/LabContext.tsx';
import { runColumns } from './runColumns.ts';
import { runTitle, useShownRuns, useTableRuns, type ShownRun } from './runs.ts';
import { divergedSteps, smallChartHeight, trainingPlaceholder } from './shared.ts';

const PANEL_ID = 'figure1';
const ACCURACY_DOMAIN = [0, 1] as const;

/**
 * Ioffe & Szegedy's Figure 1: the 15th, 50th and 85th percentiles over the test set of one
 * last-hidden-layer unit's input, over training, for the run and its variant side by side on one
 * y range, with their test accuracy. Without a variant, a button asks for one with the other norm.
 */
export function FigureOnePanel() {
  const shown = useShownRuns();
  const { runs, status, busy } = shown;
  const tableRuns = useTableRuns(shown);
  const tracks = useMemo(() => runs.map((r) => ({ run: r, title: runTitle(r, runs), diverged: divergedSteps([r]), ...trackSeries(r) })), [runs]);
  const domain = useMemo(() => yExtent(tracks.flatMap((t) => t.lines), tracks.flatMap((t) => t.bands), 'linear') ?? undefined, [tracks]);
  const accuracy = useMemo(() => runs.flatMap((r): StepLine[] => {
    const e = runColumns(r.run).evals;
    return e ? [{ id: r.id, label: runTitle(r, runs), color: r.color, steps: e.steps, values: e.testAccuracy }] : [];
  }, []), [runs]);
  const table = useMemo(() => stepTable(tableRuns.flatMap((r) => tableSeries(r, runTitle(r, tableRuns)))), [tableRuns]);
  const depth = runs[0]?.config.depth ?? 0;
  const act = runs[0]?.config.act ?? '';
  const evaluated = accuracy.length > 0;
  const diverged = useMemo(() => divergedSteps(runs), [runs]);
  const pair = runs.length > 1;

  return (
    <PanelFrame
      id={PANEL_ID}
      section="lab-panel wide"
      title="One unit’s input over training (Ioffe & Szegedy, Figure 1)"
      busy={busy}
      hint={<>
        The input to one {act} unit of the last hidden layer (unit 1 of layer {depth}) over the test set as training goes
        on: its median (line) and 15th–85th percentiles (band). Notice whether it holds still. Without batch norm it
        drifts, widens or narrows as the layers below learn — what Ioffe & Szegedy called internal covariate shift; with
        batch norm it stays centred with a steady spread. In their paper the steadier network also learned faster: compare
        the test accuracy {pair ? 'beneath' : 'beside it'}.
      </>}
      controls={<VariantControl runs={runs} />}
      table={<DataTable caption={`Percentiles of the tracked unit’s input over the test set, and test accuracy, at each evaluation (${TABLE_NOTE})`} rowHeader="Step" columns={table.columns} rows={table.rows} />}
    >
      <StepLegend items={[
        { id: 'median', label: 'median (50th percentile)', color: MUTED, style: 'solid' },
        { id: 'band', label: '15th to 85th percentile', color: MUTED, style: 'band' },
      ]} />
      <div className={pair ? 'figure-one pair' : 'figure-one single'}>
        {tracks.map((t) => (
          <div key={t.run.id} className="figure-one-cell">
            <h3 className="small-chart-title"><span className="run-swatch" aria-hidden="true" style={{ background: t.run.color }} />{t.title}</h3>
            <ChartBox height={smallChartHeight} placeholder={t.lines[0]?.steps.length ? null : trainingPlaceholder(status)}>
              {(width, height) => (
                <StepChart
                  lines={t.lines} bands={t.bands} width={width} height={height} yLabel="unit’s input" yDomain={domain}
                  diverged={t.diverged} stale={busy}
                  ariaLabel={`${t.title}: percentiles of the tracked unit’s input over training: ${describeSteps([...t.lines, ...t.bands.flatMap((b) => [{ label: '15th percentile', steps: b.steps, values: b.lo }, { label: '85th percentile', steps: b.steps, values: b.hi }])])}.`}
                />
              )}
            </ChartBox>
          </div>
        ))}
        {tracks.length === 0 && <p className="chart-placeholder" style={{ minHeight: 260 }}>{trainingPlaceholder(status)}</p>}
        <div className="figure-one-cell accuracy">
          <h3 className="small-chart-title">Test accuracy</h3>
          {pair && <StepLegend label="Runs" items={accuracy.map((l) => ({ id: l.id, label: l.label, color: l.color, style: 'solid' }))} />}
          <ChartBox height={smallChartHeight} placeholder={evaluated ? null : trainingPlaceholder(status)}>
            {(width, height) => (
              <StepChart
                lines={accuracy} width={width} height={height} yLabel="test accuracy" yDomain={ACCURACY_DOMAIN} yFormat={percentNumber}
                diverged={diverged} stale={busy} ariaLabel={`Test accuracy over training: ${describeSteps(accuracy, percentNumber)}.`}
              />
            )}
          </ChartBox>
        </div>
      </div>
    </PanelFrame>
  );
}

/** With no variant, one click asks for the same run with the other normalization (the `vs` key). */
function VariantControl({ runs }: { runs: readonly ShownRun[] }) {
  const vs = useLab((s) => s.config.vs);
  const norm = useLab((s) => s.config.norm);
  const setConfig = useLab((s) => s.setConfig);
  if (runs.length > 1) return null;
  if (vs !== '') return <p className="panel-status">Waiting for the variant run ({vs})…</p>;
  const other = norm === 'batch' ? 'none' : 'batch';
  return (
    <button type="button" className="panel-button" onClick={() => setConfig({ vs: `norm:${other}` })}>
      {other === 'batch' ? 'Compare with batch norm side by side' : 'Compare without batch norm side by side'}
    </button>
  );
}

function trackSeries(r: ShownRun): { lines: StepLine[]; bands: StepBand[] } {
  const e = runColumns(r.run).evals;
  if (!e) return { lines: [], bands: [] };
  return {
    lines: [{ id: 'p50', label: 'median', color: r.color, steps: e.steps, values: e.p50 }],
    bands: [{ id: 'p15-p85', label: '15th–85th percentile', color: r.color, steps: e.steps, lo: e.p15, hi: e.p85 }],
  };
}

function tableSeries(r: ShownRun, group: string): TableSeries[] {
  const e = runColumns(r.run).evals;
  if (!e) return [];
  return [
    { header: '15th pct.', group, steps: e.steps, values: e.p15 },
    { header: 'median', group, steps: e.steps, values: e.p50 },
    { header: '85th pct.', group, steps: e.steps, values: e.p85 },
    { header: 'test accuracy', group, steps: e.steps, values: e.testAccuracy, format: percentNumber },
  ];
}
