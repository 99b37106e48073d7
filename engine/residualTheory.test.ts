/**
 * The residual stream's theory against closed forms. In the pre form with a Gaussian input the
 * stream stays Gaussian (each block adds an independent Gaussian branch), so with He init and ReLU
 * (the branch's gain is 1) E[x_k^2] = (1 + alpha^2)^k exactly: 2^k for alpha = 1, (1 + 1/B)^k
 * for alpha = 1/sqrt(B), 1 for a zero-initialized branch.
 */
import { describe, expect, it } from 'vitest';
import { predictResidual } from './residualTheory.ts';

function streamOf(blocks: number, scale: number): number[] {
  const t = predictResidual({
    depth: 2 * blocks, width: 256, inputWidth: 256, activation: 'relu', init: 'he_normal',
    initOptions: { activation: 'relu', gain: 1, std: 0.01, constant: 0.01, fan: 'in' }, bias: 0,
    form: 'pre', scale, norm: null, input: 'gauss', topGradM2: 1,
  });
  return Array.from({ length: blocks }, (_, k) => t.streamM2[2 * k + 1]);
}

const relative = (got: number, want: number) => Math.abs(got - want) / want;

describe('the residual stream\'s theory equals the closed form where there is one', () => {
  it('alpha = 1/sqrt(B): (1 + 1/B)^k at every block k, for every B in 1..200 (1e-6 relative)', () => {
    let worst = 0;
    for (let blocks = 1; blocks <= 200; blocks++) {
      const stream = streamOf(blocks, 1 / Math.sqrt(blocks));
      stream.forEach((m2, k) => { worst = Math.max(worst, relative(m2, (1 + 1 / blocks) ** (k + 1))); });
    }
    expect(worst).toBeLessThan(1e-6);
    // The lecture's number: (1 + 1/100)^100 = 2.7048..., not the 2.7495 a binned kernel drifted to.
    expect(streamOf(100, 0.1)[99]).toBeCloseTo(2.7048138294, 8);
  }, 120_000);

  it('alpha = 1: 2^k; a zero-initialized branch: 1 (200 blocks)', () => {
    const doubling = streamOf(200, 1), zero = streamOf(200, 0);
    doubling.forEach((m2, k) => expect(relative(m2, 2 ** (k + 1))).toBeLessThan(1e-6));
    zero.forEach((m2) => expect(relative(m2, 1)).toBeLessThan(1e-6));
  });
});
