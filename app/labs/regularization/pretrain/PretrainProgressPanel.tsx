/** Pretraining's progress layer by layer: a bar per layer, and each layer's reconstruction loss over its steps. */
import { useMemo } from 'react';
import { ChartBox, lineChartHeight } from '../../../charts/ChartBox.tsx';
import { DataTable } from '../../../charts/DataTable.tsx';
import { Legend } from '../../../charts/Legend.tsx';
import { PanelFrame } from '../../../charts/PanelFrame.tsx';
import { StepChart } from '../../../charts/StepChart.tsx';
import { formatNumber } from '../../../format/number.ts';
import { lossLines, progressRows, progressSummary, rowText } from './pretrainRows.ts';
import { usePretrainRun } from './usePretrainRun.ts';

export function PretrainProgressPanel() {
  const { run, heading } = usePretrainRun();
  const view = run?.pretrain?.view ?? null;
  const rows = useMemo(() => (view ? progressRows(view) : []), [view]);
  const lines = useMemo(() => (view ? lossLines(view) : []), [view]);
  if (!view) return null;
  const cell = (x: number) => (Number.isFinite(x) ? formatNumber(x, 4) : null);
  return (
    <PanelFrame
      id="pretrain-progress"
      title="Pretraining, layer by layer"
      hint={`${heading}: each hidden layer is trained in turn to reconstruct its own input from its code, without labels; the layers below it stay as pretraining left them. The loss is summed over the input’s features and averaged over the batch (a cross-entropy’s floor is the entropy of its [0, 1] targets, not 0).`}
      table={
        <DataTable
          caption="Pretraining by layer: decoder and loss, steps taken, mean reconstruction loss over the first and the latest 20 steps"
          rowHeader="Layer"
          columns={[{ header: 'decoder, loss' }, { header: 'steps' }, { header: 'first loss' }, { header: 'latest loss' }]}
          rows={rows.map((r) => ({ key: r.layer, header: String(r.layer), cells: [r.decoder, `${r.stepsDone} / ${r.stepsPerLayer}`, cell(r.firstLoss), cell(r.lastLoss)] }))}
        />
      }
    >
      <p className="pretrain-summary" role="status">{progressSummary(view)}</p>
      <ol className="pretrain-layers">
        {rows.map((r) => (
          <li key={r.layer} className={`pretrain-layer ${r.state}`}>
            <span className="pretrain-layer-text">{rowText(r)}</span>
            <progress aria-label={`Layer ${r.layer}`} max={r.stepsPerLayer} value={r.stepsDone} />
          </li>
        ))}
      </ol>
      <Legend items={lines.map((l) => ({ id: l.id, label: l.label, color: l.color, kind: 'measured' as const }))} />
      <ChartBox height={(w) => Math.round(lineChartHeight(w) * 0.7)} placeholder={lines.some((l) => l.steps.length > 0) ? null : 'Press Play or Step: layer 1 starts.'}>
        {(width, height) => (
          <StepChart lines={lines} width={width} height={height} yLabel="loss" xLabel="Pretraining step" yScale="log"
            ariaLabel={`Reconstruction loss of each layer over its pretraining steps, log scale. ${rows.map(rowText).join('. ')}.`} />
        )}
      </ChartBox>
    </PanelFrame>
  );
}
