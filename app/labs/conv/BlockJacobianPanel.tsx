/**
 * The block Jacobian of a residual CNN, beside the stream's variance: per residual block the
 * gradient's norm ratio across the sum (Jacobian ∂F/∂x + I) and across the whole block, from the
 * backward pass of the latest training batch, with the line at 1 and a reading of the numbers.
 */
import { ChartBox, lineChartHeight } from '../../charts/ChartBox.tsx';
import { MEASURED, MUTED, THEORY } from '../../charts/chartColors.ts';
import { DataTable } from '../../charts/DataTable.tsx';
import { Legend } from '../../charts/Legend.tsx';
import { LogLineChart } from '../../charts/LogLineChart.tsx';
import type { LineSeries } from '../../charts/lineSeries.ts';
import { PanelFrame } from '../../charts/PanelFrame.tsx';
import { formatNumber, readSecondMoment } from '../../format/number.ts';
import { useLab } from '../../store/LabContext.tsx';
import { blockRatios, readBlocks } from './blockRows.ts';
import type { ArchState } from '../../../engine/contract/archLayout.ts';

/** The block Jacobian of `state`'s run (the stream panel's run switch chooses it). */
export function BlockJacobianPanel({ state }: { readonly state: ArchState | null }) {
  const step = useLab((s) => s.train?.metrics.step ?? 0);
  const blocks = state?.stream.blocks ?? [];
  if (blocks.length === 0) return null;
  const rows = blockRatios(blocks);
  const reading = readBlocks(rows);
  const read = (x: number) => (Number.isFinite(x) ? readSecondMoment(x) : null);
  const series: LineSeries[] = [
    { id: 'sum', label: '‖∂L/∂x(k)‖ / ‖∂L/∂(x(k) + F)‖: across the sum', color: MEASURED, kind: 'measured', values: rows.map((r) => read(r.sum)), emphasis: true },
    { id: 'block', label: '‖∂L/∂x(k)‖ / ‖∂L/∂x(k+1)‖: across the block', color: THEORY, kind: 'measured', marker: 'square', values: rows.map((r) => read(r.block)) },
    { id: 'one', label: '1: the gradient’s norm kept', color: MUTED, kind: 'theory', values: rows.map(() => readSecondMoment(1)) },
  ];
  const tableRows = rows.map((r, k) => ({
    key: r.module, header: `block ${k + 1}`,
    cells: [`module ${r.module + 1}`, r.projection ? 'projection' : 'identity', formatNumber(blocks[k].gradIn), formatNumber(blocks[k].gradSum), formatNumber(blocks[k].gradOut), formatNumber(r.sum), formatNumber(r.block)],
  }));
  return (
    <PanelFrame
      id="blockjacobian"
      title="Block Jacobian"
      hint={<>
        How much each residual block scales the gradient passing down through it, measured on the latest training batch (step {step}) as a ratio of gradient norms.
        A block computes x(k+1) = ReLU(x(k) + F(x(k))), so across the sum <strong>∂x(k+1)/∂x(k) = ∂F/∂x + I</strong>: the identity carries the gradient even where ∂F/∂x is small
        (a projection block, where the width or the stride changes, has ∂P/∂x in place of I). Across the whole block the ReLU after the sum also masks it.
        {reading ? <> <span className="reading" data-testid="block-jacobian-reading">{reading}</span></> : null}
      </>}
      table={<DataTable caption={`Gradient norms per residual block at step ${step}`} rowHeader="Block"
        columns={[{ header: 'module' }, { header: 'shortcut' }, { header: '‖∂L/∂x(k)‖' }, { header: '‖∂L/∂(sum)‖' }, { header: '‖∂L/∂x(k+1)‖' }, { header: 'across the sum' }, { header: 'across the block' }]} rows={tableRows} />}
    >
      <Legend items={series} />
      <ChartBox height={lineChartHeight} placeholder={null}>
        {(width, height) => <LogLineChart series={series} width={width} height={height} yLabel="norm ratio" xLabel="Residual block" ariaLabel={`Gradient norm ratio across each residual block at step ${step}. ${reading ?? ''}`} />}
      </ChartBox>
    </PanelFrame>
  );
}
