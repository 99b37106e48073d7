/**
 * The residual panels by layer and by block: (a) the gradient norm per hidden layer of every run,
 * (b) each block's Jacobian norm against the line at 1, (c) the residual stream's variance growth
 * with its theory. Each reads the runs from the store; the charts beneath take props only.
 */
import { useMemo } from 'react';
import { ChartBox, lineChartHeight } from '../../charts/ChartBox.tsx';
import { PanelFrame } from '../../charts/PanelFrame.tsx';
import { DataTable } from '../../charts/DataTable.tsx';
import { Legend } from '../../charts/Legend.tsx';
import type { LineSeries } from '../../charts/lineSeries.ts';
import { LogLineChart } from '../../charts/LogLineChart.tsx';
import { useLab } from '../../store/LabContext.tsx';
import { PLACEHOLDER } from '../../charts/placeholder.ts';
import { trainingPlaceholder } from '../training/shared.ts';
import {
  describeGradientNorms, describeJacobian, describeStream, gradientNormSeries, gradientNormTable,
  jacobianSeries, jacobianTable, readGradientNorms, readJacobian, readStream, streamSeries, streamTable,
} from './layerRows.ts';
import { useLayerRuns, type LayerRuns } from './useRuns.ts';

const chartHeight = (w: number) => Math.round(lineChartHeight(w) * 0.9);

/** What a chart by layer says before its numbers: the probe's status, or the training run's. */
function usePlaceholder(shown: LayerRuns, hasLines: boolean, absent: string): string | null {
  const status = useLab((s) => s.status);
  const trainStatus = useLab((s) => s.trainStatus);
  const training = useLab((s) => s.config.data !== 'none');
  if (hasLines) return null;
  if (!shown.ready) return training ? trainingPlaceholder(trainStatus) : PLACEHOLDER[status];
  return absent;
}

function SeriesLegend({ series }: { series: readonly LineSeries[] }) {
  const overflow = series.some((s) => s.values.some((v) => v?.kind === 'overflow'));
  const zero = series.some((s) => s.values.some((v) => v?.kind === 'zero'));
  return <Legend items={series.map((s) => ({ id: s.id, label: s.label, color: s.color, kind: s.kind, marker: s.marker }))} overflow={overflow} zero={zero} />;
}

/** "at initialization" or "on the training batch of step 120". */
function when(trainingStep: number | null): string {
  return trainingStep === null ? 'at initialization' : `on the latest training batch (step ${trainingStep.toLocaleString('en-US')})`;
}

// ---------------------------------------------------------------------------------------------

export const GRADIENT_NORM_TABLE = 'residual-gradient-norm';

/** (a) ‖∂L/∂h‖ per hidden layer of every run, on a log axis. */
export function GradientNormPanel() {
  const shown = useLayerRuns();
  const { runs, stale, trainingStep } = shown;
  const series = useMemo(() => gradientNormSeries(runs), [runs]);
  const table = useMemo(() => gradientNormTable(runs), [runs]);
  const reading = useMemo(() => readGradientNorms(runs), [runs]);
  const placeholder = usePlaceholder(shown, series.length > 0, '');
  return (
    <PanelFrame
      id={GRADIENT_NORM_TABLE}
      section="lab-panel residual-panel"
      title="Gradient norm by layer"
      busy={stale}
      hint={
        <>
          ‖∂L/∂h‖, the norm of the gradient at each hidden layer’s pre-activations, {when(trainingStep)}
          {runs.length > 1 ? ', for every run in its colour' : ''}. The gradient enters at the top: read right to left.
          A plain stack multiplies it by one Jacobian per layer, so where those are consistently below (above) 1 it shrinks (grows) geometrically;
          an identity shortcut adds I to each block’s Jacobian, so the gradient cannot vanish through it (it can still grow, by about 1 + α² per block).
          {reading ? <> <span className="reading">{reading}</span></> : null}
        </>
      }
      table={<DataTable caption={`Gradient norm ‖∂L/∂h‖ by hidden layer, ${when(trainingStep)}`} rowHeader="Layer" columns={table.columns} rows={table.rows} />}
    >
      <SeriesLegend series={series} />
      <ChartBox height={chartHeight} placeholder={placeholder}>
        {(width, height) => <LogLineChart series={series} width={width} height={height} yLabel="‖∂L/∂h‖" ariaLabel={describeGradientNorms(runs)} stale={stale} />}
      </ChartBox>
    </PanelFrame>
  );
}

// ---------------------------------------------------------------------------------------------

export const JACOBIAN_TABLE = 'residual-jacobian';

/** (b) ‖∂x(k+1)/∂x(k)‖ of each block, plain vs residual, against the line at 1. */
export function BlockJacobianPanel() {
  const shown = useLayerRuns();
  const { runs, stale, trainingStep } = shown;
  const series = useMemo(() => jacobianSeries(runs), [runs]);
  const table = useMemo(() => jacobianTable(runs), [runs]);
  const reading = useMemo(() => readJacobian(runs), [runs]);
  const placeholder = usePlaceholder(shown, series.length > 0, 'No block Jacobians measured for these runs.');
  return (
    <PanelFrame
      id={JACOBIAN_TABLE}
      section="lab-panel residual-panel"
      title="Block Jacobian norm"
      busy={stale}
      hint={
        <>
          ‖∂x(k+1)/∂x(k)‖ of each block of two layers, {when(trainingStep)}: how much one block scales the gradient passing
          down through it (measured as ‖∂L/∂x(k)‖ / ‖∂L/∂x(k+1)‖ over the batch). A residual block computes x(k+1) = x(k) + F(x(k)), so its Jacobian is <strong>∂F/∂x + I</strong>:
          the identity term carries the gradient through even where ∂F/∂x is tiny, and the norm stays near 1 (dashed).
          A plain pair of layers has only ∂F/∂x: <em>if</em> its norm is below 1 at every block (a gain too small, or saturating tanh or sigmoid),
          the gradient vanishes geometrically with depth, and above 1 it explodes; He init on ReLU keeps it near 1 on average, with a spread from block to block.
          {reading ? <> <span className="reading">{reading}</span></> : null}
        </>
      }
      table={<DataTable caption={`Jacobian norm ‖∂x(k+1)/∂x(k)‖ of each block, ${when(trainingStep)}`} rowHeader="Block" columns={table.columns} rows={table.rows} />}
    >
      <SeriesLegend series={series} />
      <ChartBox height={chartHeight} placeholder={placeholder}>
        {(width, height) => (
          <LogLineChart series={series} width={width} height={height} yLabel="‖∂x(k+1)/∂x(k)‖" xLabel="Block (two hidden layers each)" ariaLabel={describeJacobian(runs)} stale={stale} />
        )}
      </ChartBox>
    </PanelFrame>
  );
}

// ---------------------------------------------------------------------------------------------

export const STREAM_TABLE = 'residual-stream';

/** (c) E[x²] of the residual stream after each block, measured and predicted. */
export function StreamVariancePanel() {
  const shown = useLayerRuns();
  const { runs, stale, trainingStep } = shown;
  const series = useMemo(() => {
    const all = streamSeries(runs);
    return trainingStep === null ? all : all.filter((s) => s.kind !== 'theory');
  }, [runs, trainingStep]);
  const table = useMemo(() => streamTable(runs), [runs]);
  const reading = useMemo(() => readStream(runs), [runs]);
  const placeholder = usePlaceholder(shown, series.length > 0, 'No residual stream in these runs.');
  return (
    <PanelFrame
      id={STREAM_TABLE}
      section="lab-panel residual-panel"
      title="Residual stream variance by block"
      busy={stale}
      hint={
        <>
          E[x²] of the stream x(k) after each block, {when(trainingStep)}; dashed: the theory{trainingStep === null ? '' : ' (at initialization only, so not drawn here)'}.
          Nothing normalizes the sum, and F(x) is nearly uncorrelated with x, so variances add: Var x(k+1) = Var x(k) + α² Var F.
          With He init F keeps its input’s variance and the stream about <strong>doubles per block</strong>;
          with batch norm ending the branch, F adds <strong>+1 per block</strong>;
          with branch scale α it grows <strong>×(1 + α²)</strong> per block (α = 1/√L: about e over all L blocks; a zero-initialized branch: not at all).
          The post-activation form’s ReLU after the sum shifts these factors; the theory follows the form in use.
          {reading ? <> <span className="reading">{reading}</span></> : null}
        </>
      }
      table={<DataTable caption={`Residual stream second moment E[x²] after each block, measured, predicted, and its growth over the block, ${when(trainingStep)}`} rowHeader="Block" columns={table.columns} rows={table.rows} />}
    >
      <SeriesLegend series={series} />
      <ChartBox height={chartHeight} placeholder={placeholder}>
        {(width, height) => (
          <LogLineChart series={series} width={width} height={height} yLabel="E[x²]" xLabel="Block (two hidden layers each)" ariaLabel={describeStream(runs)} stale={stale} />
        )}
      </ChartBox>
    </PanelFrame>
  );
}
