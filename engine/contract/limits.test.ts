import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, withConfig } from './config.ts';
import { budgetProblem, estimateProbeCost, MAX_BYTES, MAX_FLOPS } from './limits.ts';

describe('resource limits', () => {
  it('accepts the default experiment and the lab\'s heavy-but-reasonable 50 x 256 at batch 256', () => {
    expect(budgetProblem(DEFAULT_CONFIG)).toBeNull();
    expect(budgetProblem(withConfig({ depth: 50, width: 256, batch: 256 }))).toBeNull();
  });

  it('refuses 200 x 1024 at batch 4096 with a reason naming memory and arithmetic', () => {
    const problem = budgetProblem(withConfig({ depth: 200, width: 1024, batch: 4096 }));
    expect(problem).toMatch(/200 layers × 1024 units, batch 4096/);
    expect(problem).toMatch(/GB of memory/);
    expect(problem).toMatch(/TFLOP/);
  });

  it('counts the weights exactly: 2 x 3 x 4 network', () => {
    // depth 2, width 3, batch 4: weights 3*3 + 3*3 = 18; forward+backward 6 * batch * weights
    const cost = estimateProbeCost(withConfig({ depth: 2, width: 3, batch: 4, init: 'xavier_normal' }));
    expect(cost.flops).toBe(6 * 4 * 18 + 20 * 2 * 4 * 3);
  });

  it('grows monotonically in depth, width and batch', () => {
    const base = estimateProbeCost(withConfig({ depth: 10, width: 64, batch: 64 }));
    for (const bigger of [{ depth: 11 }, { width: 65 }, { batch: 65 }]) {
      const c = estimateProbeCost(withConfig({ depth: 10, width: 64, batch: 64, ...bigger }));
      expect(c.bytes).toBeGreaterThan(base.bytes);
      expect(c.flops).toBeGreaterThan(base.flops);
    }
    expect(MAX_BYTES).toBeGreaterThan(0);
    expect(MAX_FLOPS).toBeGreaterThan(0);
  });
});
