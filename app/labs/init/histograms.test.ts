import { describe, expect, it } from 'vitest';
import { HIST_BINS, STAT, STAT_COUNT, type ProbeData } from '../../../engine/contract/probeLayout.ts';
import {
  barScale, binAtShare, binRange, binSpan, describeBin, describeHistogram, evenlySpacedLayers, fractionNotes, histogramTable, layerHistogram,
  layerList, narrowLayers, rangeText, sharedRange,
} from './histograms.ts';

describe('evenlySpacedLayers', () => {
  it('keeps every layer of a shallow net', () => {
    expect(evenlySpacedLayers(4, 10)).toEqual([0, 1, 2, 3]);
    expect(evenlySpacedLayers(10, 10)).toHaveLength(10);
  });
  it('spreads ten over a deep net, first and last included, in order, no repeats', () => {
    expect(evenlySpacedLayers(30, 10)).toEqual([0, 3, 6, 10, 13, 16, 19, 23, 26, 29]);
    const deep = evenlySpacedLayers(200, 10);
    expect(deep[0]).toBe(0);
    expect(deep[deep.length - 1]).toBe(199);
    expect(deep).toHaveLength(10);
    expect([...deep].sort((a, b) => a - b)).toEqual(deep);
    expect(evenlySpacedLayers(11, 10)).toHaveLength(10);
    expect(evenlySpacedLayers(5, 1)).toEqual([4]);
  });
});

function probe(): ProbeData {
  const depth = 2;
  const stats = new Float64Array(depth * STAT_COUNT);
  const set = (l: number, f: keyof typeof STAT, v: number) => { stats[l * STAT_COUNT + STAT[f]] = v; };
  set(0, 'actMin', -1); set(0, 'actMax', 1); set(0, 'actP50', 0.01); set(0, 'actVar', 0.25); set(0, 'saturated', 0.125); set(0, 'dead', NaN);
  set(1, 'actMin', NaN); set(1, 'actMax', NaN); set(1, 'nonFiniteAct', 8); set(1, 'saturated', NaN); set(1, 'dead', 0.5);
  set(0, 'preMin', 2); set(0, 'preMax', 2);
  const actHist = new Float32Array(depth * HIST_BINS);
  actHist[0] = 3; actHist[HIST_BINS - 1] = 1;
  const preHist = new Float32Array(depth * HIST_BINS);
  preHist[HIST_BINS / 2] = 4;
  return { depth, widths: new Int32Array(depth), stats, preHist, actHist, forwardOverflowLayer: 2, backwardOverflowLayer: 0, theoryWeightVar: NaN, theoryActFactor: NaN };
}

describe('layerHistogram', () => {
  it('reads the counts, range and fractions of one layer', () => {
    const h = layerHistogram(probe(), 0, 'act');
    expect(h).toMatchObject({ layer: 1, min: -1, max: 1, finite: 4, nonFinite: 0, std: 0.5, saturated: 0.125 });
    expect(h.counts).toHaveLength(HIST_BINS);
    expect(binRange(h, 0)).toEqual([-1, -0.95]);
    expect(binRange(h, HIST_BINS - 1)[1]).toBe(1);
    expect(fractionNotes(h)).toEqual(['saturated 12.5%']);
    expect(describeHistogram(h, 'act')).toBe('Layer 1 activations: 4 values, -1 to 1; median 0.01; saturated 12.5%.');
    expect(describeBin(h, 0, 'act')).toBe('Layer 1: 3 activations in [-1, -0.95) (75%)');
    expect(describeBin(h, HIST_BINS - 1, 'act')).toBe('Layer 1: 1 activations in [0.95, 1] (25%)');
  });

  it('says when every value overflowed or all were equal', () => {
    const gone = layerHistogram(probe(), 1, 'act');
    expect(rangeText(gone)).toBe('every value overflowed');
    expect(fractionNotes(gone)).toEqual(['dead 50%']);
    expect(describeHistogram(gone, 'act')).toBe('Layer 2 activations: 0 values, every value overflowed; 8 overflowed; dead 50%.');
    const flat = layerHistogram(probe(), 0, 'pre');
    expect(rangeText(flat)).toBe('every value 2');
    expect(describeBin(flat, HIST_BINS / 2, 'pre')).toBe('Layer 1: 4 pre-activations equal to 2 (100%)');
  });

  it('tables every layer, blanks where a number is not defined', () => {
    const p = probe();
    const { columns, rows } = histogramTable([layerHistogram(p, 0, 'act'), layerHistogram(p, 1, 'act')]);
    expect(rows.map((r) => r.cells.length)).toEqual([columns.length, columns.length]);
    expect(rows[0].cells.slice(0, 2)).toEqual(['-1', '1']);
    expect(rows[1].cells[0]).toBeNull();
    expect(rows[1].cells[8]).toBe('50%');
    expect(rows[0].cells[10]).toMatch(/^3 0 0 .* 0 1$/);
  });
});

describe('barScale', () => {
  it('cuts one bar that dwarfs the rest, and only then', () => {
    expect(barScale([10, 40, 20])).toEqual({ scaleMax: 40, spike: null });
    expect(barScale([500, 40, 20])).toEqual({ scaleMax: 40 * 1.3, spike: 0 });
    expect(barScale([0, 0, 7, 0])).toEqual({ scaleMax: 7, spike: null });
    expect(barScale([0, 0])).toEqual({ scaleMax: 1, spike: null });
  });
});

describe('a shared x range', () => {
  // The default page's spread, as the issue saw it: ±1 at layer 1 shrinking to ±0.76 at layer 10.
  const layers = [
    { layer: 1, min: -1, max: 1, finite: 100, counts: [] as number[] },
    { layer: 2, min: -0.9, max: 0.88, finite: 100, counts: [] as number[] },
    { layer: 10, min: -0.76, max: 0.76, finite: 100, counts: [] as number[] },
    { layer: 11, min: NaN, max: NaN, finite: 0, counts: [] as number[] },
  ];

  it('spans every finite layer and skips the ones that overflowed', () => {
    expect(sharedRange(layers)).toEqual({ min: -1, max: 1 });
    expect(sharedRange([layers[3]])).toBeNull();
    expect(sharedRange([])).toBeNull();
  });

  it('keeps each bin at its true values: a narrower layer is narrower on the axis', () => {
    const range = sharedRange(layers)!;
    const wide = binSpan(layers[0], 0, range), narrow = binSpan(layers[2], 0, range);
    expect(wide[0]).toBe(0);
    expect(wide[1]).toBeCloseTo(1 / HIST_BINS, 12);
    expect(narrow[0]).toBeCloseTo(0.12, 12); // -0.76 is 12% of the way from -1 to 1
    expect(binSpan(layers[2], HIST_BINS - 1, range)[1]).toBeCloseTo(0.88, 12);
    // The same bin is narrower by the ratio of the spreads.
    expect((narrow[1] - narrow[0]) / (wide[1] - wide[0])).toBeCloseTo(0.76, 12);
  });

  it('finds the bin under a point of the shared axis, and none outside the layer', () => {
    const range = sharedRange(layers)!;
    expect(binAtShare(layers[2], 0.05, range)).toBeNull(); // value -0.9: below layer 10's -0.76
    expect(binAtShare(layers[2], 0.5, range)).toBe(HIST_BINS / 2);
    expect(binAtShare(layers[2], 0.88, range)).toBe(HIST_BINS - 1);
    expect(binAtShare(layers[0], 0, range)).toBe(0);
    const flat = { min: 0.5, max: 0.5, counts: Array.from({ length: HIST_BINS }, (_, i) => (i === 7 ? 9 : 0)) };
    expect(binAtShare(flat, 0.75, range)).toBe(7);
    expect(binAtShare(flat, 0.2, range)).toBeNull();
  });

  it('names the layers the shared axis squeezes into a few pixels', () => {
    const exploding = [...layers.slice(0, 3), { layer: 12, min: -400, max: 400, finite: 100, counts: [] }];
    const range = sharedRange(exploding);
    expect(range).toEqual({ min: -400, max: 400 });
    expect(narrowLayers(exploding, range)).toEqual([1, 2, 10]);
    expect(layerList(narrowLayers(exploding, range))).toBe('Layers 1, 2 and 10');
    expect(narrowLayers(layers, sharedRange(layers))).toEqual([]);
    expect(narrowLayers(layers, null)).toEqual([]);
  });
});
