import { memo, useMemo } from 'react';
import { ChartBox } from '../../charts/ChartBox.tsx';
import { PanelFrame } from '../../charts/PanelFrame.tsx';
import { DataTable, type DataTableProps } from '../../charts/DataTable.tsx';
import { Legend } from '../../charts/Legend.tsx';
import type { LineSeries } from '../../charts/lineSeries.ts';
import { LogLineChart } from '../../charts/LogLineChart.tsx';
import { MEASURED, THEORY } from '../../charts/chartColors.ts';
import { formatNumber, OVERFLOW, ZERO, type Reading } from '../../format/number.ts';
import { noiseRows, type NoiseRow } from './batchStats.ts';
import { numberCell } from './cells.ts';
import type { NormRun } from './BatchStatsPanel.tsx';

const NOISE_TABLE = 'bn-noise';
const BATCH_CHOICES = [2, 4, 8, 32] as const;
const reading = (v: number): Reading => (!Number.isFinite(v) ? OVERFLOW : v <= 0 ? ZERO : { kind: 'value', value: v });

/** How far a batch's means stray from the running means, against sqrt(running var / B), with buttons for small batches. */
export const BatchNoise = memo(function BatchNoise({ run, batch, setBatch }: { run: NormRun; batch: number; setBatch: (b: number) => void }) {
  const runBatch = run.config.batch;
  const updated = run.run.metrics.step > 0;
  const rows = useMemo(() => noiseRows(run.layers, runBatch, run.config.bnmom, updated), [run.layers, runBatch, run.config.bnmom, updated]);
  const series: LineSeries[] = [
    { id: 'observed', label: 'observed |batch mean − running mean|', color: MEASURED, kind: 'measured', values: rows.map((r) => reading(r.observed)) },
    { id: 'expected', label: `expected √(running var / ${runBatch})`, color: THEORY, kind: 'theory', values: rows.map((r) => reading(r.expected)) },
  ];
  return (
    <PanelFrame
      id={NOISE_TABLE}
      section={false}
      title="How noisy is a batch’s mean?"
      level={3}
      hint={<>
        A mean over B independent examples strays from the population mean by about σ/√B (σ²: the running variance), and batch
        norm normalizes with that noisy mean: noise in every layer’s output during training, none in evaluation. Layer 1 sees
        independent examples and follows the dashed line; deeper layers take their input from a batch norm that already fixed
        each unit’s batch mean and variance, so their batch means stray far less.
      </>}
      controls={
        <div className="batch-choices" role="group" aria-label="Batch size">
          <span className="batch-choices-label">Try batch 2 to 8:</span>
          {BATCH_CHOICES.map((b) => (
            <button key={b} type="button" className="button quiet" aria-pressed={batch === b} onClick={() => setBatch(b)}>{b}</button>
          ))}
          <span className="panel-status">now {batch}{batch !== runBatch ? ` (this run: ${runBatch})` : ''}; a new batch size restarts the run.</span>
        </div>
      }
      table={<DataTable {...noiseTable(rows, runBatch)} />}
    >
      <Legend items={series.map((s) => ({ id: s.id, label: s.label, color: s.color, kind: s.kind }))} />
      <ChartBox height={() => 280} placeholder={null}>
        {(width, height) => (
          <LogLineChart series={series} width={width} height={height} yLabel="batch-mean noise" ariaLabel={describeNoise(rows, runBatch)} />
        )}
      </ChartBox>
    </PanelFrame>
  );
});

function describeNoise(rows: readonly NoiseRow[], batch: number): string {
  const n = rows.length, last = rows[n - 1];
  return `How far each layer's batch means stray from the running means at batch ${batch}, log scale, ${n} hidden layers. `
    + `Layer 1: observed ${formatNumber(rows[0].observed)}, expected ${formatNumber(rows[0].expected)}. `
    + `Layer ${n}: observed ${formatNumber(last.observed)}, expected ${formatNumber(last.expected)}.`;
}

function noiseTable(rows: readonly NoiseRow[], batch: number): DataTableProps {
  return {
    caption: `How noisy is a batch's mean: root mean square over each layer's units, batch ${batch}`,
    rowHeader: 'Layer',
    columns: [{ header: `expected √(running var / ${batch})` }, { header: 'observed |batch mean − running mean before it|' }, { header: 'observed / expected' }],
    rows: rows.map((r) => ({ key: r.layer, header: String(r.layer), cells: [numberCell(r.expected), numberCell(r.observed), numberCell(r.observed / r.expected)] })),
  };
}
