/** The MAP convention: lambda R(W) is -(1/N) log p(W) + const for the scale priorScale gives. */
import { describe, expect, it } from 'vitest';
import { withConfig } from './config.ts';
import { lambdaForScale, priorDensity, priorNotApplied, priorScale } from './prior.ts';

describe('lambda and the prior\'s scale for N examples', () => {
  for (const [prior, R] of [['gauss', (w: number) => (w * w) / 2], ['laplace', (w: number) => Math.abs(w)]] as const) {
    it(`${prior}: lambda (R(w) - R(0)) = -(1/N) (log p(w) - log p(0)) at the scale priorScale gives`, () => {
      for (const [lambda, n] of [[0.01, 100], [1e-4, 1438], [0.3, 20]]) {
        const scale = priorScale(prior, lambda, n);
        for (const w of [-2, -0.3, 0.01, 0.7, 3]) {
          const logRatio = Math.log(priorDensity(prior, scale, w)) - Math.log(priorDensity(prior, scale, 0));
          expect(lambda * (R(w) - R(0))).toBeCloseTo(-logRatio / n, 10);
        }
        expect(lambdaForScale(prior, scale, n)).toBeCloseTo(lambda, 12);
      }
    });
  }

  it('sigma^2 = 1/(N lambda) and b = 1/(N lambda): 100 digits at lambda 0.01 give sigma = 1, b = 1; flat at 0', () => {
    expect(priorScale('gauss', 0.01, 100)).toBeCloseTo(1, 12);
    expect(priorScale('laplace', 0.01, 100)).toBeCloseTo(1, 12);
    expect(priorScale('gauss', 0.01, 1438)).toBeCloseTo(1 / Math.sqrt(14.38), 12);
    expect(priorScale('gauss', 0, 100)).toBe(Infinity);
    expect(priorScale('none', 0.01, 100)).toBeNaN();
  });

  it('the densities integrate to 1', () => {
    for (const prior of ['gauss', 'laplace'] as const) {
      let sum = 0;
      const h = 1e-3;
      for (let w = -20; w <= 20; w += h) sum += priorDensity(prior, 0.7, w) * h;
      expect(sum).toBeCloseTo(1, 4);
    }
  });

  it('reports the prior keys that change nothing', () => {
    expect(priorNotApplied(withConfig({ data: 'digits', wd: 0.01 }))).toEqual([]);
    expect(priorNotApplied(withConfig({ data: 'digits', wd: 0.01, prior: 'none' })).map((n) => n.key)).toEqual(['wd']);
    expect(priorNotApplied(withConfig({ data: 'digits', prior: 'laplace', decay: 'decoupled' })).map((n) => n.key)).toEqual(['prior', 'decay']);
  });
});
