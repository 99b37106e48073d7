/**
 * Batch-norm theory (normTheory.ts) against closed forms and against the probe, which runs batch
 * norm in train mode on its batch.
 */
import { describe, expect, it } from 'vitest';
import { withConfig } from './contract/config.ts';
import { stat } from './contract/probeLayout.ts';
import { runProbe } from './experiment.ts';
import { BN_RELU_GRADIENT_GROWTH, normalizedM2, predictWithBatchNorm } from './normTheory.ts';

const base = {
  depth: 8, width: 64, inputWidth: 64, activation: 'relu' as const, init: 'he_normal' as const,
  initOptions: { activation: 'relu' as const, gain: 1, std: 0.01, constant: 0.01, fan: 'in' as const },
  bias: 0, inputM2: 1, topGradM2: 1,
};

/** (first / last)^(1 / (layers - 1)): the mean per-layer growth of a per-layer series going down. */
function growth(x: ArrayLike<number>, from: number, to: number): number {
  return (x[from] / x[to]) ** (1 / (to - from));
}

describe('batch-norm mean-field theory', () => {
  it('normalizes each feature to v / (v + eps), then gamma and beta make gamma^2 v / (v + eps) + beta^2', () => {
    expect(normalizedM2(1, 0)).toBe(1);
    expect(normalizedM2(1e-5, 1e-5)).toBeCloseTo(0.5, 12);
    expect(normalizedM2(2, 1e-5, 3, 0.5)).toBeCloseTo((9 * 2) / (2 + 1e-5) + 0.25, 12);
    const t = predictWithBatchNorm({ ...base, norm: { position: 'before', eps: 0.5, batch: 1e9, gamma: 2, beta: 0 } });
    // Layer 1: v = n Var[w] E[x^2] = 2 (He, ReLU): 4 * 2 / 2.5.
    expect(t.preM2[0]).toBeCloseTo(3.2, 10);
    expect(t.actM2[0]).toBeCloseTo(1.6, 6);
  });

  it('BN then ReLU: the gradient second moment grows by pi / (pi - 1) per layer going down (Yang et al. 2019), times 1 - 2/B', () => {
    expect(BN_RELU_GRADIENT_GROWTH).toBeCloseTo(1.4669, 4);
    for (const init of ['he_normal', 'xavier_normal', 'lecun_normal'] as const) {
      const large = predictWithBatchNorm({ ...base, init, norm: { position: 'before', eps: 0, batch: 1e12, gamma: 1, beta: 0 } });
      for (let l = 0; l < base.depth - 1; l++) expect(large.gradM2[l] / large.gradM2[l + 1]).toBeCloseTo(BN_RELU_GRADIENT_GROWTH, 8);
      const small = predictWithBatchNorm({ ...base, init, norm: { position: 'before', eps: 0, batch: 32, gamma: 1, beta: 0 } });
      expect(small.gradM2[0] / small.gradM2[1]).toBeCloseTo(BN_RELU_GRADIENT_GROWTH * (1 - 2 / 32), 8);
    }
  });

  // Measured against theory on a wide net. The forward moments are checked to sampling error; the
  // gradient growth is a product of layers, each off by the finite-size effect E[1/v] > 1/E[v]
  // (a feature's batch variance v fluctuates by ~sqrt(2/n + 2/B)), which the wide limit drops.
  it.each([
    ['relu', 'he_normal', 'before'], ['relu', 'xavier_normal', 'before'], ['relu', 'he_normal', 'after'], ['tanh', 'xavier_normal', 'before'],
  ] as const)('%s, %s, BN %s: the probe measures the theory within sampling and finite-size error (width 256, batch 256)', (act, init, bnpos) => {
    const depth = 10, width = 256, batch = 256;
    const run = runProbe(withConfig({ depth, width, batch, act, init, norm: 'batch', bnpos }));
    for (let l = 0; l < depth; l++) {
      // A layer's second moment is a mean over `width` iid units given the layer below: ~sqrt(2/width) = 9% per unit draw, 5 SE / sqrt(width).
      expect(Math.abs(stat(run.probe, l, 'preM2') / stat(run.probe, l, 'theoryPreM2') - 1)).toBeLessThan(0.03);
      expect(Math.abs(stat(run.probe, l, 'actM2') / stat(run.probe, l, 'theoryActM2') - 1)).toBeLessThan(0.04);
    }
    const grad = Array.from({ length: depth }, (_, l) => stat(run.probe, l, 'gradM2'));
    const theory = Array.from({ length: depth }, (_, l) => stat(run.probe, l, 'theoryGradM2'));
    const measured = growth(grad, 0, depth - 1), predicted = growth(theory, 0, depth - 1);
    expect(Math.abs(measured / predicted - 1)).toBeLessThan(0.03);
  }, 60_000);
});
