/**
 * The per-layer signal and gradient of the supervised objective on the first training batch at
 * step 0, with the initial weights and with the pretrained ones: the init lab's charts and rows,
 * two runs of one network. What pretraining did to each layer before a single label was used.
 */
import { useMemo } from 'react';
import { ChartBox, lineChartHeight } from '../../../charts/ChartBox.tsx';
import { DataTable } from '../../../charts/DataTable.tsx';
import { Legend } from '../../../charts/Legend.tsx';
import type { LineSeries } from '../../../charts/lineSeries.ts';
import { LogLineChart } from '../../../charts/LogLineChart.tsx';
import { PanelFrame } from '../../../charts/PanelFrame.tsx';
import { describeEnds } from '../../../charts/describe.ts';
import { useLab } from '../../../store/LabContext.tsx';
import { beforeAfterSeries, gradientReading, ratios, type BeforeAfterField } from './pretrainRows.ts';
import { usePretrainRun } from './usePretrainRun.ts';

const TEXT: Readonly<Record<BeforeAfterField, { title: string; symbol: string; hint: string }>> = {
  actM2: {
    title: 'Signal by layer, before and after pretraining',
    symbol: 'E[φ(h)²]',
    hint: 'E[φ(h)²], the second moment of each hidden layer’s activations on the first training batch.',
  },
  gradM2: {
    title: 'Gradient by layer, before and after pretraining',
    symbol: 'E[g²]',
    hint: 'E[g²] of g = ∂L/∂h, the gradient of the cross-entropy at each layer’s pre-activations on the same batch (the output layer is freshly initialized in both). Read from right to left.',
  },
};

export function BeforeAfterPanel() {
  const { run } = usePretrainRun();
  const layers = useLab((s) => s.trainConfig?.depth ?? 0);
  const before = run?.pretrain?.before ?? null, after = run?.pretrain?.after ?? null;
  if (!run?.pretrain) return null;
  return (
    <>
      <BeforeAfterChart field="actM2" before={before} after={after} layers={layers} />
      <BeforeAfterChart field="gradM2" before={before} after={after} layers={layers} />
    </>
  );
}

function BeforeAfterChart({ field, before, after, layers }: { field: BeforeAfterField; before: Parameters<typeof beforeAfterSeries>[0]; after: Parameters<typeof beforeAfterSeries>[1]; layers: number }) {
  const series = useMemo(() => beforeAfterSeries(before, after, layers, field), [before, after, layers, field]);
  const change = useMemo(() => ratios(series), [series]);
  const { title, symbol, hint } = TEXT[field];
  const reading = field === 'gradM2' ? gradientReading(series) : null;
  const cells = (s: LineSeries | undefined, l: number) => s?.values[l] ?? null;
  const b = series.find((s) => s.id === 'before'), a = series.find((s) => s.id === 'after');
  return (
    <PanelFrame
      id={`pretrain-${field}`}
      title={title}
      hint={<>{hint}{after ? '' : ' The “after” line appears when pretraining ends.'}{reading ? <> <span className="reading">{reading}</span></> : null}</>}
      table={
        <DataTable caption={`${symbol} by hidden layer at initialization and after pretraining, and their ratio`} rowHeader="Layer"
          columns={[{ header: 'at initialization' }, { header: 'after pretraining' }, { header: 'after / before' }]}
          rows={Array.from({ length: layers }, (_, l) => ({ key: l, header: String(l + 1), cells: [cells(b, l), cells(a, l), change[l] == null ? null : change[l]!.toPrecision(3)] }))} />
      }
    >
      <Legend items={series.map((s) => ({ id: s.id, label: s.label, color: s.color, kind: s.kind, marker: s.marker }))} />
      <ChartBox height={(w) => Math.round(lineChartHeight(w) * 0.75)} placeholder={series.length > 0 ? null : 'The probe at initialization arrives with the run.'}>
        {(width, height) => (
          <LogLineChart series={series} width={width} height={height} yLabel={symbol}
            ariaLabel={`${symbol} of ${layers} hidden layers, log scale. At initialization: ${describeEnds(b?.values ?? [])}.${a ? ` After pretraining: ${describeEnds(a.values)}.` : ''}`} />
        )}
      </ChartBox>
    </PanelFrame>
  );
}
