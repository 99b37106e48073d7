/**
 * Per-channel batch-norm state of one conv layer (the selected one if it has batch norm, else the
 * first that does): the latest batch's variance against the running estimate eval mode uses, and
 * gamma and beta as learned.
 */
import { useMemo } from 'react';
import { ChartBox, lineChartHeight } from '../../charts/ChartBox.tsx';
import { MEASURED, THEORY, seriesColor } from '../../charts/chartColors.ts';
import { DataTable } from '../../charts/DataTable.tsx';
import { Legend } from '../../charts/Legend.tsx';
import { LogLineChart } from '../../charts/LogLineChart.tsx';
import type { LineSeries } from '../../charts/lineSeries.ts';
import { PanelFrame } from '../../charts/PanelFrame.tsx';
import { formatNumber, readSecondMoment } from '../../format/number.ts';
import { NORM_FIELDS } from '../../../engine/contract/trainLayout.ts';
import { useLab } from '../../store/LabContext.tsx';
import { useConvSelection } from './selection.ts';
import { unitTitle } from './useArch.ts';
import { useShownRun } from './RunChoice.tsx';

export function ConvNormPanel() {
  const { state, sameNetwork, control } = useShownRun();
  const selected = useConvSelection((s) => s.unit);
  const unit = sameNetwork ? selected : null;
  const step = useLab((s) => s.train?.metrics.step ?? 0);
  const norms = state?.norms ?? [];
  const shown = norms.find((n) => n.unit === unit) ?? norms[0] ?? null;
  const fields = useMemo(() => {
    if (!shown) return null;
    const c = shown.channels;
    return Object.fromEntries(NORM_FIELDS.map((f, k) => [f, Array.from(shown.data.subarray(k * c, (k + 1) * c))])) as Record<(typeof NORM_FIELDS)[number], number[]>;
  }, [shown]);
  const series: LineSeries[] = fields ? [
    { id: 'batch', label: 'batch variance', color: MEASURED, kind: 'measured', values: fields.batchVar.map((v) => readSecondMoment(v)), emphasis: true },
    { id: 'running', label: 'running variance (eval mode)', color: THEORY, kind: 'theory', values: fields.runningVar.map((v) => readSecondMoment(v)) },
    { id: 'gamma2', label: 'γ²', color: seriesColor(2), kind: 'measured', marker: 'square', values: fields.gamma.map((v) => readSecondMoment(v * v)) },
  ] : [];
  const rows = fields ? fields.batchMean.map((_, ch) => ({
    key: ch, header: `channel ${ch + 1}`, cells: NORM_FIELDS.map((f) => formatNumber(fields[f][ch])),
  })) : [];
  return (
    <PanelFrame
      id="convbn"
      title="Batch norm per channel"
      hint={<>{shown && state ? <><strong>{unitTitle(state, shown.unit)}</strong> ({norms.length} layer{norms.length === 1 ? '' : 's'} with batch norm; select another in the spec sheet or the feature maps). </> : null}
        A conv layer’s batch norm takes one mean and variance per channel, over the batch and every position (N·H·W values), at step {step}. The running estimates, what the test set sees in eval mode, trail the batch’s; γ rescales each normalized channel.</>}
      controls={control}
      table={<DataTable caption="Per-channel batch-norm state" rowHeader="Channel" columns={NORM_FIELDS.map((f) => ({ header: f }))} rows={rows} />}
    >
      {!shown ? <p className="chart-placeholder">{state ? 'This network has no batch norm: choose tiny_resnet, tiny_resnext or tiny_densenet, or add bn after a conv in the spec.' : 'Waiting for the run…'}</p> : (
        <>
          <Legend items={series} />
          <ChartBox height={lineChartHeight} placeholder={null}>
            {(width, height) => <LogLineChart series={series} width={width} height={height} yLabel="variance" xLabel="Channel" ariaLabel={`Per-channel batch and running variance and gamma squared of layer ${shown.unit + 1}.`} />}
          </ChartBox>
        </>
      )}
    </PanelFrame>
  );
}
