import { describe, expect, it } from 'vitest';
import type { ActivationName } from '../contract/names.ts';
import type { DecoderKind } from '../contract/pretrain.ts';
import { DenseLayer } from '../model/layers/dense.ts';
import { createRng } from '../rng.ts';
import type { Tensor } from '../tensor.ts';
import { checkGradient } from '../testing/gradcheck.ts';
import { decodeRows, LayerAutoencoder } from './layerAutoencoder.ts';
import { zerosTensor } from '../tensor.ts';

function autoencoder(activation: ActivationName, decoder: DecoderKind, noise: number) {
  const fanIn = 5, fanOut = 4, batch = 3, rng = createRng(11);
  const layer = new DenseLayer(fanIn, fanOut, activation, { order: 'dense-first', norm: null, merges: false });
  const u = layer.unit;
  for (let i = 0; i < u.weight.data.length; i++) u.weight.data[i] = 0.6 * rng.normal();
  for (let i = 0; i < u.bias.data.length; i++) u.bias.data[i] = 0.1 * rng.normal();
  const ae = new LayerAutoencoder(u, decoder, batch);
  ae.initialize(rng);
  for (let i = 0; i < ae.decoderBias.data.length; i++) ae.decoderBias.data[i] = 0.1 * rng.normal();
  // Targets in [0, 1] for the sigmoid decoder (a sigmoid layer's codes), any value for the linear one.
  for (let i = 0; i < ae.clean.data.length; i++) ae.clean.data[i] = decoder === 'sigmoid' ? rng.uniform() : rng.normal();
  ae.corrupt(noise, rng);
  return { ae, u };
}

const PARAMS = ['encoder weight', 'encoder bias', 'decoder weight', 'decoder bias'] as const;

describe('one layer as an autoencoder', () => {
  const cases: [ActivationName, DecoderKind, number][] = [['sigmoid', 'sigmoid', 0], ['tanh', 'linear', 0.3], ['sigmoid', 'linear', 0.5], ['relu', 'linear', 0], ['tanh', 'sigmoid', 0.25]];
  for (const [activation, decoder, noise] of cases) {
    it(`${activation} code, ${decoder} decoder, masking ${noise}: every parameter's gradient matches central differences of the loss`, () => {
      const { ae, u } = autoencoder(activation, decoder, noise);
      ae.forward();
      ae.backward();
      const pairs: Record<(typeof PARAMS)[number], [Tensor, Tensor]> = {
        'encoder weight': [u.weight, u.dWeight], 'encoder bias': [u.bias, u.dBias],
        'decoder weight': [ae.decoderWeight, ae.dDecoderWeight], 'decoder bias': [ae.decoderBias, ae.dDecoderBias],
      };
      for (const name of PARAMS) {
        const [value, grad] = pairs[name];
        const result = checkGradient(value.data, Float64Array.from(grad.data), () => [ae.forward()], [1], {
          eps: 1e-2,
          tolerance: 2e-2,
          // The loss is float64 over float32 products of up to 5 terms, three layers deep.
          roundingsPerOutput: 30,
          // third derivatives of the composed loss are O(1) per example summed over 3: eps^2 * 3 / 6
          truncation: (1e-4 * 3) / 6,
        });
        expect(result.failures, name).toEqual([]);
        expect(result.worst.relativeError, name).toBeLessThan(5e-3);
      }
    });
  }

  it('ReLU codes: the encoder gradient is zero where a unit is off for the whole batch, and nowhere NaN', () => {
    const { ae, u } = autoencoder('relu', 'linear', 0);
    u.bias.data.fill(-100); // every unit off
    ae.forward();
    ae.backward();
    expect(Array.from(u.dWeight.data).every((g) => g === 0)).toBe(true);
    expect(Array.from(ae.dDecoderBias.data).every(Number.isFinite)).toBe(true);
  });

  it('masking noise zeroes about the asked fraction of the input and keeps the rest exact; 0 is a copy', () => {
    const u = new DenseLayer(50, 4, 'tanh', { order: 'dense-first', norm: null, merges: false }).unit;
    const ae = new LayerAutoencoder(u, 'linear', 200);
    const rng = createRng(3);
    for (let i = 0; i < ae.clean.data.length; i++) ae.clean.data[i] = 1 + rng.uniform();
    ae.corrupt(0.3, rng);
    let zeroed = 0;
    for (let i = 0; i < ae.clean.data.length; i++) {
      if (ae.corrupted.data[i] === 0) zeroed++;
      else expect(ae.corrupted.data[i]).toBe(ae.clean.data[i]);
    }
    // 10,000 Bernoulli(0.3) draws: sd 0.0046, so 0.3 +- 0.02 is over 4 sd
    expect(Math.abs(zeroed / ae.clean.data.length - 0.3)).toBeLessThan(0.02);
    ae.corrupt(0, rng);
    expect(Array.from(ae.corrupted.data)).toEqual(Array.from(ae.clean.data));
  });

  it('the decoder drawn for display is the training forward\'s reconstruction', () => {
    const { ae } = autoencoder('sigmoid', 'sigmoid', 0);
    ae.corrupted.data.set(ae.clean.data);
    ae.forward();
    const pre = zerosTensor(ae.decoded.shape), out = zerosTensor(ae.decoded.shape);
    decodeRows(ae, ae.code, pre, out);
    expect(Array.from(out.data)).toEqual(Array.from(ae.decoded.data));
  });

  it('Xavier-uniform decoder weights: within +-sqrt(6/(fanIn+fanOut)), variance near 2/(fanIn+fanOut)', () => {
    const u = new DenseLayer(64, 128, 'tanh', { order: 'dense-first', norm: null, merges: false }).unit;
    const ae = new LayerAutoencoder(u, 'linear', 1);
    ae.initialize(createRng(5));
    const w = ae.decoderWeight.data, limit = Math.sqrt(6 / 192);
    let s2 = 0;
    for (const x of w) {
      expect(Math.abs(x)).toBeLessThanOrEqual(limit);
      s2 += x * x;
    }
    // 8192 draws: the sample variance is within 3% of 2/192 (its relative sd is ~1.2%)
    expect(Math.abs(s2 / w.length / (2 / 192) - 1)).toBeLessThan(0.04);
  });
});
