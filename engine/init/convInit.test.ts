import { describe, expect, it } from 'vitest';
import { INITIALIZER_NAMES } from '../contract/names.ts';
import { buildLayer, buildNetwork, createCache, forward } from '../model/network.ts';
import { varianceOf } from './lsuv.ts';
import { createRng } from '../rng.ts';
import { zerosTensor } from '../tensor.ts';
import { weightVariance } from './initializers.ts';
import { convWeightVariance, initializeModules, initializeUnit } from './convInit.ts';

const OPTIONS = { activation: 'relu', gain: 1, std: 0.01, constant: 0.01, fan: 'in' } as const;

describe('initializers on a conv layer (fans from the shape helper)', () => {
  // 3x3, 16 -> 32 channels in 2 groups: fan_in = 8 * 9 = 72, fan_out = 32 * 9 = 288 (PyTorch's).
  const layer = buildLayer({ kind: 'conv', out: 32, kernel: [3, 3], groups: 2, bias: true, activation: 'relu' }, [16, 8, 8]);
  const unit = layer.units[0];
  const random = INITIALIZER_NAMES.filter((n) => n !== 'zeros' && n !== 'constant');

  it.each(random.flatMap((n) => (n.startsWith('he') ? [[n, 'in'], [n, 'out']] : [[n, 'in']])))('%s (fan %s): the sample variance is the formula\'s', (name, fan) => {
    const o = { ...OPTIONS, fan: fan as 'in' | 'out' };
    initializeUnit(name as (typeof random)[number], unit, createRng(7), o);
    const w = unit.weight.data;
    const mean = w.reduce((a, b) => a + b, 0) / w.length;
    const variance = w.reduce((a, b) => a + (b - mean) ** 2, 0) / w.length;
    const expected = convWeightVariance(name as (typeof random)[number], unit.weight, unit.fanIn, unit.fanOut, o)!;
    // 2304 draws: the sample variance within 4 standard errors (sqrt(2/n) relative; uniform's is smaller).
    expect(Math.abs(variance / expected - 1)).toBeLessThan(4 * Math.sqrt(2 / w.length));
    if (name !== 'orthogonal' && name !== 'lsuv' && name !== 'normal') expect(expected).toBeCloseTo(weightVariance(name as (typeof random)[number], 72, 288, o)!, 12);
  });

  it('He with fan_in is 2 / (C_in/groups kh kw), fan_out 2 / (C_out kh kw); orthogonal rows of the [out, in/groups kh kw] view are orthonormal', () => {
    expect(convWeightVariance('he_normal', unit.weight, unit.fanIn, unit.fanOut, OPTIONS)).toBeCloseTo(2 / 72, 12);
    expect(convWeightVariance('he_normal', unit.weight, unit.fanIn, unit.fanOut, { ...OPTIONS, fan: 'out' })).toBeCloseTo(2 / 288, 12);
    initializeUnit('orthogonal', unit, createRng(3), OPTIONS);
    const w = unit.weight.data, k = 72;
    for (const [a, b] of [[0, 0], [0, 1], [5, 31]]) {
      let dot = 0;
      for (let t = 0; t < k; t++) dot += w[a * k + t] * w[b * k + t];
      expect(dot).toBeCloseTo(a === b ? 1 : 0, 5);
    }
  });

  it('LSUV brings each conv unit\'s output to variance 1 on the batch', () => {
    const net = buildNetwork([1, 8, 8], [
      { kind: 'conv', out: 4, kernel: [3, 3], padding: 1, bias: true, activation: 'relu' },
      { kind: 'conv', out: 6, kernel: [3, 3], padding: 1, bias: true, activation: 'relu' },
    ]);
    const x = zerosTensor([8, 1, 8, 8]), rng = createRng(5);
    for (let i = 0; i < x.data.length; i++) x.data[i] = rng.normal();
    initializeModules(net, 'lsuv', createRng(1), OPTIONS, 0, x);
    const cache = createCache(net, 8, { gradients: false });
    cache.input.data.set(x.data);
    forward(net, cache);
    for (const tap of cache.taps) expect(Math.abs(varianceOf(tap.dense.data) - 1)).toBeLessThan(0.011);
  });

  it('He reads each unit\'s own activation: a leaky ReLU conv gets 2 / (1 + 0.01^2), a ReLU one 2, whatever the config says', () => {
    const net = buildNetwork([1, 16, 16], [
      { kind: 'conv', out: 64, kernel: [3, 3], padding: 1, bias: true, activation: 'leaky_relu' },
      { kind: 'conv', out: 64, kernel: [3, 3], padding: 1, bias: true, activation: 'relu' },
    ]);
    // The same draws under either config: the per-unit factor decides the scale, bit for bit.
    const scales = (activation: 'relu' | 'leaky_relu') => {
      initializeModules(net, 'he_normal', createRng(9), { ...OPTIONS, activation }, 0, null);
      return net.units.map((u) => u.weight.data.slice());
    };
    const [leakyA, reluA] = scales('relu'), [leakyB, reluB] = scales('leaky_relu');
    expect(leakyA).toEqual(leakyB);
    expect(reluA).toEqual(reluB);
    // Against the formula: the leaky unit's weights are the ReLU factor's draws times sqrt(1 / (1 + a^2)).
    initializeModules(net, 'he_normal', createRng(9), OPTIONS, 0, null);
    const leakyUnit = net.units[0];
    const plain = buildNetwork([1, 16, 16], [{ kind: 'conv', out: 64, kernel: [3, 3], padding: 1, bias: true, activation: 'relu' }]);
    initializeModules(plain, 'he_normal', createRng(9), OPTIONS, 0, null);
    const ratio = leakyUnit.weight.data[5] / plain.units[0].weight.data[5];
    expect(ratio).toBeCloseTo(Math.sqrt(1 / (1 + 0.01 ** 2)), 6);
    expect(convWeightVariance('he_normal', leakyUnit.weight, leakyUnit.fanIn, leakyUnit.fanOut, { ...OPTIONS, activation: 'leaky_relu' })).toBeCloseTo(2 / (1 + 1e-4) / 9, 12);
  });
});
