import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.ts';
import { tensorFrom, zerosTensor } from '../tensor.ts';
import { checkGradient, FLOAT32_UNIT_ROUNDOFF } from '../testing/gradcheck.ts';
import { fixedWeights, normalTensorAwayFromZero, sameNumber } from '../testing/random.ts';
import { ACTIVATIONS } from './activations.ts';
import { ACTIVATION_NAMES, type ActivationName } from '../contract/names.ts';
import { SELU_ALPHA, SELU_LAMBDA } from './selu.ts';

const u = FLOAT32_UNIT_ROUNDOFF;
const LA = SELU_LAMBDA * SELU_ALPHA;

/** sup |phi'''| away from 0 (a bound for the central difference's truncation error). */
const THIRD_DERIVATIVE_BOUND: Record<ActivationName, number> = {
  linear: 0, relu: 0, leaky_relu: 0, // piecewise linear: exact away from the kink
  tanh: 2, // phi''' = -2 (1 - t^2)(1 - 3 t^2), largest at 0
  sigmoid: 0.125, // phi''' = s(1 - s)(1 - 6 s(1 - s)), largest magnitude 1/8 at 0
  elu: 1, // e^x for x < 0
  gelu: 1, // phi''' = -x pdf(x) (4 - x^2), |.| < 0.8
  selu: LA, // lambda alpha e^x for x < 0
};

// Inputs of the named edge cases; the tables below give phi and phi' at each (NaN: no derivative).
const EDGE_X = [0, -2, 50, -50, NaN, Infinity, -Infinity] as const;

/** phi at EDGE_X, float64 references (Python's math module) or limits. */
const EDGE_VALUE: Record<ActivationName, readonly number[]> = {
  linear: [0, -2, 50, -50, NaN, Infinity, -Infinity],
  tanh: [0, -0.9640275800758169, 1, -1, NaN, 1, -1],
  sigmoid: [0.5, 0.11920292202211755, 1, 1.928749847963918e-22, NaN, 1, 0],
  relu: [0, 0, 50, 0, NaN, Infinity, 0],
  leaky_relu: [0, -0.02, 50, -0.5, NaN, Infinity, -Infinity],
  elu: [0, -0.8646647167633873, 50, -1, NaN, Infinity, -1],
  // x Phi(x): gelu(-50) = -50 Phi(-50) ~ -1e-545 underflows to 0; the limit at -Infinity is 0.
  gelu: [0, -0.04550026389635844, 50, 0, NaN, Infinity, 0],
  selu: [0, -1.5201664685956948, 52.53504936777402, -LA, NaN, Infinity, -LA],
};

/** phi' at EDGE_X (NaN entries are not checked). At a kink, PyTorch's one-sided choice. */
const EDGE_DERIVATIVE: Record<ActivationName, readonly number[]> = {
  linear: [1, 1, 1, 1, NaN, 1, 1],
  tanh: [1, 0.07065082485316443, 0, 0, NaN, 0, 0],
  sigmoid: [0.25, 0.1049935854035065, 0, 1.9287498479639178e-22, NaN, 0, 0],
  relu: [0, 0, 1, 0, NaN, 1, 0],
  leaky_relu: [0.01, 0.01, 1, 0.01, NaN, 1, 0.01],
  elu: [1, 0.1353352832366127, 1, 1.9287498479639178e-22, NaN, 1, 0],
  gelu: [0.5, -0.0852318010781969, 1, 0, NaN, 1, 0],
  selu: [LA, 0.2379328722516818, SELU_LAMBDA, 3.3909338363648417e-22, NaN, SELU_LAMBDA, 0],
};

const isInfinite = (x: number) => x === Infinity || x === -Infinity;

describe.each(ACTIVATION_NAMES)('activation %s', (name) => {
  const act = ACTIVATIONS[name];

  it('backward matches central differences of the forward', () => {
    const shape = [4, 8];
    const eps = 1e-2;
    // |x| >= 0.05 > eps: no difference straddles the kink at 0; scale 2 reaches tanh/sigmoid saturation.
    const pre = normalTensorAwayFromZero(createRng(11), shape, 2, 0.05);
    const post = zerosTensor(shape);
    const r = fixedWeights(12, pre.data.length);
    const dPost = tensorFrom(shape, r);
    const dPre = zerosTensor(shape);
    act.forward(pre, post);
    act.backward(pre, post, dPost, dPre);
    const analytic = Float64Array.from(dPre.data);
    const maxR = Math.max(...r.map(Math.abs));
    const result = checkGradient(pre.data, analytic, () => {
      act.forward(pre, post);
      return post.data;
    }, r, {
      eps,
      // Truncation <= eps^2 sup|phi'''| / 6 (relative to phi': <= 4 eps^2 / 6 = 7e-5 for tanh, the worst);
      // 1e-3 leaves a 15x margin, while a wrong derivative is off by O(1).
      tolerance: 1e-3,
      roundingsPerOutput: 1, // computed in float64, rounded once into the float32 output
      truncation: (eps * eps * THIRD_DERIVATIVE_BOUND[name] * maxR) / 6,
    });
    expect(result.failures).toEqual([]);
    expect(result.checked).toBe(32);
  });

  it('values at 0, negative, +-50 and NaN (scalar and tensor)', () => {
    const expected = EDGE_VALUE[name];
    const finiteIdx = EDGE_X.map((_, i) => i).filter((i) => !isInfinite(EDGE_X[i]));
    // scalar: float64 references from Python; 4e-16 ~ 2 ulp for exp/expm1/tanh-based forms. gelu's
    // 1 + erf(x / sqrt 2) cancels for x < 0, amplifying erf's ~2 ulp by |erf| / (1 + erf) = 21 at x = -2.
    const relTol = name === 'gelu' ? 21 * 4e-16 : 4e-16;
    for (const i of finiteIdx) {
      expect(sameNumber(act.value(EDGE_X[i]), expected[i], relTol), `${name}(${EDGE_X[i]}) = ${act.value(EDGE_X[i])}, want ${expected[i]}`).toBe(true);
    }
    const pre = tensorFrom([finiteIdx.length], finiteIdx.map((i) => EDGE_X[i]));
    const post = zerosTensor([finiteIdx.length]);
    act.forward(pre, post);
    finiteIdx.forEach((i, k) => {
      // tensor: computed in float64 and rounded once: within one float32 ulp (2u relative) of the reference.
      expect(sameNumber(post.data[k], Math.fround(expected[i]), 2 * u), `${name}Forward(${EDGE_X[i]}) = ${post.data[k]}, want ${expected[i]}`).toBe(true);
    });
  });

  it('values and derivatives at +-Infinity are the limits (scalar and tensor)', () => {
    const infIdx = EDGE_X.map((_, i) => i).filter((i) => isInfinite(EDGE_X[i]));
    const problems: string[] = [];
    const pre = tensorFrom([infIdx.length], infIdx.map((i) => EDGE_X[i]));
    const post = zerosTensor([infIdx.length]);
    const dPre = zerosTensor([infIdx.length]);
    act.forward(pre, post);
    act.backward(pre, post, tensorFrom([infIdx.length], infIdx.map(() => 1)), dPre);
    infIdx.forEach((i, k) => {
      const x = EDGE_X[i];
      const value = EDGE_VALUE[name][i], derivative = EDGE_DERIVATIVE[name][i];
      if (!sameNumber(act.value(x), value)) problems.push(`value(${x}) = ${act.value(x)}, want ${value}`);
      if (!sameNumber(act.derivative(x), derivative)) problems.push(`derivative(${x}) = ${act.derivative(x)}, want ${derivative}`);
      if (!sameNumber(post.data[k], Math.fround(value))) problems.push(`forward(${x}) = ${post.data[k]}, want ${value}`);
      if (!sameNumber(dPre.data[k], Math.fround(derivative))) problems.push(`backward(${x}) with dPost 1 = ${dPre.data[k]}, want ${derivative}`);
    });
    expect(problems).toEqual([]);
  });

  it('derivatives at 0, negative and +-50 (scalar and tensor)', () => {
    const idx = EDGE_X.map((_, i) => i).filter((i) => Number.isFinite(EDGE_X[i]));
    const expected = EDGE_DERIVATIVE[name];
    for (const i of idx) {
      // 1 - t^2 and s (1 - s) lose ~1e-16 absolute to cancellation (sigmoid'(50) is 2e-22, computed as 0).
      expect(sameNumber(act.derivative(EDGE_X[i]), expected[i], 1e-14, 1e-15), `${name}'(${EDGE_X[i]}) = ${act.derivative(EDGE_X[i])}, want ${expected[i]}`).toBe(true);
    }
    const pre = tensorFrom([idx.length], idx.map((i) => EDGE_X[i]));
    const post = zerosTensor([idx.length]);
    const dPre = zerosTensor([idx.length]);
    act.forward(pre, post);
    act.backward(pre, post, tensorFrom([idx.length], idx.map(() => 1)), dPre);
    idx.forEach((i, k) => {
      // tanh, sigmoid, elu read phi' from the float32 output (1 - t^2, s(1 - s), a + 1): <= 3u absolute, then one rounding.
      expect(sameNumber(dPre.data[k], expected[i], 2 * u, 3 * u), `${name}Backward at ${EDGE_X[i]} = ${dPre.data[k]}, want ${expected[i]}`).toBe(true);
    });
  });

  it('tensor forward and backward agree with the scalar value and derivative', () => {
    const rng = createRng(21);
    const shape = [16, 16];
    const pre = normalTensorAwayFromZero(rng, shape, 3, 1e-6);
    const g = normalTensorAwayFromZero(rng, shape, 1, 0);
    const post = zerosTensor(shape);
    const dPre = zerosTensor(shape);
    act.forward(pre, post);
    act.backward(pre, post, g, dPre);
    const problems: string[] = [];
    for (let i = 0; i < pre.data.length; i++) {
      const x = pre.data[i];
      const value = act.value(x);
      // one rounding of a float64 value (two float64 forms may differ by an ulp: allow one float32 ulp, 2u).
      if (!sameNumber(post.data[i], value, 2 * u)) problems.push(`forward(${x}) = ${post.data[i]}, scalar ${value}`);
      const want = g.data[i] * act.derivative(x);
      // output-based derivatives: <= 3u |g| absolute (see above), plus one rounding of the product.
      if (!sameNumber(dPre.data[i], want, 2 * u, 3 * u * Math.abs(g.data[i]))) problems.push(`backward(${x}) = ${dPre.data[i]}, scalar ${want}`);
    }
    expect(problems).toEqual([]);
  });

  it('a shape mismatch throws an error naming both shapes', () => {
    const a = zerosTensor([2, 3]);
    const b = zerosTensor([3, 2]); // same size, different shape
    expect(() => act.forward(a, b)).toThrow(/\[2, 3\].*\[3, 2\]|\[3, 2\].*\[2, 3\]/);
    const ok = zerosTensor([2, 3]);
    expect(() => act.backward(a, ok, b, ok)).toThrow(/\[2, 3\].*\[3, 2\]|\[3, 2\].*\[2, 3\]/);
    expect(() => act.backward(a, ok, ok, zerosTensor([6]))).toThrow(/\[2, 3\].*\[6\]|\[6\].*\[2, 3\]/);
    expect(() => act.backward(a, zerosTensor([2, 4]), ok, ok)).toThrow(/\[2, 3\].*\[2, 4\]|\[2, 4\].*\[2, 3\]/);
  });
});

describe('activation registry', () => {
  it('names every activation once, each entry under its own name', () => {
    expect(Object.keys(ACTIVATIONS).sort()).toEqual([...ACTIVATION_NAMES].sort());
    for (const name of ACTIVATION_NAMES) expect(ACTIVATIONS[name].name).toBe(name);
  });

  it('saturation applies to tanh and sigmoid only, within 0.01 of an asymptote', () => {
    const tanhSat = ACTIVATIONS.tanh.isSaturated!;
    expect([0.995, -0.995, 0.98, -0.98, 0].map(tanhSat)).toEqual([true, true, false, false, false]);
    const sigSat = ACTIVATIONS.sigmoid.isSaturated!;
    expect([0.995, 0.005, 0.98, 0.02, 0.5].map(sigSat)).toEqual([true, true, false, false, false]);
    for (const name of ACTIVATION_NAMES) {
      if (name !== 'tanh' && name !== 'sigmoid') expect(ACTIVATIONS[name].isSaturated).toBeNull();
    }
  });

  it('only the ReLU family can die', () => {
    const dying = ACTIVATION_NAMES.filter((n) => ACTIVATIONS[n].canDie);
    expect(dying.sort()).toEqual(['leaky_relu', 'relu']);
  });
});
