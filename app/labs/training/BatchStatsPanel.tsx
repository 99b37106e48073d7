import { memo, useCallback, useId, useMemo, useState } from 'react';
import type { Config } from '../../../engine/contract/config.ts';
import { stat } from '../../../engine/contract/probeLayout.ts';
import { ChartBox } from '../../charts/ChartBox.tsx';
import { PanelFrame } from '../../charts/PanelFrame.tsx';
import { ChoiceToggle } from '../../charts/ChoiceToggle.tsx';
import { DataTable, type DataTableProps } from '../../charts/DataTable.tsx';
import { Legend } from '../../charts/Legend.tsx';
import { ScatterPlot, scatterHeight } from '../../charts/ScatterPlot.tsx';
import { SpreadByLayer, type SpreadSeries } from '../../charts/SpreadByLayer.tsx';
import { MEASURED, seriesColor, THEORY } from '../../charts/chartColors.ts';
import { formatNumber } from '../../format/number.ts';
import { useLab } from '../../store/LabContext.tsx';
import type { RunView } from '../../store/trainSlice.ts';
import { BatchNoise } from './BatchNoiseFigure.tsx';
import { beforeAfterRows, normLayers, type BeforeAfterRow, type NormLayer } from './batchStats.ts';
import { numberCell } from './cells.ts';
import { runHeading } from './runLabel.ts';
import { useShownRuns } from './runs.ts';

const SPREAD_TABLE = 'bn-before-after';
const SCATTER_TABLE = 'bn-running';
const BEFORE = seriesColor(0);
const AFTER = seriesColor(1);

export interface NormRun {
  /** 'primary', 'variant-1' … (as useShownRuns names them). */
  readonly key: string;
  readonly title: string;
  readonly run: RunView;
  readonly config: Config;
  readonly layers: NormLayer[];
}

const num = numberCell;

/** The batch-norm lab for the current snapshot: what one batch's statistics are, and how noisy. */
export function BatchStatsPanel() {
  const titleId = useId();
  const config = useLab((s) => s.config);
  const setConfig = useLab((s) => s.setConfig);
  // Every run of the link (the primary, then each variant of vs=), about four times a second while training runs.
  const shownRuns = useShownRuns();
  const [chosen, setChosen] = useState('primary');
  const setBatch = useCallback((batch: number) => setConfig({ batch }), [setConfig]);

  const all = shownRuns.runs;
  const runs = useMemo(() => {
    const primaryConfig = all[0]?.config ?? null;
    const out: NormRun[] = [];
    all.forEach((r, i) => {
      if (!r.run.norm || r.config.norm !== 'batch') return;
      const layers = normLayers(r.run.norm, r.config.depth);
      if (layers.length > 0) out.push({ key: r.id, title: runHeading(primaryConfig, i), run: r.run, config: r.config, layers });
    });
    return out;
  }, [all]);
  // The runs without batch norm, named, when the link compares several.
  const without = all.length > 1 ? all.flatMap((r, i) => (r.config.norm !== 'batch' ? [runHeading(all[0].config, i)] : [])) : [];

  const shown = runs.find((r) => r.key === chosen) ?? runs[0] ?? null;

  return (
    <section className="lab-panel training-view wide" aria-labelledby={titleId}>
      <h2 id={titleId} className="panel-title">Batch normalization, one batch at a time</h2>
      {!shown ? (
        config.norm === 'batch' || config.vs.includes('norm:batch')
          ? <p className="panel-status">Waiting for the first batch of the run with batch normalization…</p>
          : (
            <div className="bn-off">
              <p className="figure-hint">
                These charts look inside batch normalization (each layer’s batch mean and variance, the running estimates, the noise of
                small batches), so they need a network that has it: this one has none.
              </p>
              <button type="button" className="button" onClick={() => setConfig({ norm: 'batch' })}>Turn batch norm on</button>
            </div>
          )
      ) : (
        <>
          {runs.length > 1 && (
            <div className="figure-controls">
              <ChoiceToggle<string>
                legend="Run"
                choices={runs.map((r) => ({ value: r.key, label: r.title }))}
                value={shown.key}
                onChange={setChosen}
              />
            </div>
          )}
          {without.length > 0 && (
            <p className="panel-status">
              {runs.length > 1 ? `${runs.length} of the ${all.length} runs have batch normalization: pick one above. ` : `Shown: ${shown.title.charAt(0).toLowerCase()}${shown.title.slice(1)}. `}
              No batch normalization to look inside in {without.join('; ')}.
            </p>
          )}
          {shown.run.metrics.step === 0 && (
            <p className="panel-status">
              At step 0 the running estimates are still their initial values (mean 0, variance 1): take a few steps.
            </p>
          )}
          <BeforeAfter run={shown} />
          <RunningVsBatch run={shown} />
          <BatchNoise run={shown} batch={config.batch} setBatch={setBatch} />
        </>
      )}
    </section>
  );
}

/** Two charts side by side when there is room, else one above the other. */
function twoUp(width: number): { columns: number; each: number } {
  const columns = width >= 760 ? 2 : 1;
  return { columns, each: columns === 2 ? Math.floor((width - 24) / 2) : width };
}

const BeforeAfter = memo(function BeforeAfter({ run }: { run: NormRun }) {
  const { bneps, bnpos } = run.config;
  const rows = useMemo(() => beforeAfterRows(run.layers, bneps), [run.layers, bneps]);
  const meanSeries: SpreadSeries[] = [
    { id: 'before', label: 'before', color: BEFORE, filled: true, values: rows.map((r) => r.meanBefore) },
    { id: 'after', label: 'after', color: AFTER, filled: false, values: rows.map((r) => r.meanAfter) },
  ];
  const varSeries: SpreadSeries[] = [
    { id: 'before', label: 'before', color: BEFORE, filled: true, values: rows.map((r) => r.varBefore) },
    { id: 'after', label: 'after', color: AFTER, filled: false, values: rows.map((r) => r.varAfter) },
  ];
  const where = bnpos === 'before' ? 'x W + b, before the activation' : 'the activation’s output';
  return (
    <PanelFrame
      id={SPREAD_TABLE}
      section={false}
      title="Batch mean and variance per unit, before and after normalization"
      level={3}
      hint={<>
        Each unit’s mean μ<sub>B</sub> and variance σ²<sub>B</sub> over this training batch at the input of batch norm ({where}), and after it:
        x̂ = (x − μ<sub>B</sub>) / √(σ²<sub>B</sub> + ε) has mean 0 and variance σ²<sub>B</sub> / (σ²<sub>B</sub> + ε) in every unit, and γ x̂ + β has
        mean β and variance γ² σ²<sub>B</sub> / (σ²<sub>B</sub> + ε).
        Box: 15th–85th percentile of the units; whisker: all of them; bar: the median.
      </>}
      table={<DataTable {...beforeAfterTable(rows, run)} />}
    >
      <Legend
        label="Before and after"
        items={[
          { id: 'before', label: 'before normalization (filled)', color: BEFORE, kind: 'bar' },
          { id: 'after', label: 'after γ x̂ + β (hollow)', color: AFTER, kind: 'bar' },
        ]}
      />
      <ChartBox height={(w) => (twoUp(w).columns === 2 ? 300 : 600 + 12)} placeholder={null}>
        {(width) => {
          const { columns, each } = twoUp(width);
          return (
            <div className="two-up" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}>
              <SpreadByLayer
                series={meanSeries} width={each} height={300} log={false} yLabel="batch mean" reference={0}
                ariaLabel={describeSpread('batch mean', rows, (r) => r.meanBefore.p50, (r) => r.meanAfter.p50)}
              />
              <SpreadByLayer
                series={varSeries} width={each} height={300} log yLabel="batch variance" reference={1}
                ariaLabel={describeSpread('batch variance', rows, (r) => r.varBefore.p50, (r) => r.varAfter.p50)}
              />
            </div>
          );
        }}
      </ChartBox>
    </PanelFrame>
  );
});

function describeSpread(what: string, rows: readonly BeforeAfterRow[], before: (r: BeforeAfterRow) => number, after: (r: BeforeAfterRow) => number): string {
  const n = rows.length, last = rows[n - 1];
  return `Per-unit ${what} of ${n} hidden ${n === 1 ? 'layer' : 'layers'}, before and after batch normalization. `
    + `Median before: ${formatNumber(before(rows[0]))} at layer 1, ${formatNumber(before(last))} at layer ${n}. `
    + `Median after: ${formatNumber(after(rows[0]))} at layer 1, ${formatNumber(after(last))} at layer ${n}.`;
}

function beforeAfterTable(rows: readonly BeforeAfterRow[], run: NormRun): DataTableProps {
  const probe = run.run.probe;
  const probed = run.config.bnpos === 'before' && probe !== null;
  const columns = [
    { header: 'min', group: 'mean before' }, { header: 'median', group: 'mean before' }, { header: 'max', group: 'mean before' },
    { header: 'min', group: 'variance before' }, { header: 'median', group: 'variance before' }, { header: 'max', group: 'variance before' },
    { header: 'min', group: 'x̂ variance σ²/(σ²+ε)' },
    { header: 'min', group: 'mean after (β)' }, { header: 'max', group: 'mean after (β)' },
    { header: 'min', group: 'variance after' }, { header: 'max', group: 'variance after' },
    ...(probed ? [{ header: 'mean', group: 'after, measured by the probe' }, { header: 'variance', group: 'after, measured by the probe' }] : []),
  ];
  return {
    caption: 'Batch mean and variance per unit, before and after normalization, by hidden layer (this training batch)',
    rowHeader: 'Layer',
    columns,
    rows: rows.map((r, l) => ({
        key: r.layer,
        header: String(r.layer),
        cells: [
          num(r.meanBefore.min), num(r.meanBefore.p50), num(r.meanBefore.max),
          num(r.varBefore.min), num(r.varBefore.p50), num(r.varBefore.max),
          num(r.varNormalized.min),
          num(r.meanAfter.min), num(r.meanAfter.max),
          num(r.varAfter.min), num(r.varAfter.max),
          ...(probed ? [num(stat(probe, l, 'preMean')), num(stat(probe, l, 'preVar'))] : []),
        ],
      })),
  };
}

const RunningVsBatch = memo(function RunningVsBatch({ run }: { run: NormRun }) {
  const [picked, setPicked] = useState(0);
  const selectId = useId();
  const layer = Math.min(picked, run.layers.length - 1);
  const l = run.layers[layer];
  const name = `layer ${layer + 1}`;
  return (
    <PanelFrame
      id={SCATTER_TABLE}
      section={false}
      title="Running estimates against this batch"
      level={3}
      hint={<>
        One point per unit of {name}: the running mean and variance (what evaluation mode normalizes with; momentum {run.config.bnmom},
        the variance unbiased as in PyTorch) against this batch’s own. On the dashed line they agree; small batches and fast-moving
        weights pull points off it.
      </>}
      controls={
        <div className="option-select">
          <label htmlFor={selectId}>Layer</label>
          <select id={selectId} value={layer} onChange={(e) => setPicked(Number(e.target.value))}>
            {run.layers.map((_, i) => <option key={i} value={i}>{i + 1}</option>)}
          </select>
        </div>
      }
      table={
        <DataTable
          caption={`Running estimates against this batch, per unit of ${name}`}
          rowHeader="Unit"
          columns={[{ header: 'batch mean' }, { header: 'running mean' }, { header: 'batch variance' }, { header: 'running variance' }]}
          rows={Array.from(l.batchMean, (_, u) => ({
            key: u, header: String(u + 1),
            cells: [num(l.batchMean[u]), num(l.runningMean[u]), num(l.batchVar[u]), num(l.runningVar[u])],
          }))}
        />
      }
    >
      <ChartBox height={(w) => (twoUp(w).columns === 2 ? scatterHeight(scatterSide(w)) : 2 * scatterHeight(scatterSide(w)) + 12)} placeholder={null}>
        {(width) => {
          const { columns } = twoUp(width);
          const side = scatterSide(width);
          return (
            <div className="two-up" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}>
              <ScatterPlot
                xs={l.runningMean} ys={l.batchMean} size={side} color={MEASURED} xLabel="running mean" yLabel="batch mean"
                ariaLabel={`Per-unit batch mean against running mean, ${name}, ${l.batchMean.length} units; the dashed line is agreement.`}
              />
              <ScatterPlot
                xs={l.runningVar} ys={l.batchVar} size={side} color={THEORY} xLabel="running variance" yLabel="batch variance"
                ariaLabel={`Per-unit batch variance against running variance, ${name}, ${l.batchVar.length} units; the dashed line is agreement.`}
              />
            </div>
          );
        }}
      </ChartBox>
    </PanelFrame>
  );
});

function scatterSide(width: number): number {
  const { each } = twoUp(width);
  return Math.max(160, Math.min(300, each - 92));
}
