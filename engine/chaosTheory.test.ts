/**
 * The order-to-chaos picture (chaosTheory.ts) against its closed forms and against a simulated wide
 * tanh network.
 */
import { describe, expect, it } from 'vitest';
import { chi1, correlationMap, correlationTrajectory, fixedPointQ, phasePoint } from './chaosTheory.ts';
import { createRng } from './rng.ts';

describe('edge of chaos, tanh (Poole et al. 2016; Schoenholz et al. 2017)', () => {
  it('without biases q* = 0 below sigma_w^2 = 1, and chi_1 = sigma_w^2 there: the boundary chi_1 = 1 meets sigma_b^2 = 0 at sigma_w^2 = 1', () => {
    expect(fixedPointQ(0.5, 0)).toBeLessThan(1e-10);
    expect(chi1(0.5, 0)).toBeCloseTo(0.5, 10);
    const p = phasePoint(0.5, 0);
    expect(p.cStar).toBe(1);
    expect(p.xiC).toBeCloseTo(-1 / Math.log(0.5), 6);
  });

  it('chi_1 is the correlation map\'s slope at c = 1; ordered below the boundary (c* = 1), chaotic above it (c* < 1)', () => {
    for (const [sw2, sb2] of [[1.5, 0.05], [2.5, 0.1], [4, 0.05]]) {
      const q = fixedPointQ(sw2, sb2), d = 1e-3;
      const slope = (1 - correlationMap(1 - d, sw2, sb2, q)) / d;
      expect(Math.abs(slope / chi1(sw2, q) - 1)).toBeLessThan(0.01);
    }
    const ordered = phasePoint(1.2, 0.3), chaotic = phasePoint(4, 0.05);
    expect(ordered.chi1).toBeLessThan(1);
    expect(ordered.cStar).toBe(1);
    expect(chaotic.chi1).toBeGreaterThan(1);
    expect(chaotic.cStar).toBeLessThan(0.9);
    expect(chaotic.xiC).toBeGreaterThan(0);
  });

  it('xi_c diverges at the boundary: larger the closer chi_1 is to 1', () => {
    const xi = [1.5, 1.7, 1.75].map((sw2) => phasePoint(sw2, 0.05));
    const near = xi.reduce((a, b) => (Math.abs(a.chi1 - 1) < Math.abs(b.chi1 - 1) ? a : b));
    expect(near.xiC).toBeGreaterThan(Math.max(...xi.filter((p) => p !== near).map((p) => p.xiC)));
  });

  it.each([[1.3, 0.05, 0.2], [4, 0.05, 0.95]])('sigma_w^2 = %d, sigma_b^2 = %d: a width-1000 tanh net\'s correlation c_l follows the map from c_0 = %d', (sw2, sb2, c0) => {
    const n = 1000, depth = 8, rng = createRng(7);
    const q = fixedPointQ(sw2, sb2);
    const theory = correlationTrajectory(c0, depth, sw2, sb2);
    // Two pre-activations at the fixed length q* with correlation c0.
    let a = new Float64Array(n), b = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const z1 = rng.normal(), z2 = rng.normal();
      a[i] = Math.sqrt(q) * z1;
      b[i] = Math.sqrt(q) * (c0 * z1 + Math.sqrt(1 - c0 * c0) * z2);
    }
    const sw = Math.sqrt(sw2 / n), sb = Math.sqrt(sb2);
    for (let l = 0; l < depth; l++) {
      const na = new Float64Array(n), nb = new Float64Array(n);
      for (let o = 0; o < n; o++) {
        const bias = sb * rng.normal();
        let sa = bias, sbb = bias;
        for (let i = 0; i < n; i++) {
          const w = sw * rng.normal();
          sa += w * Math.tanh(a[i]);
          sbb += w * Math.tanh(b[i]);
        }
        na[o] = sa; nb[o] = sbb;
      }
      a = na; b = nb;
      let ab = 0, aa = 0, bb = 0;
      for (let i = 0; i < n; i++) { ab += a[i] * b[i]; aa += a[i] * a[i]; bb += b[i] * b[i]; }
      // Sampling error of a correlation over n units: ~(1 - c^2) / sqrt(n), compounded over layers: 0.05 is > 5 SE at layer 1.
      expect(Math.abs(ab / Math.sqrt(aa * bb) - theory[l])).toBeLessThan(0.05);
    }
  }, 60_000);
});

describe('the page\'s fast phase diagram (engine/contract/chaosPlane.ts) against this reference', () => {
  it('agrees on q*, chi_1, c* and xi_c', async () => {
    const { tanhChaosPoint } = await import('./contract/chaosPlane.ts');
    for (const [w, b] of [[0.8, 0.05], [1.5, 0.05], [2.5, 0.1], [3.5, 0.25], [2, 0.3]]) {
      const fast = tanhChaosPoint(w, b), ref = phasePoint(w, b);
      expect(fast.qStar / ref.qStar).toBeCloseTo(1, 6);
      expect(fast.chi1 / ref.chi1).toBeCloseTo(1, 6);
      expect(fast.cStar).toBeCloseTo(ref.cStar, 5);
      expect(fast.xiC / ref.xiC).toBeCloseTo(1, 4);
    }
  });
});
