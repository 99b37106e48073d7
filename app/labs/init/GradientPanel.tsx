import { useDeferredValue, useId, useMemo } from 'react';
import { ChartBox, lineChartHeight } from '../../charts/ChartBox.tsx';
import { PanelFrame } from '../../charts/PanelFrame.tsx';
import { DataTable } from '../../charts/DataTable.tsx';
import { Legend } from '../../charts/Legend.tsx';
import type { LineSeries } from '../../charts/lineSeries.ts';
import { LogLineChart } from '../../charts/LogLineChart.tsx';
import { useLab } from '../../store/LabContext.tsx';
import { useShownProbe } from '../../store/shownProbe.ts';
import { variantMomentSeries } from '../../charts/variantSeries.ts';
import { PLACEHOLDER } from '../../charts/placeholder.ts';
import { describeGradient, describeWeightGradient, gradientRows, gradientSeries, weightGradientSeries } from './gradientRows.ts';
import { gradientGrowthReading, theorySource } from './probeNotes.ts';
import '../../charts/panels.css';

const GRADIENT_ID = 'gradient';
const WEIGHT_ID = 'weight-gradient';

/** (d) Gradient flow: the backward pass's second moments with their theory, and the weight-gradient norms. */
export function GradientPanel() {
  // Deferred: while a slider moves, the signal chart updates first and this panel when React has time.
  const shown = useDeferredValue(useShownProbe());
  const { probe, stale, trainingStep, variants } = shown;
  const config = useLab((s) => s.config);
  const status = useLab((s) => s.status);
  const titleId = useId();
  const rows = useMemo(() => (probe ? gradientRows(probe) : []), [probe]);
  const gradient = useMemo(() => [
    ...gradientSeries(rows).filter((l) => trainingStep === null || l.kind !== 'theory'),
    ...variantMomentSeries(variants, config, 'gradM2', 'nonFiniteGrad'),
  ], [rows, trainingStep, variants, config]);
  const weight = useMemo(() => weightGradientSeries(rows), [rows]);
  const placeholder = rows.length > 0 ? null : PLACEHOLDER[status];
  const layerRows = rows.map((r) => ({ key: r.layer, header: String(r.layer) }));

  return (
    <section className="lab-panel" aria-labelledby={titleId}>
      <h2 id={titleId} className="panel-title">Gradient flow</h2>
      <p className="figure-hint">
        {trainingStep === null
          ? 'The backward pass starts from an N(0, 1) gradient at the last hidden layer and runs down to layer 1: read these charts from right to left.'
          : `The gradient of the loss on the latest training batch, at step ${trainingStep}, from the output layer down to layer 1: read these charts from right to left. The backward recursion holds at initialization only, so no theory line is drawn.`}
        {trainingStep === null && theorySource(config, 'gradient') ? ` ${theorySource(config, 'gradient')}` : null}
        {trainingStep === null && probe && gradientGrowthReading(probe) ? <> <span className="reading">{gradientGrowthReading(probe)}</span></> : null}
      </p>
      {trainingStep === null && config.residual === 1 && config.resform === 'pre' && config.alpha === 'zero' && (
        <p className="panel-callout info">
          <strong>Every residual branch starts at zero here</strong> (its last layer’s weights are 0), so at initialization no
          gradient flows back into a branch: the gradient at every pre-activation, on this layer’s path, is exactly 0, measured
          and predicted. The stream carries the gradient past the branches, and each branch’s last layer still gets a weight
          gradient (below), so the first training step brings the branches to life.
        </p>
      )}
      {probe && probe.backwardOverflowLayer > 0 && (
        <p className="panel-callout danger">
          <span aria-hidden="true">▲ </span>
          <strong>The gradient overflowed in the backward pass</strong>, first at layer {probe.backwardOverflowLayer} on its way down.
        </p>
      )}
      <PanelFrame
        id={GRADIENT_ID}
        section={false}
        title="Gradient second moment by layer"
        level={3}
        busy={stale}
        hint="E[g²] of g = ∂L/∂h, the gradient at each layer’s pre-activations; dashed: the backward recursion’s prediction."
        table={
          <DataTable
            caption="Gradient second moment by layer: E[g²] of g = ∂L/∂h, measured and predicted"
            rowHeader="Layer"
            columns={[{ header: 'measured E[g²]' }, { header: 'theory E[g²]' }]}
            rows={rows.map((r, i) => ({ ...layerRows[i], cells: [r.gradM2, r.theoryGradM2] }))}
          />
        }
      >
        <SeriesLegend series={gradient} />
        <ChartBox height={(w) => Math.round(lineChartHeight(w) * 0.85)} placeholder={placeholder}>
          {(width, height) => (
            <LogLineChart series={gradient} width={width} height={height} yLabel="E[g²]" ariaLabel={describeGradient(rows)} stale={stale} />
          )}
        </ChartBox>
      </PanelFrame>
      <PanelFrame
        id={WEIGHT_ID}
        section={false}
        title="Weight-gradient norms by layer"
        level={3}
        busy={stale}
        hint="‖∂L/∂W‖, the Frobenius norm of each layer’s weight gradient, and ‖∂L/∂W‖ / ‖W‖: how far one plain gradient step would move that layer’s weights, relative to their size."
        table={
          <DataTable
            caption="Weight-gradient norms by layer: ‖∂L/∂W‖, ‖W‖ and their ratio"
            rowHeader="Layer"
            columns={[{ header: '‖∂L/∂W‖' }, { header: '‖W‖' }, { header: '‖∂L/∂W‖ / ‖W‖' }]}
            rows={rows.map((r, i) => ({ ...layerRows[i], cells: [r.weightGradNorm, r.weightNorm, r.weightGradRatio] }))}
          />
        }
      >
        <SeriesLegend series={weight} />
        <ChartBox height={(w) => Math.round(lineChartHeight(w) * 0.85)} placeholder={placeholder}>
          {(width, height) => (
            <LogLineChart series={weight} width={width} height={height} yLabel="norm" ariaLabel={describeWeightGradient(rows)} stale={stale} />
          )}
        </ChartBox>
      </PanelFrame>
    </section>
  );
}

function SeriesLegend({ series }: { series: readonly LineSeries[] }) {
  const overflow = series.some((s) => s.values.some((v) => v?.kind === 'overflow'));
  const zero = series.some((s) => s.values.some((v) => v?.kind === 'zero'));
  return <Legend items={series.map((s) => ({ id: s.id, label: s.label, color: s.color, kind: s.kind, marker: s.marker }))} overflow={overflow} zero={zero} />;
}
