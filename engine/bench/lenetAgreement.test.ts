import { describe, expect, it } from 'vitest';
import { difference, maxRelativeDifference } from './compare.ts';
import { createEngineLenetTrainer } from './engineImpl.ts';
import { createConvnetLenetTrainer } from './lenetConvnet.ts';
import { lenetParameterSizes, makeLenetData } from './lenetData.ts';
import type { MlpTrainer } from './types.ts';
import { WORKLOADS, type CnnWorkload } from './workloads.ts';

/** The bench's agreement check on a small batch: the layouts ConvNetJS needs are mapped right. */
describe('W4 LeNet: engine and ConvNetJS from identical weights', () => {
  const w4 = WORKLOADS.find((x): x is CnnWorkload => x.kind === 'cnn')!;
  const w: CnnWorkload = { ...w4, batch: 4, learningRate: 0.05 };
  const flat = (params: Float32Array[]) => {
    const out = new Float32Array(params.reduce((n, p) => n + p.length, 0));
    params.reduce((at, p) => (out.set(p, at), at + p.length), 0);
    return out;
  };
  const twoSteps = (t: MlpTrainer) => ({ losses: [t.step(true), t.step(true)], params: flat(t.parameters()) });

  it('agree after two SGD steps on two batches to float32 tolerance', () => {
    const initial = flat(makeLenetData(w).params);
    const engine = twoSteps(createEngineLenetTrainer(w, makeLenetData(w)));
    const convnet = twoSteps(createConvnetLenetTrainer(w, makeLenetData(w)));
    const sizes = lenetParameterSizes(w);
    expect(maxRelativeDifference(convnet.params, engine.params, sizes)).toBeLessThan(1e-5);
    expect(maxRelativeDifference(difference(convnet.params, initial), difference(engine.params, initial), sizes)).toBeLessThan(1e-3);
    for (let s = 0; s < 2; s++) expect(convnet.losses[s]).toBeCloseTo(engine.losses[s], 5);
    // Every tensor moved: the comparison is not of untouched weights.
    let at = 0;
    for (const size of sizes) {
      const moved = engine.params.subarray(at, at + size).some((v, i) => v !== initial[at + i]);
      expect(moved).toBe(true);
      at += size;
    }
  });
});
