import type { Optimizer, OptimizerSettings, Param } from './optimizer.ts';

/** Plain SGD: p -= lr (g + wd p) (the decay term on weights only). */
export function createSgd(params: readonly Param[], settings: OptimizerSettings): Optimizer {
  const updateSq = new Float64Array(params.length);
  const valueSq = new Float64Array(params.length);
  let steps = 0;
  return {
    name: 'sgd', params, settings, updateSq, valueSq,
    get steps() { return steps; },
    step() {
      const lr = settings.lr;
      let firstBad = -1;
      for (let k = 0; k < params.length; k++) {
        const { value: p, grad: g } = params[k];
        const wd = params[k].decay ? settings.wd : 0;
        let du = 0, vs = 0, after = 0;
        for (let i = 0; i < p.length; i++) {
          const w = p[i];
          const d = lr * (g[i] + wd * w);
          p[i] = w - d;
          du += d * d;
          vs += w * w;
          after += p[i];
        }
        updateSq[k] = du;
        valueSq[k] = vs;
        // A float64 sum of float32 values cannot overflow, so it is finite iff every value is.
        if (firstBad < 0 && after - after !== 0) firstBad = k;
      }
      steps++;
      return firstBad;
    },
    reset() {
      steps = 0;
    },
  };
}
