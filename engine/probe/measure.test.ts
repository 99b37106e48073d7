import { describe, expect, it } from 'vitest';
import { withConfig } from '../contract/config.ts';
import { runProbe, type ProbeRun } from '../experiment.ts';
import { weightVariance } from '../init/initializers.ts';
import { erf } from '../math/erf.ts';
import { finiteMoments, percentileLinear } from '../testing/reference.ts';
import { HIST_BINS, stat, STAT_COUNT } from '../contract/probeLayout.ts';

const FLOAT32_MAX = 3.4028234663852886e38;
const TIMEOUT = 60_000; // the 40 x 256 x 256 x 256 overflow probe takes a few seconds

describe('measureLayers statistics', () => {
  it('match a direct computation from the cache, layer by layer', () => {
    const run = runProbe(withConfig({ depth: 4, width: 24, batch: 40, act: 'tanh', init: 'xavier_normal', bias: 0.1 }));
    const { probe, cache, net } = run;
    expect(probe.depth).toBe(4);
    expect(probe.stats.length).toBe(4 * STAT_COUNT);
    expect(Array.from(probe.widths)).toEqual([24, 24, 24, 24]);
    for (let l = 0; l < 4; l++) {
      const pre = cache.taps[l].pre.data, act = cache.taps[l].post.data;
      const p = finiteMoments(pre), a = finiteMoments(act);
      // float64 sums of 960 terms: ~1e-13 relative
      expect(stat(probe, l, 'preMean')).toBeCloseTo(p.mean, 12);
      expect(stat(probe, l, 'preVar') / p.variance).toBeCloseTo(1, 12);
      expect(stat(probe, l, 'preM2') / p.m2).toBeCloseTo(1, 12);
      expect(stat(probe, l, 'actVar') / a.variance).toBeCloseTo(1, 12);
      expect(stat(probe, l, 'actM2') / a.m2).toBeCloseTo(1, 12);
      expect(stat(probe, l, 'preP50')).toBe(percentileLinear(pre, 0.5));
      expect(stat(probe, l, 'actP85')).toBe(percentileLinear(act, 0.85));
      expect(stat(probe, l, 'preMin')).toBe(Math.min(...pre));
      expect(stat(probe, l, 'actMax')).toBe(Math.max(...act));
      const sq = (x: Float32Array) => x.reduce((s, v) => s + v * v, 0);
      expect(stat(probe, l, 'gradM2') / (sq(cache.taps[l].dPre!.data) / pre.length)).toBeCloseTo(1, 12);
      expect(stat(probe, l, 'actGradM2') / (sq(cache.taps[l].dPost!.data) / pre.length)).toBeCloseTo(1, 12);
      expect(stat(probe, l, 'weightNorm') / Math.sqrt(sq(net.units[l].weight.data))).toBeCloseTo(1, 12);
      expect(stat(probe, l, 'weightGradRatio')).toBeCloseTo(stat(probe, l, 'weightGradNorm') / stat(probe, l, 'weightNorm'), 12);
      for (const f of ['nonFinitePre', 'nonFiniteAct', 'nonFiniteGrad', 'nonFiniteWeightGrad'] as const) expect(stat(probe, l, f)).toBe(0);
      const preCounts = probe.preHist.subarray(l * HIST_BINS, (l + 1) * HIST_BINS).reduce((s, v) => s + v, 0);
      expect(preCounts).toBe(pre.length);
    }
    expect([probe.forwardOverflowLayer, probe.backwardOverflowLayer]).toEqual([0, 0]);
  });
});

describe('dead units', () => {
  it.each(['relu', 'leaky_relu'] as const)('%s with bias -100: every unit of every layer is dead', (act) => {
    // layer 1: x W ~ N(0, 1) is never near +100; above it the input is 0 (or -1 for leaky), so pre = -100 (-101).
    const { probe } = runProbe(withConfig({ act, init: 'he_normal', bias: -100, depth: 5, width: 32, batch: 64 }));
    for (let l = 0; l < 5; l++) expect(stat(probe, l, 'dead')).toBe(1);
  });

  it('relu with bias 0: no unit of the first layer is dead; tanh has no dead statistic', () => {
    // a unit is dead only if all 64 iid symmetric pre-activations are <= 0: probability 2^-64 per unit.
    const relu = runProbe(withConfig({ act: 'relu', init: 'he_normal', depth: 3, width: 32, batch: 64 })).probe;
    expect(stat(relu, 0, 'dead')).toBe(0);
    const tanh = runProbe(withConfig({ act: 'tanh', depth: 3, width: 32, batch: 64 })).probe;
    expect(stat(tanh, 0, 'dead')).toBeNaN();
    expect(stat(relu, 0, 'saturated')).toBeNaN();
  });
});

describe('saturated units', () => {
  it('tanh with gain 100: the saturated fraction is P(|h| > atanh 0.99) given the layer below', () => {
    const width = 128, batch = 512;
    const config = withConfig({ act: 'tanh', init: 'xavier_normal', gain: 100, depth: 4, width, batch });
    const { probe, cache } = runProbe(config);
    const sw = Math.sqrt(weightVariance('xavier_normal', width, width, { activation: 'tanh', gain: 100, std: 0, constant: 0, fan: 'in' })!);
    const threshold = Math.atanh(0.99);
    for (let l = 0; l < 4; l++) {
      const x = l === 0 ? cache.input.data : cache.taps[l - 1].post.data;
      // Given the layer's input X, h_bj = x_b . w_j with w_j ~ N(0, sw^2 I) iid over units j:
      // P(unsaturated | x_b) = erf(threshold / (sqrt 2 sw |x_b|)). Averaged over the batch:
      let expectedUnsat = 0;
      for (let b = 0; b < batch; b++) {
        let norm2 = 0;
        for (let i = 0; i < width; i++) norm2 += x[b * width + i] ** 2;
        expectedUnsat += erf(threshold / (Math.SQRT2 * sw * Math.sqrt(norm2))) / batch;
      }
      // Units are iid given X, so SE = sd over units of each unit's saturated fraction / sqrt(width).
      const act = cache.taps[l].post.data;
      const perUnit = Array.from({ length: width }, (_, j) => {
        let c = 0;
        for (let b = 0; b < batch; b++) if (Math.abs(act[b * width + j]) > 0.99) c++;
        return c / batch;
      });
      const mean = perUnit.reduce((s, v) => s + v, 0) / width;
      const sd = Math.sqrt(perUnit.reduce((s, v) => s + (v - mean) ** 2, 0) / (width - 1));
      const measured = stat(probe, l, 'saturated');
      expect(measured).toBeCloseTo(mean, 12);
      expect(Math.abs(measured - (1 - expectedUnsat)), `layer ${l}: ${measured} vs ${1 - expectedUnsat}`).toBeLessThanOrEqual(5 * sd / Math.sqrt(width));
      expect(measured).toBeGreaterThan(0.95);
    }
  });

  it('tanh with a small gain saturates nothing', () => {
    // gain 0.1: h ~ N(0, 0.01), P(|h| > 2.65) ~ 1e-150
    const { probe } = runProbe(withConfig({ act: 'tanh', init: 'xavier_normal', gain: 0.1, depth: 3, width: 64, batch: 128 }));
    for (let l = 0; l < 3; l++) expect(stat(probe, l, 'saturated')).toBe(0);
  });
});

describe('overflow', () => {
  // ReLU, N(0, 1) weights, width 256: E[h^2] grows by 256 * 1 / 2 = 128 per layer (256 at layer 1).
  const width = 256;
  let cached: ProbeRun | undefined;
  const run = () => (cached ??= runProbe(withConfig({ act: 'relu', init: 'normal', std: 1, depth: 40, width, batch: 256 })));

  it('an exploding net reports the first layer that overflows float32, with every layer before it finite', () => {
    const { probe } = run();
    const first = probe.forwardOverflowLayer;
    expect(first).toBeGreaterThan(0);
    for (let l = 0; l < first - 1; l++) {
      expect(stat(probe, l, 'nonFinitePre') + stat(probe, l, 'nonFiniteAct'), `layer ${l + 1}`).toBe(0);
      expect(stat(probe, l, 'preMax')).toBeLessThanOrEqual(FLOAT32_MAX);
      expect(Number.isFinite(stat(probe, l, 'preM2'))).toBe(true);
    }
    expect(stat(probe, first - 1, 'nonFinitePre') + stat(probe, first - 1, 'nonFiniteAct')).toBeGreaterThan(0);
    // Where theory says it should: the largest of B n = 65536 values is ~sqrt(2 ln 65536) = 4.7 rms, so the
    // first layer with 4.7 sqrt(theoryPreM2) > FLOAT32_MAX. One layer is a factor 128 (log 4.9) in E[h^2],
    // ~6 times the sd of log E[h^2] after 35 layers (sqrt(5 * 35 / 256) = 0.83, Hanin & Nica 2019).
    let predicted = 0;
    while (4.7 * Math.sqrt(stat(probe, predicted, 'theoryPreM2')) <= FLOAT32_MAX) predicted++;
    expect(Math.abs(first - (predicted + 1))).toBeLessThanOrEqual(1);
 }, TIMEOUT);

  it('an overflowed forward pass is not reported as a clean backward pass', () => {
    const { probe } = run();
    // NaN activations make NaN weight gradients (dW = x^T dy) in every layer above the overflow.
    let deepestNonFinite = 0;
    for (let l = 0; l < probe.depth; l++) {
      if (stat(probe, l, 'nonFiniteGrad') > 0 || stat(probe, l, 'nonFiniteWeightGrad') > 0) deepestNonFinite = l + 1;
    }
    expect(deepestNonFinite).toBeGreaterThan(probe.forwardOverflowLayer);
    // backwardOverflowLayer: the deepest layer whose gradient was not all finite
    expect(probe.backwardOverflowLayer).toBe(deepestNonFinite);
 }, TIMEOUT);
});
