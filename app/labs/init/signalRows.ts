import { stat, type ProbeData } from '../../../engine/contract/probeLayout.ts';
import { describeEnds, describeOffAxis, hiddenLayers } from '../../charts/describe.ts';
import { MEASURED, THEORY } from '../../charts/chartColors.ts';
import type { LineSeries } from '../../charts/lineSeries.ts';
import { readSecondMoment, type Reading } from '../../format/number.ts';
import type { SignalKind } from '../../store/viewSlice.ts';

/** One hidden layer's second moments, measured and predicted: the numbers behind the chart and its table. */
export interface SignalRow {
  /** 1-based, as students count layers. */
  readonly layer: number;
  readonly preM2: Reading;
  readonly theoryPreM2: Reading;
  readonly actM2: Reading;
  readonly theoryActM2: Reading;
}

export function signalRows(probe: ProbeData): SignalRow[] {
  return Array.from({ length: probe.depth }, (_, l) => ({
    layer: l + 1,
    preM2: readSecondMoment(stat(probe, l, 'preM2'), stat(probe, l, 'nonFinitePre')),
    theoryPreM2: readSecondMoment(stat(probe, l, 'theoryPreM2')),
    actM2: readSecondMoment(stat(probe, l, 'actM2'), stat(probe, l, 'nonFiniteAct')),
    theoryActM2: readSecondMoment(stat(probe, l, 'theoryActM2')),
  }));
}

export const SIGNAL_TEXT: Readonly<Record<SignalKind, { symbol: string; noun: string }>> = {
  pre: { symbol: 'E[h²]', noun: 'pre-activations' },
  act: { symbol: 'E[φ(h)²]', noun: 'activations' },
};

/** The chart's two lines for the chosen signal. */
export function signalSeries(rows: readonly SignalRow[], signal: SignalKind): LineSeries[] {
  const pre = signal === 'pre';
  return [
    { id: 'measured', label: 'measured', color: MEASURED, kind: 'measured', values: rows.map((r) => (pre ? r.preM2 : r.actM2)) },
    { id: 'theory', label: 'theory', color: THEORY, kind: 'theory', values: rows.map((r) => (pre ? r.theoryPreM2 : r.theoryActM2)) },
  ];
}

/** The chart in one or two sentences, for its accessible name. */
export function describeSignal(rows: readonly SignalRow[], signal: SignalKind): string {
  const { symbol, noun } = SIGNAL_TEXT[signal];
  const measured = rows.map((r) => (signal === 'pre' ? r.preM2 : r.actM2));
  const theory = rows.map((r) => (signal === 'pre' ? r.theoryPreM2 : r.theoryActM2));
  const notes = describeOffAxis(measured);
  return `Second moment ${symbol} of the ${noun} of ${hiddenLayers(rows.length)}, log scale. `
    + `Measured: ${describeEnds(measured)}. Theory (dashed): ${describeEnds(theory)}.`
    + (notes ? ` ${notes}.` : '');
}
