import { describe, expect, it } from 'vitest';
import { CHAOS_GRID, gridAxes, gridRow, tanhChaosPoint, tanhCorrelationTrajectory, tanhCriticalSw2, tanhFixedPointQ } from './chaosPlane.ts';

describe('the tanh phase diagram (Poole et al. 2016; Schoenholz et al. 2017)', () => {
  it('has q* = 0 and chi_1 = sigma_w^2 without biases in the ordered phase, the edge at sigma_w^2 = 1', () => {
    expect(tanhFixedPointQ(0.8, 0)).toBe(0);
    expect(tanhChaosPoint(0.8, 0).chi1).toBeCloseTo(0.8, 12);
    expect(tanhCriticalSw2(0)).toBeCloseTo(1, 6);
  });

  it('q* is a fixed point of the length map', () => {
    for (const [w, b] of [[1.5, 0.05], [3.5, 0.25], [0.6, 0.3]]) {
      const q = tanhFixedPointQ(w, b);
      // Simpson on a fine grid as an independent check of the quadrature.
      const n = 4000, a = 10, h = (2 * a) / n;
      let e = 0;
      for (let i = 0; i <= n; i++) {
        const z = -a + i * h, wt = i === 0 || i === n ? 1 : i % 2 ? 4 : 2;
        e += wt * Math.exp(-z * z / 2) * Math.tanh(Math.sqrt(q) * z) ** 2;
      }
      e *= h / 3 / Math.sqrt(2 * Math.PI);
      expect(w * e + b).toBeCloseTo(q, 8);
    }
  });

  it('c* is a fixed point of the correlation map and below 1 only where chi_1 > 1', () => {
    const chaotic = tanhChaosPoint(2.5, 0.1);
    expect(chaotic.chi1).toBeGreaterThan(1);
    expect(chaotic.cStar).toBeLessThan(1);
    const [next] = tanhCorrelationTrajectory(chaotic.cStar, 1, 2.5, 0.1);
    expect(next).toBeCloseTo(chaotic.cStar, 8);
    const ordered = tanhChaosPoint(1.5, 0.05);
    expect(ordered.chi1).toBeLessThan(1);
    expect(ordered.cStar).toBe(1);
    expect(ordered.xiC).toBeCloseTo(-1 / Math.log(ordered.chi1), 12);
  });

  it('chi_1 crosses 1 at the critical sigma_w^2 of every sigma_b^2, and xi_c grows toward it from both sides', () => {
    for (const b of [0.01, 0.1, 0.3]) {
      const w = tanhCriticalSw2(b);
      expect(tanhChaosPoint(w * 0.999, b).chi1).toBeLessThan(1);
      expect(tanhChaosPoint(w * 1.001, b).chi1).toBeGreaterThan(1);
      expect(tanhChaosPoint(w * 0.99, b).xiC).toBeGreaterThan(tanhChaosPoint(w * 0.9, b).xiC);
      expect(tanhChaosPoint(w * 1.01, b).xiC).toBeGreaterThan(tanhChaosPoint(w * 1.1, b).xiC);
    }
  });

  it('a grid row (warm-started from the chaotic end, the coarse rule) agrees with the points computed alone by the fine rule', () => {
    const row = gridRow(20);
    const { sw2, sb2 } = gridAxes();
    expect(row).toHaveLength(CHAOS_GRID.columns);
    let worst = 0;
    for (let k = 0; k < CHAOS_GRID.columns; k++) {
      const alone = tanhChaosPoint(sw2[k], sb2[20]);
      expect(Math.abs(row[k].cStar - alone.cStar)).toBeLessThan(1e-3);
      // Past 100 layers the colour is saturated (XI_DECADES): both must be there.
      if (alone.xiC > 100) expect(row[k].xiC).toBeGreaterThan(100);
      else worst = Math.max(worst, Math.abs(row[k].xiC / alone.xiC - 1));
    }
    // The coarse rule is for colour: log10 xi_c over two decades moves by < 0.003 for 1% (seen: 0.5% next to the edge, 1e-4 away from it).
    expect(worst).toBeLessThan(1e-2);
  });
});
