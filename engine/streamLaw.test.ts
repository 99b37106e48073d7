import { describe, expect, it } from 'vitest';
import { createRng } from './rng.ts';
import { GridFunction, StreamLaw } from './streamLaw.ts';

const relu = (x: number) => (x > 0 ? x : 0);

describe('StreamLaw: a residual stream unit\'s law on a grid', () => {
  it('holds N(mu, s^2) and U(-a, a) with their moments', () => {
    const g = StreamLaw.gaussian(0.5, 2);
    expect(g.mean()).toBeCloseTo(0.5, 12);
    expect(g.m2()).toBeCloseTo(4.25, 10);
    const u = StreamLaw.uniform(Math.sqrt(3));
    expect(u.m2()).toBeCloseTo(1, 4); // trapezoid rule: O(h^2), h = 0.0034
    expect(u.expect((x) => x ** 4)).toBeCloseTo(9 / 5, 4);
  });

  it('convolution adds variances and means exactly (Gaussians stay Gaussian: E[x^4] = 3 s^4)', () => {
    let law = StreamLaw.gaussian(0, 1);
    for (let k = 0; k < 30; k++) law = law.convolve(0.1, Math.sqrt(law.m2() - law.mean() ** 2)); // x2 variance per step
    const variance = law.m2() - law.mean() ** 2;
    expect(variance / 2 ** 30).toBeCloseTo(1, 9);
    expect(law.mean()).toBeCloseTo(3, 9);
    expect(law.expect((x) => (x - 3) ** 4) / (3 * variance * variance)).toBeCloseTo(1, 6);
    expect(law.p.length).toBeLessThanOrEqual(512);
  });

  it('ReLU makes an atom at 0 of the negative mass; the map of N(0, s^2) has E[relu^2] = s^2 / 2', () => {
    const law = StreamLaw.gaussian(0, 3).map(relu);
    // the strictly negative grid mass; the grid point at 0 (half its cell positive) stays on the grid
    expect(law.atoms).toHaveLength(1);
    expect(law.atoms[0].x).toBe(0);
    expect(law.atoms[0].p + law.p[law.p.length > 0 ? Math.round(-law.lo / law.h) : 0] / 2).toBeCloseTo(0.5, 12);
    expect(law.m2()).toBeCloseTo(4.5, 6);
    expect(law.mean()).toBeCloseTo(3 / Math.sqrt(2 * Math.PI), 3); // relu has a kink: the trapezoid rule is O(h^2) there
  });

  it('the post form\'s recursion x <- relu(x + N(0, 2 E[x^2])) matches a 1-D Monte Carlo of the same model', () => {
    // The mean-field model of He init + ReLU, post form: F ~ N(0, 2 E[x^2]) independent of x.
    const rng = createRng(5);
    const n = 400_000;
    const xs = new Float64Array(n).map(() => rng.normal());
    let law = StreamLaw.gaussian(0, 1);
    for (let k = 0; k < 6; k++) {
      const q = law.m2();
      law = law.convolve(0, Math.sqrt(2 * q)).map(relu);
      let qs = 0;
      for (let i = 0; i < n; i++) qs += xs[i] * xs[i];
      const s = Math.sqrt((2 * qs) / n);
      for (let i = 0; i < n; i++) xs[i] = relu(xs[i] + s * rng.normal());
      let m2 = 0;
      for (let i = 0; i < n; i++) m2 += xs[i] * xs[i];
      // Monte Carlo: relative SE ~ sqrt(Var[x^2]) / (E[x^2] sqrt(n)) ~ 2e-3, compounding over steps: 5 SE ~ 3%
      expect(Math.abs(Math.log(m2 / n / law.m2())), `step ${k + 1}`).toBeLessThan(0.03);
    }
    expect(law.m2()).toBeGreaterThan(2.3 ** 5); // ~x2.4 per block
  });

  it('expectShifted gives E[f(x + G)] per grid point, consistent with the convolution', () => {
    const law = StreamLaw.gaussian(0, 1).map(relu).forKernel(1.5);
    const shifted = law.expectShifted((y) => y * y, 0.2, 1.5);
    // E[(x + G)^2 | x] = x^2 + 2 x 0.2 + 0.04 + 2.25
    for (let i = 0; i < shifted.grid.length; i += 37) {
      const x = law.lo + i * law.h;
      expect(shifted.grid[i]).toBeCloseTo(x * x + 0.4 * x + 2.29, 8);
    }
    expect(shifted.atoms[0]).toBeCloseTo(2.29, 8);
    const total = law.p.reduce((a, p, i) => a + p * shifted.grid[i], 0) + law.atoms[0].p * shifted.atoms[0];
    expect(total).toBeCloseTo(law.convolve(0.2, 1.5).m2(), 8);
  });

  it('a step at 0 (ReLU\'s derivative) costs O(h^2), not O(h): P(X > 0) = 1/2 for a centred Gaussian on any grid', () => {
    for (const shift of [0, 0.013, 0.5]) {
      const law = StreamLaw.gaussian(0, 1).convolve(shift, 0.7).convolve(-shift, 0.3);
      expect(law.expect((x) => (x > 0 ? 1 : 0), true)).toBeCloseTo(0.5, 4);
    }
  });

  it('GridFunction: linear between points, the end values beyond, atoms exactly', () => {
    const law = new StreamLaw(0, 1, Float64Array.from([0.25, 0.25, 0.25]), [{ x: 0, p: 0.25 }]);
    const f = new GridFunction(law, Float64Array.from([1, 3, 5]), [7]);
    expect(f.at(0)).toBe(7);
    expect(f.at(0.5)).toBe(2);
    expect(f.at(1.75)).toBe(4.5);
    expect(f.at(9)).toBe(5);
    expect(GridFunction.constant(2).at(-3)).toBe(2);
  });
});
