import { describe, expect, it } from 'vitest';
import type { InitOptions } from './init/initializers.ts';
import { erf } from './math/erf.ts';
import type { InitializerName } from './contract/names.ts';
import { ACTIVATIONS } from './ops/activations.ts';
import { type ActivationName } from './contract/names.ts';
import { gaussianMean } from './testing/meanField.ts';
import { gaussianExpectation, moments, predictSecondMoments, type Theory } from './theory.ts';

const WIDTH = 256;
const OPTIONS: InitOptions = { activation: 'relu', gain: 1, std: 0.01, constant: 0.01, fan: 'in' };

function theory(activation: ActivationName, init: InitializerName, depth = 10, o: Partial<InitOptions> = {}, bias = 0): Theory {
  return predictSecondMoments({
    depth, width: WIDTH, inputWidth: WIDTH, activation, init,
    initOptions: { ...OPTIONS, activation, ...o }, bias, inputM2: 1, topGradM2: 1,
  });
}

/** |a/b - 1| for every layer; the recursions multiply ~depth float64 factors, each exact to 2^-53. */
function worstRelative(actual: ArrayLike<number>, expected: (l: number) => number): number {
  let worst = 0;
  for (let l = 0; l < actual.length; l++) worst = Math.max(worst, Math.abs(actual[l] / expected(l) - 1));
  return worst;
}

const ROUNDING = 1e-14; // ~10 layers x a few roundings of 2^-53 = 1.1e-16 each, with margin

describe('predictSecondMoments: closed forms', () => {
  it('linear + standard loses a factor 3 per layer, forward and backward: (1/3)^l', () => {
    const t = theory('linear', 'standard');
    expect(worstRelative(t.preM2, (l) => (1 / 3) ** (l + 1))).toBeLessThan(ROUNDING);
    expect(worstRelative(t.actM2, (l) => (1 / 3) ** (l + 1))).toBeLessThan(ROUNDING);
    // the top layer gets topGradM2 = 1; each layer down multiplies by n Var[w] = 1/3
    expect(worstRelative(t.gradM2, (l) => (1 / 3) ** (9 - l))).toBeLessThan(ROUNDING);
  });

  it('relu + he_normal keeps E[h^2] = 2 and E[g^2] = 1/2 at every layer', () => {
    const t = theory('relu', 'he_normal');
    expect(worstRelative(t.preM2, () => 2)).toBeLessThan(ROUNDING);
    expect(worstRelative(t.actM2, () => 1)).toBeLessThan(ROUNDING);
    expect(worstRelative(t.gradM2, () => 0.5)).toBeLessThan(ROUNDING);
  });

  it('relu + xavier_normal halves E[h^2] per layer forward and E[g^2] per layer backward', () => {
    const t = theory('relu', 'xavier_normal');
    expect(worstRelative(t.preM2, (l) => 2 ** -l)).toBeLessThan(ROUNDING);
    expect(worstRelative(t.gradM2, (l) => 2 ** -(10 - l))).toBeLessThan(ROUNDING);
  });

  it('leaky_relu + he_normal (factor 2/(1 + a^2)) is stationary too', () => {
    const t = theory('leaky_relu', 'he_normal');
    expect(worstRelative(t.preM2, () => 2 / (1 + 1e-4))).toBeLessThan(ROUNDING);
    expect(worstRelative(t.actM2, () => 1)).toBeLessThan(ROUNDING);
  });

  it('the gain multiplies every layer\'s variance gain for ReLU: (gain^2)^l growth', () => {
    const t = theory('relu', 'he_normal', 10, { gain: 2 });
    expect(worstRelative(t.preM2, (l) => 2 * 4 ** (l + 1))).toBeLessThan(ROUNDING);
  });

  it('a bias adds b^2 to E[h^2]', () => {
    const t = theory('linear', 'lecun_normal', 3, {}, 0.5);
    // s_1^2 = 1, E[h^2] = 1.25 = E[x_1^2]; s_2^2 = 1.25, E[h_2^2] = 1.5; s_3^2 = 1.5, E[h_3^2] = 1.75.
    // With b != 0 the engine integrates numerically (Simpson, 4000 panels over +-12 sd): ~1e-12.
    expect(worstRelative(t.preM2, (l) => 1 + 0.25 * (l + 1))).toBeLessThan(1e-10);
  });

  it('selu + lecun_normal sits at its fixed point E[h^2] = 1 (Klambauer et al.)', () => {
    // E[selu(Z)^2] = 1 for Z ~ N(0, 1); the SELU constants are given to 1e-16, Simpson with 2000 panels
    // per side of the kink to ~1e-12.
    const t = theory('selu', 'lecun_normal');
    expect(worstRelative(t.preM2, () => 1)).toBeLessThan(1e-9);
  });

  it('lsuv: the pre-activation variance is gain^2 at every layer', () => {
    const t = theory('tanh', 'lsuv', 10, { gain: 1.5 });
    expect(worstRelative(t.preM2, () => 2.25)).toBeLessThan(ROUNDING);
  });

  it('tanh + xavier_normal follows the mean-field recursion q_{l+1} = n Var[w] E[tanh(sqrt(q_l) Z)^2]', () => {
    const t = theory('tanh', 'xavier_normal');
    const tanh2 = (h: number) => Math.tanh(h) ** 2;
    const sech4 = (h: number) => (1 - Math.tanh(h) ** 2) ** 2;
    let q = 1; // n Var[w] E[x^2] = 256 / 256 * 1
    const qs: number[] = [];
    for (let l = 0; l < 10; l++) {
      qs.push(q);
      q = gaussianMean(tanh2, q);
    }
    // both integrate a smooth integrand: Simpson and the trapezoid rule agree to ~1e-12 per layer
    expect(worstRelative(t.preM2, (l) => qs[l])).toBeLessThan(1e-10);
    let g = 1;
    const gs = new Array<number>(10);
    for (let l = 9; l >= 0; l--) {
      g *= gaussianMean(sech4, qs[l]);
      gs[l] = g;
    }
    expect(worstRelative(t.gradM2, (l) => gs[l])).toBeLessThan(1e-10);
  });
});

describe('gaussianExpectation', () => {
  const Phi = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2)); // erf is checked against references in math/erf.test.ts
  const pdf = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  it('matches closed forms, with and without a kink inside the range', () => {
    for (const [mu, sigma] of [[0, 1], [0.7, 2], [-1.5, 0.5], [3, 1], [-30, 1]] as const) {
      // E[relu(mu + sigma Z)] = mu Phi(mu/sigma) + sigma pdf(mu/sigma)
      const relu = gaussianExpectation(ACTIVATIONS.relu.value, mu, sigma);
      expect(relu).toBeCloseTo(mu * Phi(mu / sigma) + sigma * pdf(mu / sigma), 9);
      // E[h^2] = mu^2 + sigma^2
      expect(gaussianExpectation((h) => h * h, mu, sigma)).toBeCloseTo(mu * mu + sigma * sigma, 9);
    }
    // E[gelu(sigma Z)] = sigma^2 / sqrt(2 pi (1 + sigma^2))
    for (const sigma of [0.5, 1, 3]) {
      expect(gaussianExpectation(ACTIVATIONS.gelu.value, 0, sigma)).toBeCloseTo(sigma ** 2 / Math.sqrt(2 * Math.PI * (1 + sigma ** 2)), 10);
    }
    expect(gaussianExpectation(Math.tanh, 0, 2)).toBeCloseTo(0, 14); // odd integrand
    expect(gaussianExpectation((h) => h, 5, 0)).toBe(5); // sigma 0: a point mass
  });
});

describe('moments at a kink', () => {
  // phi' jumps at h = 0 for SELU (lambda alpha to lambda) and for ReLU with a bias: the point h = 0
  // itself belongs to neither side. Taken as it came, it cost E[phi'^2] 1.5e-3 per SELU layer.
  it.each([['selu', 0], ['selu', 0.1], ['relu', 0.1], ['leaky_relu', -0.2], ['elu', 0]] as const)('%s with bias %s agrees with a 50x finer grid', (act, bias) => {
    const reference = moments(act, bias, 1.3, 100_000);
    const m = moments(act, bias, 1.3);
    expect(Math.abs(m.deriv / reference.deriv - 1)).toBeLessThan(1e-9);
    expect(Math.abs(m.act / reference.act - 1)).toBeLessThan(1e-9);
  });
});
