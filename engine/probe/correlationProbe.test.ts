import { describe, expect, it } from 'vitest';
import { withConfig } from '../contract/config.ts';
import { tanhCorrelationTrajectory, tanhPairPropagation } from '../contract/chaosPlane.ts';
import { correlationProbe, correlationProblem } from './correlationProbe.ts';

describe('the correlation probe (Poole et al. 2016; Schoenholz et al. 2017)', () => {
  it('a wide tanh net at sigma_w^2 = 2.25 (chaotic) decorrelates two close inputs as the map says', () => {
    const config = withConfig({ act: 'tanh', init: 'xavier_normal', gain: 1.5, width: 1000, depth: 8 });
    const measured = correlationProbe(config, 0.95);
    expect(measured).toHaveLength(8);
    // The input layer's pre-activations already carry c_0's map once; theory from the input's q = 1 converges to q* within a layer or two.
    const theory = tanhCorrelationTrajectory(0.95, 8, 2.25, 0);
    for (let l = 3; l < 8; l++) expect(Math.abs(measured[l] - theory[l - 1])).toBeLessThan(0.08);
    // The same pair with the length's transient: layer 1 is linear in the input (c_1 = c_0).
    const exact = tanhPairPropagation(0.95, 8, 2.25, 0);
    expect(exact[0]).toBeCloseTo(0.95, 12);
    // Within sampling error: at width 1000, seeds 1-3 spread 0.84-0.91 by layer 8 around the map's 0.86.
    for (let l = 0; l < 8; l++) expect(Math.abs(measured[l] - exact[l])).toBeLessThan(0.06);
    expect(measured[7]).toBeLessThan(0.92);
  });

  it('without random biases below sigma_w^2 = 1 the signal shrinks to q* = 0, tanh acts linearly and c_l stays near c_0', () => {
    expect(tanhCorrelationTrajectory(0.2, 10, 0.64, 0).every((c) => c === 0.2)).toBe(true);
    const measured = correlationProbe(withConfig({ act: 'tanh', init: 'xavier_normal', gain: 0.8, width: 1000, depth: 10 }), 0.2);
    for (const c of measured) expect(Math.abs(c - 0.2)).toBeLessThan(0.25);
  });

  it('refuses what the theory does not describe', () => {
    expect(correlationProblem(withConfig({ norm: 'batch' }))).not.toBeNull();
    expect(() => correlationProbe(withConfig({ residual: 1 }), 0.5)).toThrow();
  });
});
