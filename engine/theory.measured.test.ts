/**
 * The theory column against what the engine measures, in networks wide and deep enough for the
 * mean-field picture and its finite-width noise to be visible (width 256, batch 1024, depth 10).
 *
 * Tolerances come from the sampling error of the run itself (see testing/meanField.ts): given the
 * layer below, a layer's units are iid, so a layer's second moment is a mean over `width` iid
 * per-unit values and its conditional relative variance is estimated from their spread. The batch
 * does not average this away (its examples share the weights): for ReLU nets, whose examples grow
 * correlated with depth, a layer adds ~5-10% relative noise however large the batch. Layer errors
 * multiply, so the variance of log(measured / theory) is the sum of the per-layer variances below
 * (slopes d log F / d log q <= 1 for linear, ReLU and tanh). Every check is at 5 SE.
 */
import { describe, expect, it } from 'vitest';
import { withConfig } from './contract/config.ts';
import { initOptionsOf, runProbe } from './experiment.ts';
import { weightVariance } from './init/initializers.ts';
import type { InitializerName } from './contract/names.ts';
import { stat } from './contract/probeLayout.ts';
import {
  gaussianMean, perUnitMeanSquare, relativeVarianceOfMean, relativeVarianceOfMeanSquare, rowSquaredNorms,
} from './testing/meanField.ts';

const DEPTH = 10, WIDTH = 256, BATCH = 1024;
const Z = 5; // standard errors

type MeanFieldAct = 'linear' | 'relu' | 'tanh';

/** E[phi(h)^2] and E[phi'(h)^2] for h ~ N(0, q), closed form or by the test's own integrator. */
function actM2(act: MeanFieldAct, q: number): number {
  if (act === 'linear') return q;
  if (act === 'relu') return q / 2;
  return gaussianMean((h) => Math.tanh(h) ** 2, q, 400);
}
function derivM2(act: MeanFieldAct, q: number): number {
  if (act === 'linear') return 1;
  if (act === 'relu') return 0.5;
  return gaussianMean((h) => (1 - Math.tanh(h) ** 2) ** 2, q, 400);
}

function analyse(act: MeanFieldAct, init: InitializerName) {
  const config = withConfig({ act, init, depth: DEPTH, width: WIDTH, batch: BATCH, seed: 1 });
  const run = runProbe(config);
  const { cache, probe } = run;
  const v = weightVariance(init, WIDTH, WIDTH, initOptionsOf(config))!; // square layers: one Var[w]
  const s = (l: number, f: Parameters<typeof stat>[2]) => stat(probe, l, f);
  const perUnit = (x: Float32Array) => relativeVarianceOfMean(perUnitMeanSquare(x, BATCH, WIDTH));
  const vIn = relativeVarianceOfMeanSquare(cache.input.data); // the input's entries are iid
  const inputM2 = cache.input.data.reduce((a, x) => a + x * x, 0) / cache.input.data.length;
  const vPre: number[] = [], vAct: number[] = [], vGrad: number[] = [], vActGrad: number[] = [];
  const stepPre: number[] = [], stepAct: number[] = [], stepActGrad: number[] = [], jensen: number[] = [];
  for (let l = 0; l < DEPTH; l++) {
    vPre.push(perUnit(cache.taps[l].pre.data));
    vAct.push(perUnit(cache.taps[l].post.data));
    vGrad.push(perUnit(cache.taps[l].dPre!.data));
    // the top layer's dL/dx is the seeded N(0, 1) topGrad: iid entries
    vActGrad.push(l === DEPTH - 1 ? relativeVarianceOfMeanSquare(cache.taps[l].dPost!.data) : perUnit(cache.taps[l].dPost!.data));
    // One mean-field step from the measured layer below. Given x_b, h_bj ~ N(0, Var[w] |x_b|^2) over w_j:
    const below = l === 0 ? inputM2 : s(l - 1, 'actM2');
    stepPre.push(WIDTH * v * below);
    const norms = rowSquaredNorms(l === 0 ? cache.input.data : cache.taps[l - 1].post.data, BATCH, WIDTH);
    let e = 0;
    for (let b = 0; b < BATCH; b++) e += actM2(act, v * norms[b]) / BATCH;
    stepAct.push(e);
    // The theory column sees only the mean of |x_b|^2; its spread shifts E[phi^2] (Jensen): a bias.
    jensen.push(Math.abs(Math.log(e / actM2(act, WIDTH * v * below))));
    // Backward through the dense map above: dL/dx_l = dL/dh_{l+1} W^T, E = fanOut Var[w] E[(dL/dh_{l+1})^2].
    stepActGrad.push(l === DEPTH - 1 ? 1 : WIDTH * v * s(l + 1, 'gradM2'));
  }
  return { probe, s, vIn, vPre, vAct, vGrad, vActGrad, stepPre, stepAct, stepActGrad, jensen };
}

const CASES: { act: MeanFieldAct; init: InitializerName; title: string }[] = [
  { act: 'linear', init: 'standard', title: 'linear + standard loses x3 per layer' },
  { act: 'relu', init: 'he_normal', title: 'relu + he_normal keeps E[h^2] = 2' },
  { act: 'relu', init: 'xavier_normal', title: 'relu + xavier_normal halves E[h^2] per layer' },
  { act: 'tanh', init: 'xavier_normal', title: 'tanh + xavier_normal follows the mean-field recursion' },
];

// One probe of 10 x 256 x 256 x 1024 takes a few seconds; it is shared by the four checks of a case.
const TIMEOUT = 60_000;

describe.each(CASES)('$title (width 256, batch 1024, depth 10)', ({ act, init }) => {
  let cached: ReturnType<typeof analyse> | undefined;
  const get = () => (cached ??= analyse(act, init));

  it('forward, one layer at a time: E[h^2] and E[phi(h)^2] against one mean-field step from the layer below', () => {
    const { s, vPre, vAct, stepPre, stepAct } = get();
    const report: string[] = [];
    for (let l = 0; l < DEPTH; l++) {
      // exact conditional expectations given the layer below; SE from the spread over its iid units
      const zPre = Math.log(s(l, 'preM2') / stepPre[l]) / Math.sqrt(vPre[l]);
      const zAct = Math.log(s(l, 'actM2') / stepAct[l]) / Math.sqrt(vAct[l]);
      if (!(Math.abs(zPre) <= Z) || !(Math.abs(zAct) <= Z)) report.push(`layer ${l + 1}: preM2 z=${zPre.toFixed(2)}, actM2 z=${zAct.toFixed(2)}`);
    }
    expect(report).toEqual([]);
    if (act === 'linear') {
      // the x1/3 of the lecture: each layer's E[h^2] is a third of the one below, within 5 SE
      for (let l = 1; l < DEPTH; l++) {
        const ratio = s(l, 'preM2') / s(l - 1, 'preM2');
        expect(Math.abs(Math.log(3 * ratio))).toBeLessThanOrEqual(Z * Math.sqrt(vPre[l]));
      }
    }
  }, TIMEOUT);

  it('forward: preM2 against the theory column within the compounded sampling error', () => {
    const { s, vIn, vPre, vAct, jensen } = get();
    const report: string[] = [];
    let variance = vIn, bias = 0;
    for (let l = 0; l < DEPTH; l++) {
      // errors of the layers below (variance vIn + vAct[<l], Jensen bias jensen[<l]) and this layer's own
      const error = Math.log(s(l, 'preM2') / s(l, 'theoryPreM2'));
      const tolerance = Z * Math.sqrt(variance + vPre[l]) + bias;
      if (!(Math.abs(error) <= tolerance)) report.push(`layer ${l + 1}: measured ${s(l, 'preM2')}, theory ${s(l, 'theoryPreM2')}, |log ratio| ${Math.abs(error).toFixed(4)} > ${tolerance.toFixed(4)}`);
      variance += vAct[l];
      bias += jensen[l];
    }
    expect(report).toEqual([]);
  }, TIMEOUT);

  it('backward, one layer at a time: E[(dL/dx)^2] against fanOut Var[w] E[(dL/dh)^2] of the layer above', () => {
    // Exact for linear (W_{l+1} is independent of dL/dh_{l+1}); for ReLU and tanh up to the usual
    // gradient-independence approximation, O(1/width).
    const { s, vActGrad, stepActGrad } = get();
    const report: string[] = [];
    for (let l = 0; l < DEPTH; l++) {
      const z = Math.log(s(l, 'actGradM2') / stepActGrad[l]) / Math.sqrt(vActGrad[l]);
      if (!(Math.abs(z) <= Z)) report.push(`layer ${l + 1}: actGradM2 ${s(l, 'actGradM2')} vs ${stepActGrad[l]}, z=${z.toFixed(2)}`);
    }
    expect(report).toEqual([]);
  }, TIMEOUT);

  it('backward: gradM2 against the theory column within the compounded sampling error', () => {
    const { s, vIn, vAct, vGrad, jensen } = get();
    // For tanh, E[phi'(h)^2] depends on the forward E[h^2]: forward errors reach the backward with
    // slope c_k = d log E[phi'^2] / d log q at layer k. A forward increment at layer m (relative
    // variance vAct[m], or vIn for the input) moves every layer k > m, so it enters the backward
    // error at layer l with weight sum_{k >= max(m + 1, l)} c_k.
    const c = Array.from({ length: DEPTH }, (_, k) => {
      const q = s(k, 'theoryPreM2');
      return (Math.log(derivM2(act, q * 1.01)) - Math.log(derivM2(act, q / 1.01))) / (2 * Math.log(1.01));
    });
    const report: string[] = [];
    for (let l = DEPTH - 1; l >= 0; l--) {
      let variance = 0, bias = 0;
      for (let k = l; k < DEPTH; k++) variance += vGrad[k];
      const weight = (m: number) => c.slice(Math.max(m + 1, l)).reduce((a, x) => a + x, 0);
      variance += vIn * weight(-1) ** 2;
      for (let m = 0; m < DEPTH - 1; m++) variance += vAct[m] * weight(m) ** 2;
      for (let m = 0; m < DEPTH - 1; m++) bias += Math.abs(weight(m)) * jensen[m];
      const error = Math.log(s(l, 'gradM2') / s(l, 'theoryGradM2'));
      const tolerance = Z * Math.sqrt(variance) + bias;
      if (!(Math.abs(error) <= tolerance)) report.push(`layer ${l + 1}: measured ${s(l, 'gradM2')}, theory ${s(l, 'theoryGradM2')}, |log ratio| ${Math.abs(error).toFixed(4)} > ${tolerance.toFixed(4)}`);
    }
    expect(report).toEqual([]);
  }, TIMEOUT);
});
