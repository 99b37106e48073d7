/**
 * What the mean-field picture predicts for a residual stack at initialization, per dense layer
 * (as theory.ts does for a plain one) and for the residual stream at each block's output.
 *
 * Wide-network picture (Poole et al. 2016; for residual nets Yang & Schoenholz 2017): a dense
 * layer's output h = x W + b is Gaussian, N(b, s^2) with s^2 = n Var[w] E[x^2], whatever the law
 * of x, and a branch's output is independent of the stream it is added to. So, with q_k = E[x_k^2]:
 *   pre form:  x_{k+1} = x_k + alpha F(x_k): q_{k+1} = q_k + alpha^2 E[F^2] (+ the mean's shift);
 *              with He init and ReLU, E[F^2] = q_k (F's gain g = 1): about x2 per block; with batch
 *              norm before F's last act, E[F^2] = n Var[w] E[act(N(0,1))^2] = 1 for He + ReLU: +1.
 *   post form: x_{k+1} = act(x_k + alpha F(x_k)): E[(x_k + alpha F)^2] = q_k (1 + alpha^2 g), then
 *              the activation, whose effect depends on the whole law of x_k + alpha F (not
 *              Gaussian: x_k >= 0 after a ReLU); followed numerically (engine/streamLaw.ts).
 * Gradients, under the usual gradient-independence assumption (fresh weights on the way back):
 *   E[(dL/dx_k)^2] = E[(dL/dx_{k+1})^2] (skip) + alpha^2 chi_F E[(dL/dx_{k+1})^2] (branch), chi_F
 *   being the branch's backward gain; through batch norm E[dz^2] = (1 - 2/B) E[dy^2] / Var[z].
 * Zeros and constant weights have no such picture (every unit is the same): NaN throughout.
 */
import { ACTIVATIONS } from './ops/activations.ts';
import { weightVariance } from './init/initializers.ts';
import type { ResidualForm } from './model/layers/residual.ts';
import { GridFunction, StreamLaw } from './streamLaw.ts';
import { moments, type TheoryInput } from './theory.ts';

/** The plain theory's input (the input's law replaces its second moment), and the block's shape. */
export interface ResidualTheoryInput extends Omit<TheoryInput, 'inputM2'> {
  readonly form: ResidualForm;
  /** The branch scale at initialization: 1, 1/sqrt(blocks), or 0 for a zero-initialized branch. */
  readonly scale: number;
  /** Batch norm where the form puts it (gamma 1, beta 0, batch statistics), with its eps and the batch. */
  readonly norm: { readonly eps: number; readonly batch: number } | null;
  /** The input's law: N(0, 1) or U(-sqrt 3, sqrt 3). */
  readonly input: 'gauss' | 'uniform';
  /** A data set's inputs instead: taken as N(0, inputM2) (what a first dense layer or projection makes of any law). */
  readonly inputM2?: number;
  /** E[(dL/dx_L)^2] of the gradient fed in at the last hidden layer. */
  readonly topGradM2: number;
}

export interface ResidualTheory {
  readonly preM2: Float64Array;
  readonly actM2: Float64Array;
  readonly gradM2: Float64Array;
  /** E[x^2] of the stream at each block's output, on the layer closing the block; NaN elsewhere. */
  readonly streamM2: Float64Array;
}

/** What the backward pass needs from each layer: the weight variance, and E[act'^2] and Var of what BN divided by. */
interface LayerState {
  /** fanOut Var[w]: the backward gain of the dense map. */
  readonly backGain: number;
  readonly derivM2: number;
  /** Var of the batch norm's input (1 / the factor BN scales gradients by), or null without BN. */
  readonly normVar: number | null;
}

/** A post-form block's merge x_k + alpha F: the law it started from (on the kernel's grid), the law after, and the Gaussian added. */
interface Merge {
  readonly input: StreamLaw;
  readonly merged: StreamLaw;
  readonly shift: number;
  readonly sd: number;
}

const square = (x: number) => x * x;

export function predictResidual(t: ResidualTheoryInput): ResidualTheory {
  const { depth, width } = t;
  const preM2 = new Float64Array(depth).fill(NaN);
  const actM2 = new Float64Array(depth).fill(NaN);
  const gradM2 = new Float64Array(depth).fill(NaN);
  const streamM2 = new Float64Array(depth).fill(NaN);
  if (t.init === 'zeros' || t.init === 'constant') return { preM2, actM2, gradM2, streamM2 };
  const phi = ACTIVATIONS[t.activation];
  const eps = t.norm?.eps ?? 0;
  const states: LayerState[] = [];
  const merges: Merge[] = [];
  /** Var[w] of a fanIn x fanOut layer, and the pre-activation variance it gives on an input of second moment m2. */
  const dense = (fanIn: number, m2: number): { s2: number; backGain: number } => {
    const v = weightVariance(t.init, fanIn, width, t.initOptions);
    if (v === null) {
      // LSUV: each dense output is rescaled to variance gain^2 (on the batch): Var[w] = gain^2 / (n E[x^2]).
      const s2 = square(t.initOptions.gain);
      return { s2, backGain: (width * s2) / (fanIn * m2) };
    }
    return { s2: fanIn * v * m2, backGain: width * v };
  };
  /** A Gaussian pre-activation N(b, s2), or N(0, 1) after batch norm: its moments, recorded on layer l. */
  const gaussianLayer = (l: number, b: number, s2: number, normed: boolean): number => {
    const mean = normed ? 0 : b, variance = normed ? s2 / (s2 + eps) : s2;
    const m = moments(t.activation, mean, variance);
    preM2[l] = variance + mean * mean;
    actM2[l] = m.act;
    return m.deriv;
  };
  let law = t.inputM2 !== undefined ? StreamLaw.gaussian(0, Math.sqrt(t.inputM2))
    : t.input === 'gauss' ? StreamLaw.gaussian(0, 1) : StreamLaw.uniform(Math.sqrt(3));
  let fanIn = t.inputWidth;
  const blocks = Math.floor(depth / 2);
  for (let k = 0; k < blocks; k++) {
    const a = 2 * k, b = a + 1;
    const inM2 = law.m2();
    // A projection (LeCun normal, Var 1/n_in) replaces the identity where the widths differ: its output is N(0, E[x^2]).
    const skip = fanIn === width ? law : StreamLaw.gaussian(0, Math.sqrt(inM2));
    if (t.form === 'post') {
      const d1 = dense(fanIn, inM2);
      const deriv1 = gaussianLayer(a, t.bias, d1.s2, t.norm !== null);
      states.push({ backGain: d1.backGain, derivM2: deriv1, normVar: t.norm ? d1.s2 : null });
      const d2 = dense(width, actM2[a]);
      const mean = t.norm ? 0 : t.bias, variance = t.norm ? d2.s2 / (d2.s2 + eps) : d2.s2;
      const shift = t.scale * mean, sd = t.scale * Math.sqrt(variance);
      const input = skip.forKernel(sd);
      const merged = input.convolve(shift, sd);
      preM2[b] = merged.m2();
      law = merged.map(phi.value);
      actM2[b] = law.m2();
      streamM2[b] = actM2[b];
      states.push({ backGain: d2.backGain, derivM2: merged.expect((x) => square(phi.derivative(x)), true), normVar: t.norm ? d2.s2 : null });
      merges.push({ input, merged, shift, sd });
    } else {
      const mu = law.mean(), variance = law.m2() - mu * mu;
      const seen = t.norm ? law.affine(mu, Math.sqrt(variance + eps)) : law; // BN on the stream (gamma 1, beta 0)
      preM2[a] = seen.m2();
      actM2[a] = seen.expect((x) => square(phi.value(x)));
      const d1 = dense(fanIn, actM2[a]);
      states.push({ backGain: d1.backGain, derivM2: seen.expect((x) => square(phi.derivative(x)), true), normVar: t.norm ? variance : null });
      const deriv2 = gaussianLayer(b, t.bias, d1.s2, t.norm !== null);
      const d2 = dense(width, actM2[b]);
      states.push({ backGain: d2.backGain, derivM2: deriv2, normVar: t.norm ? d1.s2 : null });
      law = skip.convolve(t.scale * t.bias, t.scale * Math.sqrt(d2.s2));
      streamM2[b] = law.m2();
    }
    fanIn = width;
  }
  if (depth % 2 === 1) {
    // The last hidden layer stays plain: dense (BN before the act, as in the branch), then the act.
    const l = depth - 1, inM2 = law.m2();
    const d = dense(fanIn, inM2);
    const deriv = gaussianLayer(l, t.bias, d.s2, t.norm !== null);
    states.push({ backGain: d.backGain, derivM2: deriv, normVar: t.norm ? d.s2 : null });
  }
  if (t.form === 'post') backwardPost(t, states, merges, gradM2);
  else backwardPass(t, states, gradM2);
  return { preM2, actM2, gradM2, streamM2 };
}

const bnFactorOf = (t: ResidualTheoryInput, s: LayerState) => (s.normVar === null ? 1 : (1 - 2 / t.norm!.batch) / (s.normVar + t.norm!.eps));

/**
 * The post form's backward pass. Its skip carries each unit's own value from block to block, so
 * whether a unit's act passes the gradient (ReLU: x > 0) at one block is correlated with whether
 * it does at the next, and a single E[(dL/dx)^2] per block misses it (by ~7% per block for He +
 * ReLU, measured). So the gradient's second moment is followed as a function of the unit's
 * stream value, G_k(x) = E[(dL/dx_k)^2 | x_k = x]:
 *   H(p)   = G_{k+1}(act(p)) act'(p)^2                    (p = x_k + alpha F, through the act)
 *   G_k(x) = E_F[H(x + alpha F)] + branch                 (the skip keeps the unit; the branch
 *            mixes units, so its share is a constant: alpha^2 chi_F E[H])
 * and each layer's gradM2 is E[H] under the merge's law (the branch's layers as in the plain case).
 */
function backwardPost(t: ResidualTheoryInput, states: readonly LayerState[], merges: readonly Merge[], gradM2: Float64Array): void {
  const phi = ACTIVATIONS[t.activation];
  let G = GridFunction.constant(t.topGradM2);
  if (t.depth % 2 === 1) {
    const l = t.depth - 1, s = states[l];
    gradM2[l] = t.topGradM2 * s.derivM2;
    G = GridFunction.constant(s.backGain * gradM2[l] * bnFactorOf(t, s)); // the dense map mixes units
  }
  for (let k = merges.length - 1; k >= 0; k--) {
    const a = 2 * k, b = a + 1, sa = states[a], sb = states[b], m = merges[k];
    const above = G;
    const H = (p: number) => above.at(phi.value(p)) * square(phi.derivative(p));
    gradM2[b] = m.merged.expect(H, true);
    const dz2 = t.scale * t.scale * gradM2[b] * bnFactorOf(t, sb);
    gradM2[a] = sb.backGain * dz2 * sa.derivM2;
    const branch = sa.backGain * gradM2[a] * bnFactorOf(t, sa);
    if (k === 0) break; // nothing below the first block reads G
    const shifted = m.input.expectShifted(H, m.shift, m.sd, true);
    for (let i = 0; i < shifted.grid.length; i++) shifted.grid[i] += branch;
    G = new GridFunction(m.input, shifted.grid, shifted.atoms.map((v) => v + branch));
  }
}

/**
 * The pre form's backward pass (and the plain top layer's): its skip has no act, so
 * E[(dL/dx)^2] is the same for every stream value and one number per block suffices.
 * E[(dL/dpre)^2] per layer, top-down. g is E[(dL/dx)^2] at the current stream point (starting at
 * the top gradient). Batch norm scales a gradient's second moment by (1 - 2/B) / Var[input]
 * (gamma 1): its backward removes the batch mean and the xHat component, each 1/B of it.
 */
function backwardPass(t: ResidualTheoryInput, states: readonly LayerState[], gradM2: Float64Array): void {
  const bnFactor = (s: LayerState) => bnFactorOf(t, s);
  const projected = t.inputWidth !== t.width;
  let g = t.topGradM2;
  const depth = t.depth;
  if (depth % 2 === 1) {
    const l = depth - 1, s = states[l];
    gradM2[l] = g * s.derivM2;
    g = s.backGain * gradM2[l] * bnFactor(s);
  }
  for (let k = Math.floor(depth / 2) - 1; k >= 0; k--) {
    const a = 2 * k, b = a + 1, sa = states[a], sb = states[b];
    const scale2 = t.scale * t.scale;
    // The skip's share: the identity, or back through the projection (fanOut / fanIn of Var 1/fanIn).
    const skipGain = k === 0 && projected ? t.width / t.inputWidth : 1;
    const dz2 = scale2 * g; // dL/d(the branch's last dense output)
    gradM2[b] = sb.backGain * dz2 * sb.derivM2;
    const dz1 = gradM2[b] * bnFactor(sb);
    gradM2[a] = sa.backGain * dz1 * sa.derivM2;
    g = skipGain * g + gradM2[a] * bnFactor(sa);
  }
}
