/**
 * The closed forms of engine/contract/chaosActivations.ts against slow quadrature
 * (engine/chaosTheory.ts) and against wide random networks.
 */
import { describe, expect, it } from 'vitest';
import { measuredCorrelation } from './testing/meanField.ts';
import { chi1, correlationMap, fixedPointQ, pairExpectation, type SmoothActivation } from './chaosTheory.ts';
import { criticalSw2, planePoint } from './contract/chaosActivations.ts';
import { erf } from './math/erf.ts';

const A = Math.sqrt(Math.PI) / 2;
const ERF: SmoothActivation = {
  value: (x) => erf(A * x),
  derivative: (x) => (2 * A / Math.sqrt(Math.PI)) * Math.exp(-A * A * x * x),
  second: (x) => (2 * A / Math.sqrt(Math.PI)) * Math.exp(-A * A * x * x) * (-2 * A * A * x),
};

describe('the erf plane in closed form', () => {
  it('q*, chi_1 and the correlation map agree with quadrature', () => {
    for (const [w, b] of [[1.5, 0.05], [3, 0.2], [0.7, 0.1]]) {
      const p = planePoint('erf', w, b);
      expect(p.qStar).toBeCloseTo(fixedPointQ(w, b, ERF), 6);
      expect(p.chi1).toBeCloseTo(chi1(w, p.qStar, ERF), 6);
      if (p.cStar < 1) {
        expect(correlationMap(p.cStar, w, b, p.qStar, ERF)).toBeCloseTo(p.cStar, 5);
        expect(-1 / Math.log(w * pairExpectation(ERF.derivative, ERF.derivative, p.qStar, p.cStar))).toBeCloseTo(p.xiC, 3);
      }
    }
  });

  it('has an ordered and a chaotic phase split at chi_1 = 1, at sigma_w^2 = 1 without biases', () => {
    expect(criticalSw2('erf', 0)).toBeCloseTo(1, 6);
    const edge = criticalSw2('erf', 0.1);
    expect(planePoint('erf', edge, 0.1).chi1).toBeCloseTo(1, 6);
    expect(planePoint('erf', edge * 0.9, 0.1).regime).toBe('ordered');
    expect(planePoint('erf', edge * 1.1, 0.1).regime).toBe('chaotic');
  });

  it('a wide random erf network decorrelates two inputs as the closed-form correlation map says', () => {
    const p = planePoint('erf', 3, 0.05);
    let c = 0.9;
    for (let l = 0; l < 10; l++) c = (3 * (2 / Math.PI) * Math.asin((Math.PI * p.qStar * c) / (2 + Math.PI * p.qStar)) + 0.05) / p.qStar;
    expect(c).toBeLessThan(0.85);
    expect(c).toBeGreaterThan(p.cStar);
    const measured = [1, 2, 3].map((seed) => measuredCorrelation(ERF.value, 3, 0.05, 10, 0.9, p.qStar, 500, seed, 'pre-activations'));
    // Width 500, 10 layers: one pair's correlation scatters by ~0.05 (seen: 0.571, 0.615, 0.672 against 0.641), the mean of three by ~0.03.
    const mean = measured.reduce((a, b) => a + b, 0) / measured.length;
    expect(Math.abs(mean - c)).toBeLessThan(0.07);
    for (const m of measured) expect(m).toBeLessThan(0.8); // decorrelated from 0.9 in every draw
  }, 120_000);
});

describe('linear and ReLU: ordered, or no fixed length at all', () => {
  it('linear: chi_1 = sigma_w^2, xi_c = -1/log sigma_w^2 below 1, q unbounded above', () => {
    const p = planePoint('linear', 0.8, 0.1);
    expect(p.qStar).toBeCloseTo(0.5, 12);
    expect(p.xiC).toBeCloseTo(-1 / Math.log(0.8), 12);
    expect(planePoint('linear', 1.2, 0.1).regime).toBe('unbounded');
    expect(planePoint('linear', 0.8, 0).regime).toBe('marginal');
    expect(criticalSw2('linear', 0.2)).toBe(1);
  });

  it('ReLU: chi_1 = sigma_w^2 / 2 whatever sigma_b^2; ordered below the He line with biases, marginal without', () => {
    const relu = (x: number) => Math.max(0, x);
    const p = planePoint('relu', 1.6, 0.1);
    expect(p.qStar).toBeCloseTo(0.5, 12);
    expect(p.chi1).toBe(0.8);
    expect(p.xiC).toBeCloseTo(-1 / Math.log(0.8), 12);
    expect(planePoint('relu', 2.5, 0.1).regime).toBe('unbounded');
    expect(planePoint('relu', 1.6, 0).regime).toBe('marginal');
    // Measured: at the fixed length, c_l - 1 shrinks by about chi_1 a layer once close to 1.
    const c8 = measuredCorrelation(relu, 1.6, 0.1, 8, 0.5, p.qStar, 600, 4, 'pre-activations');
    const c12 = measuredCorrelation(relu, 1.6, 0.1, 12, 0.5, p.qStar, 600, 4, 'pre-activations');
    expect(c12).toBeGreaterThan(c8);
    expect(1 - c12).toBeLessThan(0.1);
  }, 120_000);
});
