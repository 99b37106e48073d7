/**
 * The one quadrature of engine/contract/meanField.ts (tanh, sigmoid, GELU, ELU, SELU; erf rides
 * along) against slow direct quadrature, the erf closed forms at any q, and wide random networks;
 * leaky ReLU's closed form likewise. Also the large-sigma_w^2 regression: the old fixed-node rule
 * spaced its nodes sqrt(q) apart in u, Newton then left [0, 1) and was clamped at c = 1 - 1e-12,
 * so xi_c read 1e15 at sigma_w^2 = 36.
 */
import { describe, expect, it } from 'vitest';
import { measuredCorrelation } from './testing/meanField.ts';
import { pairExpectation } from './chaosTheory.ts';
import { criticalSw2, leakyKernel, leakyLine, planePairPropagation, planePoint } from './contract/chaosActivations.ts';
import { tanhChaosPoint } from './contract/chaosPlane.ts';
import { fixedPointQ, lengthMoments, pairMoments, QUADRATURE, smoothPoint, SMOOTH_ACTIVATIONS, type SmoothName } from './contract/meanField.ts';
import { LEAKY_SLOPE } from './contract/names.ts';
import { ACTIVATIONS } from './ops/activations.ts';

type Act = (typeof SMOOTH_ACTIVATIONS)[number];
const phi = (a: Act) => ACTIVATIONS[a].value;
const dphi = (a: Act) => ACTIVATIONS[a].derivative;

/** E[f(sqrt(q) z)] by Simpson's rule, split at z = 0 (where ELU and SELU have their kink), 40 000 panels over [-10, 10]. */
function slowExpect(f: (u: number) => number, q: number): number {
  const s = Math.sqrt(q), n = 20000, h = 10 / n;
  let t = 0;
  for (const sign of [-1, 1]) {
    for (let i = 0; i <= n; i++) {
      const z = sign * i * h, w = i === 0 || i === n ? 1 : i % 2 ? 4 : 2;
      // At z = 0 take the one-sided value: phi' jumps there for SELU.
      t += w * Math.exp(-0.5 * z * z) * f(i === 0 ? sign * 1e-300 : s * z);
    }
  }
  return (t * h) / 3 / Math.sqrt(2 * Math.PI);
}

describe('the mean-field quadrature against slow direct quadrature', () => {
  it.each(SMOOTH_ACTIVATIONS.map((a) => [a]))('%s: q* is a fixed point of the length map, chi_1 and the length slope agree', (a) => {
    for (const [w, b] of [[0.8, 0.05], [1.5, 0.1], [1.2, 0.3]] as const) {
      const q = fixedPointQ(a, w, b);
      expect(Number.isFinite(q)).toBe(true);
      expect(Math.abs(w * slowExpect((u) => phi(a)(u) ** 2, q) + b - q)).toBeLessThan(1e-8 * Math.max(1, q));
      const m = lengthMoments(a, q);
      expect(m.d2).toBeCloseTo(slowExpect((u) => dphi(a)(u) ** 2, q), 8);
      expect(m.slope).toBeCloseTo(slowExpect((u) => u * phi(a)(u) * dphi(a)(u), q) / q, 8);
    }
  });

  it.each(SMOOTH_ACTIVATIONS.map((a) => [a]))('%s: the pair integrals (the correlation map and its slope) agree with Simpson on a 600 x 600 grid', (a) => {
    for (const [q, c] of [[0.5, 0.3], [1.5, 0.9], [3, 0.99]] as const) {
      const p = pairMoments(a, q, c);
      // Simpson's error at the kink (ELU, SELU) is O(h^2) for phi phi and O(h) for phi' phi': 1e-5 and 1e-3 there.
      const kinked = a === 'elu' || a === 'selu';
      expect(Math.abs(p.phi - pairExpectation(phi(a), phi(a), q, c, 600))).toBeLessThan(kinked ? 1e-5 : 1e-8);
      expect(Math.abs(p.dphi - pairExpectation(dphi(a), dphi(a), q, c, 600))).toBeLessThan(kinked ? 5e-3 : 1e-8);
    }
  }, 60_000);

  it('the quadrature converges: halving the step (trapezoid) or raising the nodes (panels) moves no plane number by more than 1e-7', () => {
    const cases: [SmoothName, number, number][] = [['tanh', 2.5, 0.05], ['elu', 1.6, 0.05], ['selu', 1.2, 0.1], ['gelu', 2.2, 0.05], ['sigmoid', 3, 0.2]];
    const base = cases.map(([a, w, b]) => smoothPoint(a, w, b));
    const { step, nodes } = QUADRATURE;
    try {
      QUADRATURE.step = step / 2; QUADRATURE.nodes = 2 * nodes;
      cases.forEach(([a, w, b], i) => {
        const fine = smoothPoint(a, w, b), p = base[i];
        expect(Math.abs(p.qStar / fine.qStar - 1)).toBeLessThan(1e-7);
        expect(Math.abs(p.chi1 / fine.chi1 - 1)).toBeLessThan(1e-7);
        expect(Math.abs(p.cStar - fine.cStar)).toBeLessThan(1e-7);
      });
    } finally { QUADRATURE.step = step; QUADRATURE.nodes = nodes; }
  });
});

describe('large sigma_w^2 (the xi_c = 6e15 bug)', () => {
  it('erf by quadrature equals erf in closed form up to sigma_w^2 = 400', () => {
    for (const w of [4, 16, 36, 100, 400]) {
      for (const b of [0, 0.05, 0.3]) {
        const quad = smoothPoint('erf', w, b), exact = planePoint('erf', w, b);
        expect(quad.qStar / exact.qStar).toBeCloseTo(1, 7);
        expect(quad.chi1 / exact.chi1).toBeCloseTo(1, 6);
        expect(quad.cStar).toBeCloseTo(exact.cStar, 6);
        expect(quad.xiC / exact.xiC).toBeCloseTo(1, 5);
        expect(quad.xiQ / exact.xiQ).toBeCloseTo(1, 6);
      }
    }
  });

  it('tanh at sigma_w^2 = 36, sigma_b^2 = 0.05: c* a fixed point of a fine reference map, xi_c about 3 layers (6 xi_c about 18), not 1e15', () => {
    const p = tanhChaosPoint(36, 0.05);
    expect(p.cStar).toBeGreaterThan(0);
    expect(p.cStar).toBeLessThan(0.05);
    // A Simpson grid fine in u (spacing 16 sqrt(q) / 1400 = 0.064 at q* = 31).
    const fine = (c: number) => (36 * pairExpectation(Math.tanh, Math.tanh, p.qStar, c, 1400) + 0.05) / p.qStar;
    expect(fine(p.cStar)).toBeCloseTo(p.cStar, 6);
    const d = (u: number) => 1 - Math.tanh(u) ** 2;
    expect(p.xiC).toBeCloseTo(-1 / Math.log(36 * pairExpectation(d, d, p.qStar, p.cStar, 1400)), 4);
    expect(6 * p.xiC).toBeGreaterThan(15);
    expect(6 * p.xiC).toBeLessThan(21);
    // And every activation stays finite and in [0, 1) out there (or reports no q*).
    for (const a of SMOOTH_ACTIVATIONS) {
      for (const w of [16, 36, 100]) {
        const s = planePoint(a, w, 0.05);
        if (s.regime === 'unbounded') continue;
        expect(s.cStar).toBeGreaterThanOrEqual(0);
        expect(s.cStar).toBeLessThanOrEqual(1);
        expect(Number.isFinite(s.xiC) || s.regime === 'edge').toBe(true);
        expect(s.xiC).toBeLessThan(1e6);
      }
    }
  }, 60_000);
});

describe('against wide random networks', () => {
  // Points on each plane with something to see: chaotic where the activation has a chaotic phase here.
  const cases: [Act | 'leaky_relu', number, number][] = [['tanh', 3, 0.05], ['selu', 1.6, 0], ['sigmoid', 3, 0.1], ['gelu', 1.9, 0.05], ['elu', 1.6, 0.05], ['selu', 1.2, 0.05], ['leaky_relu', 1.6, 0.1]];
  it.each(cases)('%s at sigma_w^2 = %d, sigma_b^2 = %d: c_l of two inputs follows the correlation map from c_0 = 0.9', (a, w, b) => {
    const q0 = 1, layers = 7;
    const theory = planePairPropagation(a, 0.9, layers, w, b, q0)!;
    const f = ACTIVATIONS[a].value;
    const measured = [1, 2, 3].map((seed) => measuredCorrelation(f, w, b, layers, 0.9, q0, 400, seed, 'raw'));
    const mean = measured.reduce((x, y) => x + y, 0) / measured.length;
    // Entry l - 1 is layer l's pre-activation. Width 400, 7 layers: one pair scatters by ~0.03, the mean of three by ~0.02.
    expect(Math.abs(mean - theory[layers - 1])).toBeLessThan(0.04);
  }, 120_000);
});

describe('leaky ReLU in closed form', () => {
  it('q*, chi_1 and the correlation kernel agree with quadrature; the degenerate line is 2 / (1 + a^2)', () => {
    const a = LEAKY_SLOPE, f = ACTIVATIONS.leaky_relu.value, d = ACTIVATIONS.leaky_relu.derivative;
    const p = planePoint('leaky_relu', 1.6, 0.1);
    expect(w2(p.qStar)).toBeCloseTo(p.qStar, 10);
    function w2(q: number) { return 1.6 * slowExpect((u) => f(u) ** 2, q) + 0.1; }
    expect(p.chi1).toBeCloseTo(1.6 * slowExpect((u) => d(u) ** 2, p.qStar), 10);
    for (const c of [-0.5, 0, 0.3, 0.9, 0.999]) expect(leakyKernel(c, a)).toBeCloseTo(pairExpectation(f, f, 1, c, 600), 5);
    // The kernel's slope at c = 1, normalized by E[phi^2] / q = (1 + a^2) / 2, is 1: marginal, never chaotic.
    const e = 1e-6;
    expect((leakyKernel(1, a) - leakyKernel(1 - e, a)) / e / ((1 + a * a) / 2)).toBeCloseTo(1, 3);
    expect(leakyLine()).toBeCloseTo(2 / (1 + a * a), 15);
    expect(criticalSw2('leaky_relu', 0.2)).toBe(leakyLine());
    expect(planePoint('leaky_relu', 1.99, 0.1).regime).toBe('ordered');
    expect(planePoint('leaky_relu', 2, 0.1).regime).toBe('unbounded');
    expect(planePoint('leaky_relu', 1.6, 0).regime).toBe('marginal');
  });
});
