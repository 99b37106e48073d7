import { priorTerms, type Optimizer, type OptimizerSettings, type Param } from './optimizer.ts';

/**
 * Adam (Kingma & Ba 2015) in PyTorch's arithmetic, with L2 decay added to the gradient (PyTorch's
 * Adam(weight_decay), not AdamW):
 *   g' = g + wd p;  m = b1 m + (1 - b1) g';  v = b2 v + (1 - b2) g'^2
 *   p -= (lr / (1 - b1^t)) m / (sqrt(v) / sqrt(1 - b2^t) + eps)
 * The bias corrections undo the moments' start at 0, so the first step moves each parameter by
 * about lr in the direction of -g. Moments are float32, like the parameters. With L1, wd sign(p)
 * replaces wd p. Decoupled (AdamW, PyTorch's order): p -= lr wd R'(p) first, then the Adam step on
 * g alone, so the prior's pull is not divided by sqrt(v): weights with large gradients are pulled
 * as hard as quiet ones, which coupled L2 under Adam does not do.
 */
export function createAdam(params: readonly Param[], settings: OptimizerSettings): Optimizer {
  const first = params.map((p) => new Float32Array(p.value.length));
  const second = params.map((p) => new Float32Array(p.value.length));
  const updateSq = new Float64Array(params.length);
  const valueSq = new Float64Array(params.length);
  let steps = 0;
  // beta^t by repeated multiplication: exact and the same in every engine (`**` is pow, whose
  // last bit differs between V8 versions).
  let beta1Power = 1;
  let beta2Power = 1;
  const terms = { coupled: 0, decoupled: 0, l1: false };
  return {
    name: 'adam', params, settings, updateSq, valueSq,
    get steps() { return steps; },
    step() {
      steps++;
      const { lr, beta1, beta2, eps } = settings;
      beta1Power *= beta1;
      beta2Power *= beta2;
      const stepSize = lr / (1 - beta1Power);
      const correction2 = Math.sqrt(1 - beta2Power);
      let firstBad = -1;
      for (let k = 0; k < params.length; k++) {
        const { value: p, grad: g } = params[k];
        const m = first[k], v = second[k];
        const { coupled: wd, decoupled, l1 } = priorTerms(settings, params[k].decay, terms);
        let du = 0, vs = 0, after = 0;
        for (let i = 0; i < p.length; i++) {
          const w = p[i];
          const r = l1 ? Math.sign(w) : w;
          const shrink = decoupled === 0 ? 0 : lr * decoupled * r; // +0, not -0, when coupled: the bits stay as before
          const gi = g[i] + wd * r;
          m[i] = beta1 * m[i] + (1 - beta1) * gi;
          v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
          const d = (stepSize * m[i]) / (Math.sqrt(v[i]) / correction2 + eps);
          p[i] = w - shrink - d;
          du += (d + shrink) * (d + shrink);
          vs += w * w;
          after += p[i];
        }
        updateSq[k] = du;
        valueSq[k] = vs;
        if (firstBad < 0 && after - after !== 0) firstBad = k;
      }
      return firstBad;
    },
    reset() {
      for (const m of first) m.fill(0);
      for (const v of second) v.fill(0);
      beta1Power = 1;
      beta2Power = 1;
      steps = 0;
    },
  };
}
