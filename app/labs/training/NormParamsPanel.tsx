import { useId, useMemo, useState } from 'react';
import { MUTED, seriesColor } from '../../charts/chartColors.ts';
import { ChartBox } from '../../charts/ChartBox.tsx';
import { PanelFrame } from '../../charts/PanelFrame.tsx';
import { ChoiceToggle } from '../../charts/ChoiceToggle.tsx';
import { DataTable } from '../../charts/DataTable.tsx';
import { StepChart } from '../../charts/StepChart.tsx';
import { StepLegend, type StepLegendItem } from '../../charts/StepLegend.tsx';
import type { StepBand, StepLine, YScaleKind } from '../../charts/stepSeries.ts';
import { describeSteps, stepTable, TABLE_NOTE, type TableSeries } from '../../charts/stepTable.ts';
import { runColumns, type NormColumns, type NormLayerColumns } from './runColumns.ts';
import { useShownRuns, useTableRuns, type ShownRun } from './runs.ts';
import { pickLayers, smallChartHeight, trainingPlaceholder } from './shared.ts';

const SCALE_CHOICES = [
  { value: 'linear', label: 'linear' },
  { value: 'log', label: 'log' },
] as const satisfies readonly { value: YScaleKind; label: string }[];

interface BnRun {
  readonly run: ShownRun;
  readonly norms: NormColumns;
  /** Drawn dashed (the second of two batch-norm runs). */
  readonly second: boolean;
}

type Field = keyof NormLayerColumns;

/**
 * Batch norm's learnable gamma and beta per layer over training, and how far its running
 * estimates trail the current batch's statistics; for each shown run with batch norm.
 */
export function NormParamsPanel() {
  const shown = useShownRuns();
  const { runs, status, busy } = shown;
  const tableRuns = useTableRuns(shown);
  const titleId = useId();
  const bnRuns = useMemo(() => bnRunsOf(runs), [runs]);
  const tableBnRuns = useMemo(() => bnRunsOf(tableRuns), [tableRuns]);
  const anyBn = runs.some((r) => r.config.norm === 'batch');
  if (!anyBn) {
    return (
      <section className="lab-panel" aria-labelledby={titleId}>
        <h2 id={titleId}>Batch norm’s γ, β and running estimates</h2>
        <p className="panel-note">
          With batch norm on (Normalization in the sidebar, or the side-by-side comparison above), these charts show each
          layer’s learned scale γ and shift β over training, and how far the running mean and variance that eval mode
          normalizes the test set with trail the current mini-batch’s.
        </p>
      </section>
    );
  }
  const layerCount = Math.max(0, ...bnRuns.map((b) => b.norms.layers.length));
  const layers = pickLayers(layerCount);
  const placeholder = bnRuns.length > 0 ? null : trainingPlaceholder(status);
  return (
    <section className="lab-panel wide" aria-labelledby={titleId}>
      <GammaBetaFigure titleId={titleId} bnRuns={bnRuns} tableBnRuns={tableBnRuns} layers={layers} layerCount={layerCount} placeholder={placeholder} busy={busy} />
      <LagFigure bnRuns={bnRuns} tableBnRuns={tableBnRuns} layers={layers} placeholder={placeholder} busy={busy} />
    </section>
  );
}

interface FigureProps {
  readonly bnRuns: readonly BnRun[];
  /** What the tables show (frozen while the run runs). */
  readonly tableBnRuns: readonly BnRun[];
  readonly layers: readonly number[];
  readonly placeholder: string | null;
  readonly busy: boolean;
}

function GammaBetaFigure({ titleId, bnRuns, tableBnRuns, layers, layerCount, placeholder, busy }: FigureProps & { titleId: string; layerCount: number }) {
  const gamma = useMemo(() => spreadSeries(bnRuns, layers, 'gammaMean', 'gammaSd'), [bnRuns, layers]);
  const beta = useMemo(() => spreadSeries(bnRuns, layers, 'betaMean', 'betaSd'), [bnRuns, layers]);
  const table = useMemo(() => stepTable(tableSeries(tableBnRuns, layers, [['gammaMean', 'γ mean'], ['gammaSd', 'γ sd'], ['betaMean', 'β mean'], ['betaSd', 'β sd']])), [tableBnRuns, layers]);
  const shown = layers.length < layerCount ? ` Layers ${layers.map((l) => l + 1).join(', ')} of ${layerCount} are shown.` : '';
  return (
    <PanelFrame
      id="bnparams"
      section={false}
      title="Batch norm’s γ and β over training"
      titleId={titleId}
      busy={busy}
      hint={<>
        After normalizing, batch norm scales each unit by a learned γ and shifts it by a learned β (they start at 1 and 0).
        Line: the mean over a layer’s units; band: ± one standard deviation across them. γ = σ and β = μ would undo the
        normalization entirely, so the network keeps the choice.{shown}
      </>}
      table={<DataTable caption={`γ and β per layer: mean and standard deviation over the layer’s units (${TABLE_NOTE})`} rowHeader="Step" columns={table.columns} rows={table.rows} />}
    >
      <StepLegend items={legendItems(bnRuns, layers, true)} />
      <div className="chart-pair">
        <SmallChart title="γ (scale)" lines={gamma.lines} bands={gamma.bands} yLabel="γ" placeholder={placeholder} busy={busy} />
        <SmallChart title="β (shift)" lines={beta.lines} bands={beta.bands} yLabel="β" placeholder={placeholder} busy={busy} />
      </div>
    </PanelFrame>
  );
}

function LagFigure({ bnRuns, tableBnRuns, layers, placeholder, busy }: FigureProps) {
  const [scale, setScale] = useState<YScaleKind>('log');
  const meanLag = useMemo(() => layerLines(bnRuns, layers, 'meanLag'), [bnRuns, layers]);
  const varLag = useMemo(() => layerLines(bnRuns, layers, 'varLag'), [bnRuns, layers]);
  const table = useMemo(() => stepTable(tableSeries(tableBnRuns, layers, [['meanLag', 'mean gap'], ['varLag', 'variance gap']])), [tableBnRuns, layers]);
  const momenta = bnRuns.map((b) => b.run.config.bnmom).filter((m, i, all) => all.indexOf(m) === i).join(' and ');
  return (
    <PanelFrame
      id="bnlag"
      section={false}
      title="Running estimates against the current batch"
      level={2}
      busy={busy}
      hint={<>
        In eval mode batch norm normalizes with running averages of the batch means and variances, each new batch
        weighted by the momentum ({momenta}). Each line is the RMS over a layer’s units of the gap between the running
        estimate and the current mini-batch’s own statistic, in that layer’s units. Two things make it: lag, while the
        layers below still change (the early fall), and each batch’s sampling noise (about σ/√batch for a mean), which
        stays. A small momentum or a small batch widens it — the train/eval mismatch the “Test-time statistics” switch shows.
      </>}
      controls={<ChoiceToggle legend="Y axis" choices={SCALE_CHOICES} value={scale} onChange={setScale} />}
      table={<DataTable caption={`RMS gap between the running estimates and the current batch’s statistics, per layer (${TABLE_NOTE})`} rowHeader="Step" columns={table.columns} rows={table.rows} />}
    >
      <StepLegend items={legendItems(bnRuns, layers, false)} />
      <div className="chart-pair">
        <SmallChart title="Mean: |running − batch|" lines={meanLag} yLabel="RMS gap" yScale={scale} placeholder={placeholder} busy={busy} />
        <SmallChart title="Variance: |running − batch|" lines={varLag} yLabel="RMS gap" yScale={scale} placeholder={placeholder} busy={busy} />
      </div>
    </PanelFrame>
  );
}

function SmallChart({ title, lines, bands, yLabel, yScale, placeholder, busy }: {
  title: string; lines: readonly StepLine[]; bands?: readonly StepBand[]; yLabel: string; yScale?: YScaleKind; placeholder: string | null; busy: boolean;
}) {
  return (
    <div className="chart-pair-cell">
      <h3 className="small-chart-title">{title}</h3>
      <ChartBox height={smallChartHeight} placeholder={placeholder}>
        {(width, height) => (
          <StepChart lines={lines} bands={bands} width={width} height={height} yLabel={yLabel} yScale={yScale} stale={busy}
            ariaLabel={`${title} over training: ${describeSteps(lines)}.`} />
        )}
      </ChartBox>
    </div>
  );
}

function bnRunsOf(runs: readonly ShownRun[]): BnRun[] {
  const out: BnRun[] = [];
  for (const r of runs) {
    const norms = r.config.norm === 'batch' ? runColumns(r.run).norms : null;
    if (norms) out.push({ run: r, norms, second: out.length > 0 });
  }
  return out;
}

const runSuffix = (b: BnRun) => (b.run.name ? ` (${b.run.name})` : '');

function spreadSeries(bnRuns: readonly BnRun[], layers: readonly number[], mean: Field, sd: Field): { lines: StepLine[]; bands: StepBand[] } {
  const lines: StepLine[] = [], bands: StepBand[] = [];
  for (const b of bnRuns) {
    layers.forEach((l, k) => {
      const c = b.norms.layers[l];
      if (!c) return;
      const id = `${b.run.id}-${l}`, color = seriesColor(k);
      lines.push({ id, label: `layer ${l + 1}${runSuffix(b)}`, color, steps: b.norms.steps, values: c[mean], style: b.second ? 'dashed' : 'solid' });
      if (!b.second) {
        const lo = c[mean].map((m, i) => m - c[sd][i]), hi = c[mean].map((m, i) => m + c[sd][i]);
        bands.push({ id, label: `± sd, layer ${l + 1}`, color, steps: b.norms.steps, lo, hi });
      }
    });
  }
  return { lines, bands };
}

function layerLines(bnRuns: readonly BnRun[], layers: readonly number[], field: Field): StepLine[] {
  return bnRuns.flatMap((b) => layers.flatMap((l, k): StepLine[] => {
    const c = b.norms.layers[l];
    return c ? [{ id: `${b.run.id}-${l}`, label: `layer ${l + 1}${runSuffix(b)}`, color: seriesColor(k), steps: b.norms.steps, values: c[field], style: b.second ? 'dashed' : 'solid' }] : [];
  }));
}

function legendItems(bnRuns: readonly BnRun[], layers: readonly number[], band: boolean): StepLegendItem[] {
  const items: StepLegendItem[] = layers.map((l, k) => ({ id: `layer-${l}`, label: `layer ${l + 1}`, color: seriesColor(k), style: 'solid' }));
  if (band) items.push({ id: 'band', label: '± one sd across units', color: MUTED, style: 'band' });
  if (bnRuns.length > 1) {
    items.push({ id: 'first', label: bnRuns[0].run.name, color: MUTED, style: 'solid' });
    items.push({ id: 'second', label: bnRuns[1].run.name, color: MUTED, style: 'dashed' });
  }
  return items;
}

function tableSeries(bnRuns: readonly BnRun[], layers: readonly number[], fields: readonly (readonly [Field, string])[]): TableSeries[] {
  return bnRuns.flatMap((b) => layers.flatMap((l) => {
    const c = b.norms.layers[l];
    if (!c) return [];
    return fields.map(([f, header]) => ({ header, group: `layer ${l + 1}${runSuffix(b)}`, steps: b.norms.steps, values: c[f] }));
  }));
}
