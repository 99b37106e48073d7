import { priorTerms, type Optimizer, type OptimizerSettings, type Param } from './optimizer.ts';

/**
 * Plain SGD: p -= lr (g + wd R'(p)) (the prior's term on weights only; R'(p) = p for L2, sign(p)
 * for L1); decoupled, p -= lr wd R'(p) then p -= lr g: the same update.
 */
export function createSgd(params: readonly Param[], settings: OptimizerSettings): Optimizer {
  const updateSq = new Float64Array(params.length);
  const valueSq = new Float64Array(params.length);
  let steps = 0;
  const terms = { coupled: 0, decoupled: 0, l1: false };
  return {
    name: 'sgd', params, settings, updateSq, valueSq,
    get steps() { return steps; },
    step() {
      const lr = settings.lr;
      let firstBad = -1;
      for (let k = 0; k < params.length; k++) {
        const { value: p, grad: g } = params[k];
        const { coupled: wd, decoupled, l1 } = priorTerms(settings, params[k].decay, terms);
        let du = 0, vs = 0, after = 0;
        for (let i = 0; i < p.length; i++) {
          const w = p[i];
          const r = l1 ? Math.sign(w) : w;
          const shrink = decoupled === 0 ? 0 : lr * decoupled * r; // +0, not -0, when coupled: the bits stay as before
          const d = lr * (g[i] + wd * r);
          p[i] = w - shrink - d;
          du += (d + shrink) * (d + shrink);
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
