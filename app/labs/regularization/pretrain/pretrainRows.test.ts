import { describe, expect, it } from 'vitest';
import type { PretrainView } from '../../../../engine/contract/pretrain.ts';
import { STAT, STAT_COUNT, type ProbeData } from '../../../../engine/contract/probeLayout.ts';
import { beforeAfterSeries, gradientReading, lossLines, progressRows, progressSummary, ratios, rowText } from './pretrainRows.ts';
import { reconstructionErrors, throughText } from './reconstructionRows.ts';

function view(over: Partial<PretrainView> = {}): PretrainView {
  const loss = (rows: number[][]) => ({ columns: 2, rows: rows.length, every: 1, data: Float64Array.from(rows.flat()) });
  return {
    mode: 'dae', layers: 3, stepsPerLayer: 100, layer: 1, stepInLayer: 40, stepsDone: 140,
    decoders: ['linear', 'sigmoid', 'sigmoid'],
    losses: [loss([[1, 30], [100, 10]]), loss([[1, 44], [40, 40]]), loss([])],
    firstLoss: Float64Array.of(30, 44, NaN), lastLoss: Float64Array.of(10, 40, NaN),
    reconstructions: null, before: null, after: null, ...over,
  };
}

function probe(depth: number, actM2: number[], gradM2: number[]): ProbeData {
  const stats = new Float64Array(depth * STAT_COUNT);
  for (let l = 0; l < depth; l++) {
    stats[l * STAT_COUNT + STAT.actM2] = actM2[l];
    stats[l * STAT_COUNT + STAT.gradM2] = gradM2[l];
  }
  return { depth, widths: new Int32Array(depth), stats, preHist: new Float32Array(0), actHist: new Float32Array(0), forwardOverflowLayer: 0, backwardOverflowLayer: 0, theoryWeightVar: NaN, theoryActFactor: NaN };
}

describe('pretraining rows', () => {
  it('each layer: done, training or waiting, with its steps, decoder and losses', () => {
    const rows = progressRows(view());
    expect(rows.map((r) => [r.layer, r.state, r.stepsDone])).toEqual([[1, 'done', 100], [2, 'training', 40], [3, 'waiting', 0]]);
    expect(rowText(rows[0])).toBe('Layer 1 (linear decoder, squared error): done, reconstruction loss 30 → 10');
    expect(rowText(rows[1])).toBe('Layer 2 (sigmoid decoder, cross-entropy): step 40 of 100, reconstruction loss 44 → 40');
    expect(rowText(rows[2])).toBe('Layer 3 (sigmoid decoder, cross-entropy): waiting');
  });

  it('the summary says where pretraining is, and when it is over', () => {
    expect(progressSummary(view())).toBe('Pretraining layer 2 of 3 as a denoising autoencoder: step 40 of 100.');
    expect(progressSummary(view({ mode: 'ae', layer: 3, stepInLayer: 0, stepsDone: 300 }))).toBe('Pretraining done: 3 layers × 100 steps, each as an autoencoder. Fine-tuning with labels.');
  });

  it('loss lines: one per layer, layer l\'s steps after layer l-1\'s', () => {
    const lines = lossLines(view());
    expect(lines.map((l) => l.label)).toEqual(['layer 1', 'layer 2', 'layer 3']);
    expect(Array.from(lines[0].steps)).toEqual([1, 100]);
    expect(Array.from(lines[1].steps)).toEqual([101, 140]);
    expect(Array.from(lines[1].values)).toEqual([44, 40]);
    expect(lines[2].steps.length).toBe(0);
  });

  it('before and after: the hidden layers only (the output layer left out), their ratio, and the gradient reading from the same numbers', () => {
    const before = probe(3, [0.25, 0.2, 9], [1e-6, 1e-4, 7]);
    const after = probe(3, [0.5, 0.1, 9], [1e-3, 1e-3, 7]);
    const grad = beforeAfterSeries(before, after, 2, 'gradM2');
    expect(grad.map((s) => s.values.length)).toEqual([2, 2]);
    const [r1, r2] = ratios(grad);
    expect(r1).toBeCloseTo(1000, 9);
    expect(r2).toBeCloseTo(10, 12);
    expect(gradientReading(grad)).toBe('E[g²] at layer 1 over the last hidden layer\'s: 1/100 at initialization, 1 times after pretraining.');
    expect(ratios(beforeAfterSeries(before, after, 2, 'actM2'))).toEqual([2, 0.5]);
    // Until pretraining ends there is no "after" line and no reading.
    const only = beforeAfterSeries(before, null, 2, 'gradM2');
    expect(only.map((s) => s.id)).toEqual(['before']);
    expect(gradientReading(only)).toBeNull();
    expect(ratios(only)).toEqual([]);
  });

  it('reconstruction error: root-mean-square difference per image, for each layer decoded', () => {
    const rec = { layer: 1, count: 2, inputs: Float32Array.of(0, 0, 16, 16), decoded: Float32Array.of(3, 4, 16, 16, 0, 0, 8, 8) };
    expect(reconstructionErrors(rec, 2)).toEqual([{ layer: 1, errors: [Math.sqrt(12.5), 0] }, { layer: 2, errors: [0, 8] }]);
    expect([throughText(1), throughText(3)]).toEqual(['layer 1', 'layers 3 → 1']);
  });
});
