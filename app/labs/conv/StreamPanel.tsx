/**
 * The residual stream: the variance of each top-level module's output on the latest training
 * batch. Through identity skips (x + F(x)) it grows block by block instead of being reset by each
 * layer; a projection (stride or width change) or a plain layer sets it anew. The block Jacobian
 * panel follows it.
 */
import { ChartBox, lineChartHeight } from '../../charts/ChartBox.tsx';
import { MEASURED } from '../../charts/chartColors.ts';
import { DataTable } from '../../charts/DataTable.tsx';
import { Legend } from '../../charts/Legend.tsx';
import { LogLineChart } from '../../charts/LogLineChart.tsx';
import type { LineSeries } from '../../charts/lineSeries.ts';
import { PanelFrame } from '../../charts/PanelFrame.tsx';
import { formatNumber, readSecondMoment } from '../../format/number.ts';
import { useLab } from '../../store/LabContext.tsx';
import { BlockJacobianPanel } from './BlockJacobianPanel.tsx';
import { useShownRun } from './RunChoice.tsx';

export function StreamPanel() {
  // Shown when any run has residual blocks; a switch picks the run (a plain partner says it has none).
  const { state, states, control } = useShownRun();
  const step = useLab((s) => s.train?.metrics.step ?? 0);
  if (!states.some((st) => st?.stream.kinds.includes('resblock'))) return null;
  if (!state || !state.stream.kinds.includes('resblock')) {
    return (
      <PanelFrame id="stream" title="The residual stream" controls={control}
        hint={<>Variance of each top-level module’s output on the latest training batch, for a network with residual blocks.</>}
        table={<DataTable caption="Stream variance per module" rowHeader="Module" columns={[{ header: 'kind' }, { header: 'variance' }]} rows={[]} />}>
        <p className="chart-placeholder">{state ? 'This run’s network has no residual blocks: its layers set the signal anew, there is no stream to carry.' : 'Waiting for the run…'}</p>
      </PanelFrame>
    );
  }
  const { kinds, variance } = state.stream;
  const series: LineSeries[] = [{ id: 'stream', label: 'Var(module output)', color: MEASURED, kind: 'measured', values: Array.from(variance, (v) => readSecondMoment(v)), emphasis: true }];
  const rows = kinds.map((k, m) => ({ key: m, header: `module ${m + 1}`, cells: [k, formatNumber(variance[m])] }));
  return (
    <>
      <PanelFrame
        id="stream"
        title="The residual stream"
        hint={<>Variance of each top-level module’s output (over N, C, H, W) on the latest training batch, step {step}: {kinds.map((k, m) => `${m + 1} ${k}`).join(', ')}. Each residual block adds its branch to the stream (x + F(x)), so without normalization after the sum the variance builds up block by block.</>}
        controls={control}
        table={<DataTable caption="Stream variance per module" rowHeader="Module" columns={[{ header: 'kind' }, { header: 'variance' }]} rows={rows} />}
      >
        <Legend items={series} />
        <ChartBox height={lineChartHeight} placeholder={null}>
          {(width, height) => <LogLineChart series={series} width={width} height={height} yLabel="variance" xLabel="Module" ariaLabel={`Variance after each module at step ${step}.`} />}
        </ChartBox>
      </PanelFrame>
      <BlockJacobianPanel state={state} />
    </>
  );
}
