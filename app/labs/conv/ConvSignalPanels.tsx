/**
 * Signal by layer and gradient by layer of the latest training batch, for every conv and dense
 * layer: the first half's lessons on conv layers. The forward line is the mean-field
 * E[z²] = n·E[w²]·E[x²] with n = fan_in = C_in/groups·k_h·k_w (He et al. 2015), from each layer's
 * measured input, so the chart checks the formula layer by layer.
 */
import { useMemo } from 'react';
import { ChartBox, lineChartHeight } from '../../charts/ChartBox.tsx';
import { DataTable } from '../../charts/DataTable.tsx';
import { Legend } from '../../charts/Legend.tsx';
import { LogLineChart } from '../../charts/LogLineChart.tsx';
import { PanelFrame } from '../../charts/PanelFrame.tsx';
import { formatNumber } from '../../format/number.ts';
import { useLab } from '../../store/LabContext.tsx';
import { runHeading } from '../training/runLabel.ts';
import { column, gradientSeries, interiorRatios, signalSeries } from './signalRows.ts';
import { useConvSelection } from './selection.ts';
import { unitTitle, useArchState, useVariantArchStates } from './useArch.ts';

const X_LABEL = 'Layer (conv and dense, in order)';

export function ConvSignalPanels() {
  return (
    <>
      <SignalPanel />
      <GradientPanel />
    </>
  );
}

function useNames(count: number): string[] {
  const config = useLab((s) => s.trainConfig);
  return useMemo(() => Array.from({ length: count }, (_, i) => runHeading(config, i)), [config, count]);
}

function SignalPanel() {
  const state = useArchState();
  const variants = useVariantArchStates();
  const names = useNames(1 + variants.length);
  const step = useLab((s) => s.train?.metrics.step ?? 0);
  const unit = useConvSelection((s) => s.unit);
  const series = useMemo(() => (state ? signalSeries(state, variants, names) : []), [state, variants, names]);
  const ratios = useMemo(() => (state ? interiorRatios(state) : []), [state]);
  const rows = state ? state.units.map((u, l) => ({
    key: l, header: `${l + 1}. ${u.name}`,
    cells: [String(u.fanIn), formatNumber(column(state, 'measuredSq')[l]), formatNumber(column(state, 'interiorSq')[l]), formatNumber(column(state, 'theory')[l]), formatNumber(ratios[l]), formatNumber(column(state, 'actVar')[l])],
  })) : [];
  return (
    <PanelFrame
      id="convsignal"
      title="Signal by layer, with the theory line"
      hint={<>E[z²] of each layer’s x∗W + b on the latest training batch (step {step}) against n·E[w²]·E[x²] with n = fan_in = C_in·k_h·k_w, from the layer’s own measured input. Zero padding gives border outputs fewer than n terms, so the whole map sits below the line; the interior (no window in the padding) is what the formula describes. At step 0 the interior sits near the line; training makes weights and inputs dependent, and the points leave it.
        {state && unit !== null && state.units[unit] && <> <strong>{unitTitle(state, unit)}</strong>: measured/theory {formatNumber(ratios[unit], 3)}.</>}</>}
      table={<DataTable caption={`Signal by layer at step ${step}`} rowHeader="Layer" columns={[{ header: 'n = fan_in' }, { header: 'E[z²]' }, { header: 'E[z²] interior' }, { header: 'n·E[w²]·E[x²]' }, { header: 'measured / theory' }, { header: 'Var(activation)' }]} rows={rows} />}
    >
      <Legend items={series} />
      <ChartBox height={lineChartHeight} placeholder={state ? null : 'Waiting for the run…'}>
        {(width, height) => <LogLineChart series={series} width={width} height={height} yLabel="E[z²]" xLabel={X_LABEL} ariaLabel={`Second moment of each layer's pre-activation at step ${step}, measured and predicted by n = fan_in.`} />}
      </ChartBox>
    </PanelFrame>
  );
}

function GradientPanel() {
  const state = useArchState();
  const variants = useVariantArchStates();
  const names = useNames(1 + variants.length);
  const step = useLab((s) => s.train?.metrics.step ?? 0);
  const series = useMemo(() => (state ? gradientSeries(state, variants, names) : []), [state, variants, names]);
  const rows = state ? state.units.map((u, l) => ({
    key: l, header: `${l + 1}. ${u.name}`, cells: [formatNumber(column(state, 'gradSq')[l]), formatNumber(column(state, 'weightGradNorm')[l]), formatNumber(column(state, 'dead')[l])],
  })) : [];
  return (
    <PanelFrame
      id="convgradient"
      title="Gradient by layer"
      hint={<>E[(∂L/∂z)²] at each layer’s pre-activation on the latest training batch (step {step}), from the output back to the first conv. He’s initialization keeps it about level through ReLU convs (n = fan_in forward, fan_out backward); too small a gain makes it shrink toward the input, too large grow. Dead: fraction of a ReLU layer’s channels that are ≤ 0 everywhere on the batch.</>}
      table={<DataTable caption={`Gradient by layer at step ${step}`} rowHeader="Layer" columns={[{ header: 'E[(∂L/∂z)²]' }, { header: '‖∂L/∂W‖' }, { header: 'dead channels' }]} rows={rows} />}
    >
      <Legend items={series} />
      <ChartBox height={lineChartHeight} placeholder={state ? null : 'Waiting for the run…'}>
        {(width, height) => <LogLineChart series={series} width={width} height={height} yLabel="E[(∂L/∂z)²]" xLabel={X_LABEL} ariaLabel={`Second moment of the loss gradient at each layer's pre-activation at step ${step}.`} />}
      </ChartBox>
    </PanelFrame>
  );
}
