import { priorTerms, type Optimizer, type OptimizerSettings, type Param } from './optimizer.ts';

/**
 * SGD with momentum in PyTorch's form (dampening 0, not Nesterov):
 *   v = mu v + (g + wd R'(p));  p -= lr v   (R'(p) = p for L2, sign(p) for L1);
 * decoupled: v = mu v + g;  p -= lr wd R'(p) + lr v  (the prior's pull is not accumulated).
 * v starts at 0, so the first step is plain SGD (PyTorch starts its buffer at g: the same thing).
 * Velocities are float32, like the parameters.
 */
export function createMomentum(params: readonly Param[], settings: OptimizerSettings): Optimizer {
  const velocity = params.map((p) => new Float32Array(p.value.length));
  const updateSq = new Float64Array(params.length);
  const valueSq = new Float64Array(params.length);
  let steps = 0;
  const terms = { coupled: 0, decoupled: 0, l1: false };
  return {
    name: 'momentum', params, settings, updateSq, valueSq,
    get steps() { return steps; },
    step() {
      const lr = settings.lr, mu = settings.momentum;
      let firstBad = -1;
      for (let k = 0; k < params.length; k++) {
        const { value: p, grad: g } = params[k];
        const v = velocity[k];
        const { coupled: wd, decoupled, l1 } = priorTerms(settings, params[k].decay, terms);
        let du = 0, vs = 0, after = 0;
        for (let i = 0; i < p.length; i++) {
          const w = p[i];
          const r = l1 ? Math.sign(w) : w;
          const shrink = decoupled === 0 ? 0 : lr * decoupled * r; // +0, not -0, when coupled: the bits stay as before
          v[i] = mu * v[i] + (g[i] + wd * r);
          const d = lr * v[i];
          p[i] = w - shrink - d;
          du += (d + shrink) * (d + shrink);
          vs += w * w;
          after += p[i];
        }
        updateSq[k] = du;
        valueSq[k] = vs;
        if (firstBad < 0 && after - after !== 0) firstBad = k;
      }
      steps++;
      return firstBad;
    },
    reset() {
      for (const v of velocity) v.fill(0);
      steps = 0;
    },
  };
}
