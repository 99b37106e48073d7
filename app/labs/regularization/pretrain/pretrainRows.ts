/**
 * Greedy layer-wise pretraining as rows and lines: each layer's progress (what its panel lists and
 * tables), its loss curve over pretraining steps, and the per-layer signal and gradient before and
 * after pretraining (the init lab's rows, two runs side by side). Pure: tested beside this file.
 */
import type { PretrainView } from '../../../../engine/contract/pretrain.ts';
import type { ProbeData } from '../../../../engine/contract/probeLayout.ts';
import { MEASURED, seriesColor, THEORY } from '../../../charts/chartColors.ts';
import type { LineSeries } from '../../../charts/lineSeries.ts';
import type { StepLine } from '../../../charts/stepSeries.ts';
import { formatNumber, type Reading } from '../../../format/number.ts';
import { gradientRows } from '../../init/gradientRows.ts';
import { signalRows } from '../../init/signalRows.ts';

export type LayerState = 'done' | 'training' | 'waiting';

export interface ProgressRow {
  /** 1-based. */
  readonly layer: number;
  readonly state: LayerState;
  readonly stepsDone: number;
  readonly stepsPerLayer: number;
  /** "sigmoid decoder, cross-entropy" or "linear decoder, squared error". */
  readonly decoder: string;
  /** Mean reconstruction loss over the layer's first 20 steps and its latest 20 (NaN before any). */
  readonly firstLoss: number;
  readonly lastLoss: number;
}

export const DECODER_TEXT = {
  sigmoid: 'sigmoid decoder, cross-entropy',
  linear: 'linear decoder, squared error',
} as const;

export function progressRows(view: PretrainView): ProgressRow[] {
  return Array.from({ length: view.layers }, (_, l) => {
    const state: LayerState = l < view.layer ? 'done' : l === view.layer ? 'training' : 'waiting';
    return {
      layer: l + 1,
      state,
      stepsDone: state === 'done' ? view.stepsPerLayer : state === 'training' ? view.stepInLayer : 0,
      stepsPerLayer: view.stepsPerLayer,
      decoder: DECODER_TEXT[view.decoders[l]],
      firstLoss: view.firstLoss[l],
      lastLoss: view.lastLoss[l],
    };
  });
}

/** "Layer 2 of 4: step 130 of 500" / "Pretraining done: 4 layers × 500 steps". */
export function progressSummary(view: PretrainView): string {
  const noun = view.mode === 'dae' ? 'a denoising autoencoder' : 'an autoencoder';
  if (view.layer >= view.layers) return `Pretraining done: ${view.layers} layer${view.layers === 1 ? '' : 's'} × ${view.stepsPerLayer} steps, each as ${noun}. Fine-tuning with labels.`;
  return `Pretraining layer ${view.layer + 1} of ${view.layers} as ${noun}: step ${view.stepInLayer} of ${view.stepsPerLayer}.`;
}

export function rowText(r: ProgressRow): string {
  const loss = Number.isFinite(r.firstLoss) ? `, reconstruction loss ${formatNumber(r.firstLoss, 3)} → ${formatNumber(r.lastLoss, 3)}` : '';
  const state = r.state === 'done' ? 'done' : r.state === 'training' ? `step ${r.stepsDone} of ${r.stepsPerLayer}` : 'waiting';
  return `Layer ${r.layer} (${r.decoder}): ${state}${loss}`;
}

/** One line per layer: its reconstruction loss over the pretraining steps (layer l's steps follow layer l-1's). */
export function lossLines(view: PretrainView): StepLine[] {
  return view.losses.map((chunk, l) => {
    const steps = new Float64Array(chunk.rows), values = new Float64Array(chunk.rows);
    for (let r = 0; r < chunk.rows; r++) {
      steps[r] = l * view.stepsPerLayer + chunk.data[r * chunk.columns];
      values[r] = chunk.data[r * chunk.columns + 1];
    }
    return { id: `layer-${l + 1}`, label: `layer ${l + 1}`, color: seriesColor(l), steps, values };
  });
}

export type BeforeAfterField = 'actM2' | 'gradM2';

/** The hidden layers' readings of one field in a probe (the output layer left out). */
function readings(probe: ProbeData, layers: number, field: BeforeAfterField): Reading[] {
  return field === 'actM2'
    ? signalRows(probe).slice(0, layers).map((r) => r.actM2)
    : gradientRows(probe).slice(0, layers).map((r) => r.gradM2);
}

/** Two lines on the init lab's log chart: the measured field at initialization and after pretraining (null until it ends). */
export function beforeAfterSeries(before: ProbeData | null, after: ProbeData | null, layers: number, field: BeforeAfterField): LineSeries[] {
  const out: LineSeries[] = [];
  if (before) out.push({ id: 'before', label: 'at initialization', color: THEORY, kind: 'measured', marker: 'square', values: readings(before, layers, field) });
  if (after) out.push({ id: 'after', label: 'after pretraining', color: MEASURED, kind: 'measured', values: readings(after, layers, field) });
  return out;
}

/** The ratio after / before per layer (how much pretraining changed it), null where either is not a value. */
export function ratios(series: readonly LineSeries[]): (number | null)[] {
  const before = series.find((s) => s.id === 'before'), after = series.find((s) => s.id === 'after');
  if (!before || !after) return [];
  return before.values.map((b, l) => {
    const a = after.values[l];
    return b?.kind === 'value' && a?.kind === 'value' ? a.value / b.value : null;
  });
}

/**
 * What the before/after gradient chart shows, in a sentence its own numbers back: the gradient
 * reaching layer 1 against the last hidden layer's, at initialization and after pretraining.
 */
export function gradientReading(series: readonly LineSeries[]): string | null {
  const spread = (id: string) => {
    const s = series.find((x) => x.id === id);
    const first = s?.values[0], last = s?.values[s.values.length - 1];
    return first?.kind === 'value' && last?.kind === 'value' ? first.value / last.value : null;
  };
  const b = spread('before'), a = spread('after');
  if (b === null || a === null || series[0].values.length < 2) return null;
  const say = (x: number) => (x >= 1 ? `${formatNumber(x, 2)} times` : `1/${formatNumber(1 / x, 2)}`);
  return `E[g²] at layer 1 over the last hidden layer's: ${say(b)} at initialization, ${say(a)} after pretraining.`;
}
