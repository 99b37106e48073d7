import { describe, expect, it } from 'vitest';
import { withConfig, type Config } from '../../../engine/contract/config.ts';
import { theoryOf } from '../../../engine/experiment.ts';
import { readSecondMoment } from '../../format/number.ts';
import { asFraction, formulaModel, plainNumber, texNumber, texReciprocal } from './formula.ts';

/** The card for a config, with the engine's own theory and "measured" numbers a little off it. */
function cardFor(overrides: Parameters<typeof withConfig>[0], measuredScale = 1.02) {
  const config: Config = withConfig(overrides);
  const theory = theoryOf(config, config.width);
  const measured = Array.from(theory.preM2, (v, l) => readSecondMoment(l === 0 ? v : v * measuredScale));
  return formulaModel({
    config, theoryPreM2: theory.preM2, theoryActM2: theory.actM2, measuredPreM2: measured,
    weightVariance: theory.weightVariance ?? NaN, activationFactor: theory.activationFactor ?? NaN,
  });
}

describe('formula card numbers', () => {
  it('standard init, n = 256, linear: Var[w] = 1/(3·256), ×1/3 per layer', () => {
    const m = cardFor({ init: 'standard', act: 'linear', width: 256, depth: 10 });
    expect(m.weightVariance).toBe(1 / (3 * 256));
    expect(m.nVar).toBe(1 / 3);
    expect(m.rho).toEqual({ first: 1, last: 1, exact: true });
    expect(m.perLayer).toEqual({ first: 1 / 3, last: 1 / 3 });
    expect(plainNumber(m.perLayer!.first)).toBe('1/3');
    const weights = m.steps.find((s) => s.label === 'Weights')!.tex.join(' ');
    expect(weights).toContain('\\frac{1}{3 \\cdot 256}');
    expect(weights).toContain('= \\frac{1}{768}');
    expect(weights).toContain('n\\,\\mathrm{Var}[w] = 256 \\cdot \\frac{1}{768} = \\frac{1}{3}');
    expect(m.steps.find((s) => s.label === 'Layer 1 → 10')!.tex.join(' ')).toContain('\\left(\\frac{1}{3}\\right)^{9}');
    const predicted = m.predictedRatio!;
    expect(predicted.kind === 'value' && predicted.value).toBeCloseTo(3 ** -9, 15);
    const measured = m.measuredRatio!;
    expect(measured.kind === 'value' && measured.value).toBeCloseTo(1.02 * 3 ** -9, 15);
    expect(m.summary).toMatch(/^n·Var\[w\] = 1\/3, the identity keeps it: ×1\/3 per layer\. Layer 10 over layer 1: predicted 5\.08\de-5, measured 5\.18\de-5\.$/);
  });

  it('He (normal) with ReLU: 2/n, halved by ReLU, exactly 1 per layer', () => {
    const m = cardFor({ init: 'he_normal', act: 'relu', width: 256, depth: 20 });
    expect(m.nVar).toBe(2);
    expect(m.rho.first).toBe(0.5);
    expect(m.perLayer).toEqual({ first: 1, last: 1 });
    expect(m.steps.find((s) => s.label === 'Activation')!.tex.join(' ')).toContain('\\frac{1}{2}');
    expect(m.summary).toContain('n·Var[w] = 2, ReLU halves it: ×1 per layer.');
    expect(m.predictedRatio).toEqual({ kind: 'value', value: 1 });
  });

  it('Xavier with ReLU: n·Var[w] = 1, so ×1/2 per layer', () => {
    const m = cardFor({ init: 'xavier_normal', act: 'relu', width: 256, depth: 20 });
    expect(m.nVar).toBe(1);
    expect(m.perLayer).toEqual({ first: 0.5, last: 0.5 });
    expect(m.summary).toContain('×1/2 per layer');
    const predicted = m.predictedRatio!;
    expect(predicted.kind === 'value' && predicted.value).toBe(2 ** -19);
  });

  it('small random numbers: Var[w] = 0.01², and the gain enters squared', () => {
    const m = cardFor({ init: 'normal', std: 0.01, act: 'linear', width: 256, depth: 5 });
    expect(m.nVar).toBeCloseTo(0.0256, 15);
    expect(m.steps[1].tex.join(' ')).toContain('0.01^2');
    const gained = cardFor({ init: 'standard', gain: 3, act: 'linear', width: 256, depth: 5 });
    expect(gained.nVar).toBeCloseTo(3, 12);
    expect(gained.steps[1].tex.join(' ')).toContain('g^2 \\cdot \\frac{1}{3n} = 3^2 \\cdot \\frac{1}{3 \\cdot 256}');
  });

  it('tanh: the factor comes from the theory, at the first and the last layer', () => {
    const m = cardFor({ init: 'xavier_normal', act: 'tanh', width: 256, depth: 10 });
    expect(m.rho.exact).toBe(false);
    expect(m.rho.first).toBeGreaterThan(0.3);
    expect(m.rho.first).toBeLessThan(0.7);
    expect(m.rho.last).toBeGreaterThan(m.rho.first); // smaller h, nearer tanh's linear middle
    expect(m.perLayer!.first).toBeCloseTo(m.rho.first, 12);
    expect(m.steps.find((s) => s.label === 'Activation')!.tex.join(' ')).toContain('\\tanh(h_{10})^2');
    expect(m.summary).toMatch(/tanh keeps 0\.\d+ of Var\[h\] at layer 1 and 0\.\d+ at layer 10: ×0\.\d+ to ×0\.\d+ per layer/);
  });

  it('LSUV, zeros and one layer say what applies instead of inventing a factor', () => {
    expect(cardFor({ init: 'lsuv', act: 'tanh' }).summary).toMatch(/^LSUV fits each layer/);
    const zeros = cardFor({ init: 'zeros', act: 'tanh', depth: 3 });
    expect(zeros.nVar).toBeNull();
    expect(zeros.steps.map((s) => s.label)).toEqual(['The recursion', 'Weights', 'Layer 1 → 3']);
    const one = cardFor({ init: 'he_normal', act: 'relu', depth: 1 });
    expect(one.predictedRatio).toBeNull();
    expect(one.steps.map((s) => s.label)).toEqual(['The recursion', 'Weights', 'Activation', 'Per layer']);
  });

  it('says overflow rather than printing Infinity', () => {
    const m = cardFor({ init: 'normal', std: 1, act: 'linear', width: 256, depth: 40 }, Infinity);
    expect(m.measuredRatio).toEqual({ kind: 'overflow' });
    expect(m.steps[m.steps.length - 1].tex.join(' ')).toContain('\\text{overflow}');
  });
});

describe('numbers in TeX', () => {
  it('writes small fractions as fractions and the rest in 4 digits', () => {
    expect(asFraction(1 / 3)).toEqual({ p: 1, q: 3 });
    expect(asFraction(0.0256)).toBeNull();
    expect(texNumber(0.5)).toBe('\\frac{1}{2}');
    expect(texNumber(2)).toBe('2');
    expect(texNumber(1 / 768)).toBe('0.001302');
    expect(texReciprocal(1 / 768)).toBe('\\frac{1}{768}');
    expect(texReciprocal(2 / 512)).toBe('\\frac{1}{256}');
    expect(texReciprocal(0.0123)).toBe('0.0123');
    expect(texNumber(5.0812e-5)).toBe('5.081 \\times 10^{-5}');
    expect(texNumber(1e-4)).toBe('10^{-4}');
    expect(texNumber(Infinity)).toBe('\\text{overflow}');
    expect(plainNumber(0.0256)).toBe('0.0256');
  });
});
