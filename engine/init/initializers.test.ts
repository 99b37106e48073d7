import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.ts';
import { zerosTensor } from '../tensor.ts';
import { initializeWeight, weightVariance, type InitOptions } from './initializers.ts';
import { INITIALIZER_NAMES, type InitializerName } from '../contract/names.ts';

const BASE: InitOptions = { activation: 'relu', gain: 1, std: 0.01, constant: 0.01, fan: 'in' };
const FAN_INS = [16, 64, 256] as const;
const FAN_OUT = 128;

const UNIFORM = new Set<InitializerName>(['standard', 'xavier_uniform', 'he_uniform']);
const NORMAL = new Set<InitializerName>(['normal', 'xavier_normal', 'he_normal', 'lecun_normal']);

/** Sample moments about the known mean 0, in float64. */
function moments(w: Float32Array): { mean: number; m2: number; m4: number } {
  let s = 0, s2 = 0, s4 = 0;
  for (const v of w) {
    s += v;
    s2 += v * v;
    s4 += v * v * v * v;
  }
  return { mean: s / w.length, m2: s2 / w.length, m4: s4 / w.length };
}

function sample(name: InitializerName, fanIn: number, fanOut: number, options: InitOptions, seed = 7): Float32Array {
  const weight = zerosTensor([fanIn, fanOut]);
  initializeWeight(name, weight, createRng(seed), options);
  return weight.data;
}

describe('weightVariance formulas', () => {
  it('gives each paper\'s variance (fanIn 64, fanOut 128)', () => {
    const v = (name: InitializerName, o: Partial<InitOptions> = {}) => weightVariance(name, 64, 128, { ...BASE, ...o });
    expect(v('standard')).toBeCloseTo(1 / (3 * 64), 15); // U(-1/sqrt n, 1/sqrt n): the x1/3 heuristic
    expect(v('xavier_uniform')).toBeCloseTo(2 / (64 + 128), 15);
    expect(v('xavier_normal')).toBeCloseTo(2 / (64 + 128), 15);
    expect(v('he_normal')).toBeCloseTo(2 / 64, 15);
    expect(v('he_uniform')).toBeCloseTo(2 / 64, 15);
    expect(v('he_normal', { fan: 'out' })).toBeCloseTo(2 / 128, 15);
    expect(v('he_normal', { activation: 'leaky_relu' })).toBeCloseTo(2 / (1 + 0.01 ** 2) / 64, 15);
    expect(v('lecun_normal')).toBeCloseTo(1 / 64, 15);
    expect(v('orthogonal')).toBeCloseTo(1 / 128, 15);
    expect(v('normal')).toBeCloseTo(1e-4, 15);
    expect(v('normal', { std: 0.5 })).toBeCloseTo(0.25, 15);
    for (const name of ['zeros', 'constant', 'lsuv'] as const) expect(v(name)).toBeNull();
  });

  it('the gain multiplies the standard deviation (the variance by gain^2)', () => {
    for (const name of INITIALIZER_NAMES) {
      const one = weightVariance(name, 64, 128, BASE);
      const two = weightVariance(name, 64, 128, { ...BASE, gain: 2 });
      if (one === null) expect(two).toBeNull();
      else expect(two).toBeCloseTo(4 * one, 15);
    }
  });
});

describe('initializeWeight: sample moments against the formula', () => {
  const cases: { name: InitializerName; options: InitOptions }[] = [
    ...[...UNIFORM, ...NORMAL].map((name) => ({ name, options: BASE })),
    { name: 'normal', options: { ...BASE, std: 0.3, gain: 2 } },
    { name: 'xavier_uniform', options: { ...BASE, gain: 1.5 } },
    { name: 'he_normal', options: { ...BASE, fan: 'out' } },
    { name: 'he_uniform', options: { ...BASE, fan: 'out', activation: 'leaky_relu' } },
    { name: 'he_normal', options: { ...BASE, activation: 'leaky_relu', gain: 0.5 } },
  ];
  for (const { name, options } of cases) {
    for (const fanIn of FAN_INS) {
      it(`${name} (${options.activation}, gain ${options.gain}, fan ${options.fan}, std ${options.std}) fanIn ${fanIn}`, () => {
        const w = sample(name, fanIn, FAN_OUT, options);
        const variance = weightVariance(name, fanIn, FAN_OUT, options)!;
        const n = w.length;
        const { mean, m2, m4 } = moments(w);
        const uniform = UNIFORM.has(name);
        // SE(mean) = sd / sqrt N. SE of the mean square about 0 = var sqrt((kurtosis - 1) / N): kurtosis 3 for a
        // normal (sqrt(2/N)), 1.8 for a uniform (sqrt(0.8/N)). 5 SE: a false alarm once in ~2 million.
        expect(Math.abs(mean)).toBeLessThanOrEqual(5 * Math.sqrt(variance / n));
        expect(Math.abs(m2 - variance)).toBeLessThanOrEqual(5 * variance * Math.sqrt((uniform ? 0.8 : 2) / n));
        // The shape, not only the scale: sample kurtosis m4/m2^2 is 1.8 for a uniform (SE sqrt(1.32/N) by the
        // delta method) and 3 for a normal (SE sqrt(24/N)); 5 SE keeps them apart from N = 2048 up.
        const kurtosis = m4 / (m2 * m2);
        if (uniform) expect(Math.abs(kurtosis - 1.8)).toBeLessThanOrEqual(5 * Math.sqrt(1.32 / n));
        else expect(Math.abs(kurtosis - 3)).toBeLessThanOrEqual(5 * Math.sqrt(24 / n));
      });
    }
  }

  it.each([...UNIFORM])('%s stays inside its bound sqrt(3 Var), and reaches it', (name) => {
    for (const fanIn of FAN_INS) {
      const w = sample(name, fanIn, FAN_OUT, { ...BASE, gain: 1.3 });
      const bound = Math.sqrt(3 * weightVariance(name, fanIn, FAN_OUT, { ...BASE, gain: 1.3 })!);
      let largest = 0;
      for (const v of w) largest = Math.max(largest, Math.abs(v));
      expect(largest).toBeLessThanOrEqual(Math.fround(bound)); // rounding to float32 is monotone
      // P(max |w| < bound (1 - 20/N)) = (1 - 20/N)^N ~ e^-20: the whole interval is used.
      expect(largest).toBeGreaterThan(bound * (1 - 20 / w.length));
    }
  });

  it('orthogonal has mean square exactly gain^2 / max(fanIn, fanOut)', () => {
    for (const fanIn of [...FAN_INS, FAN_OUT]) {
      const w = sample('orthogonal', fanIn, FAN_OUT, { ...BASE, gain: 1.7 });
      // min(fanIn, fanOut) orthonormal vectors: the squares sum to exactly that count; float32 storage
      // perturbs each square by <= 2u = 1.2e-7 relative.
      expect(Math.abs(moments(w).m2 * Math.max(fanIn, FAN_OUT) / 1.7 ** 2 - 1)).toBeLessThanOrEqual(2 ** -22);
    }
  });

  it('zeros are all zero; constant is gain * constant everywhere', () => {
    expect(sample('zeros', 64, 128, { ...BASE, gain: 3 }).every((v) => v === 0)).toBe(true);
    const c = sample('constant', 64, 128, { ...BASE, gain: 1.5, constant: -0.02 });
    expect(c.every((v) => v === Math.fround(1.5 * -0.02))).toBe(true);
  });

  it('the same seed gives the same weights, another seed different ones', () => {
    for (const name of INITIALIZER_NAMES) {
      if (name === 'zeros' || name === 'constant') continue;
      const a = sample(name, 32, 48, BASE, 1);
      expect(sample(name, 32, 48, BASE, 1)).toEqual(a);
      expect(sample(name, 32, 48, BASE, 2)).not.toEqual(a);
    }
  });
});
