import { useMemo } from 'react';
import { ChartBox, lineChartHeight } from '../../charts/ChartBox.tsx';
import { PanelFrame } from '../../charts/PanelFrame.tsx';
import { ChoiceToggle } from '../../charts/ChoiceToggle.tsx';
import { DataTable } from '../../charts/DataTable.tsx';
import { Legend } from '../../charts/Legend.tsx';
import { LogLineChart } from '../../charts/LogLineChart.tsx';
import { useLab } from '../../store/LabContext.tsx';
import { useShownProbe } from '../../store/shownProbe.ts';
import { variantMomentSeries } from '../../charts/variantSeries.ts';
import type { SignalKind } from '../../store/viewSlice.ts';
import { PLACEHOLDER } from '../../charts/placeholder.ts';
import { describeSignal, SIGNAL_TEXT, signalRows, signalSeries } from './signalRows.ts';
import { notAppliedText, theorySource } from './probeNotes.ts';
import '../../charts/panels.css';

const PANEL_ID = 'signal';

const SIGNAL_CHOICES = [
  { value: 'pre', label: 'pre-activations h' },
  { value: 'act', label: 'activations φ(h)' },
] as const satisfies readonly { value: SignalKind; label: string }[];

/** (a) Signal by layer: reads the store, hands plain rows to the chart and the table. */
export function SignalPanel() {
  const { probe, stale, trainingStep, variants } = useShownProbe();
  const config = useLab((s) => s.config);
  const status = useLab((s) => s.status);
  const signal = useLab((s) => s.signal);
  const setSignal = useLab((s) => s.setSignal);
  const rows = useMemo(() => (probe ? signalRows(probe) : []), [probe]);
  // A training batch's probe has no theory: the variance recursion holds at initialization only.
  const series = useMemo(() => [
    ...signalSeries(rows, signal).filter((l) => trainingStep === null || l.kind !== 'theory'),
    ...variantMomentSeries(variants, config, signal === 'pre' ? 'preM2' : 'actM2', signal === 'pre' ? 'nonFinitePre' : 'nonFiniteAct'),
  ], [rows, signal, trainingStep, variants, config]);
  const overflow = series.some((s) => s.values.some((v) => v?.kind === 'overflow'));
  const zero = series.some((s) => s.values.some((v) => v?.kind === 'zero'));
  const { symbol, noun } = SIGNAL_TEXT[signal];

  return (
    <PanelFrame
      id={PANEL_ID}
      title="Signal by layer"
      busy={stale}
      hint={trainingStep === null
        ? <>
            How big each hidden layer’s {noun} are: their second moment {symbol}. Flat means the signal keeps its size with depth; dashed is what the variance recursion predicts.
            {theorySource(config, 'signal') ? <> {theorySource(config, 'signal')}</> : null}
            {notAppliedText(config) ? <> <span className="not-applied">{notAppliedText(config)}</span></> : null}
          </>
        : <>How big each hidden layer’s {noun} are on the latest training batch, at step {trainingStep}: their second moment {symbol}. The variance recursion holds at initialization only, so no theory line is drawn.</>}
      controls={<ChoiceToggle legend="Plot" choices={SIGNAL_CHOICES} value={signal} onChange={setSignal} />}
      table={
        <DataTable
          caption="Signal by layer: second moments of the pre-activations h and the activations φ(h)"
          rowHeader="Layer"
          columns={[
            { header: 'measured E[h²]', group: 'Pre-activation E[h²]' },
            { header: 'theory E[h²]', group: 'Pre-activation E[h²]' },
            { header: 'measured E[φ(h)²]', group: 'Activation E[φ(h)²]' },
            { header: 'theory E[φ(h)²]', group: 'Activation E[φ(h)²]' },
          ]}
          rows={rows.map((r) => ({ key: r.layer, header: String(r.layer), cells: [r.preM2, r.theoryPreM2, r.actM2, r.theoryActM2] }))}
        />
      }
    >
      {probe && <ForwardOverflow layer={probe.forwardOverflowLayer} />}
      <Legend items={series.map((s) => ({ id: s.id, label: s.label, color: s.color, kind: s.kind }))} overflow={overflow} zero={zero} />
      <ChartBox height={lineChartHeight} placeholder={rows.length > 0 ? null : PLACEHOLDER[status]}>
        {(width, height) => (
          <LogLineChart series={series} width={width} height={height} yLabel={symbol} ariaLabel={describeSignal(rows, signal)} stale={stale} />
        )}
      </ChartBox>
    </PanelFrame>
  );
}

function ForwardOverflow({ layer }: { layer: number }) {
  if (layer === 0) return null;
  return (
    <p className="panel-callout danger">
      <span aria-hidden="true">▲ </span>
      <strong>Layer {layer} overflowed in the forward pass</strong>: its values went past float32’s largest number
      (about 3.4 × 10³⁸) and became Infinity or NaN.
    </p>
  );
}
