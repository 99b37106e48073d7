import { describe, expect, it } from 'vitest';
import { withConfig, type Config } from './config.ts';
import { fillInput, runProbe } from './experiment.ts';
import { createRng } from './rng.ts';
import { zerosTensor } from './tensor.ts';

function bytes(a: Float64Array | Float32Array | Int32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

describe('runProbe determinism', () => {
  const configs: Config[] = [
    withConfig({ depth: 6, width: 48, batch: 64 }),
    withConfig({ depth: 5, width: 33, batch: 17, act: 'relu', init: 'he_uniform', input: 'uniform', seed: 123456789 }),
    withConfig({ depth: 4, width: 20, batch: 30, act: 'selu', init: 'lsuv', bias: 0.1, seed: 4294967295 }),
  ];

  it.each(configs)('the same config gives bit-identical probes (%o)', (config) => {
    const a = runProbe(config).probe;
    const b = runProbe({ ...config }).probe;
    expect(bytes(b.stats)).toEqual(bytes(a.stats));
    expect(bytes(b.preHist)).toEqual(bytes(a.preHist));
    expect(bytes(b.actHist)).toEqual(bytes(a.actHist));
    expect(bytes(b.widths)).toEqual(bytes(a.widths));
    expect([b.forwardOverflowLayer, b.backwardOverflowLayer]).toEqual([a.forwardOverflowLayer, a.backwardOverflowLayer]);
  });

  it.each(configs)('another seed gives different numbers (%o)', (config) => {
    const a = runProbe(config);
    const b = runProbe({ ...config, seed: (config.seed + 1) % 2 ** 32 });
    expect(bytes(b.probe.stats)).not.toEqual(bytes(a.probe.stats));
    expect(b.cache.input.data).not.toEqual(a.cache.input.data);
    expect(b.net.layers[0].weight.data).not.toEqual(a.net.layers[0].weight.data);
    expect(b.topGrad.data).not.toEqual(a.topGrad.data);
  });

  it('the input, weight and top-gradient streams are independent of each other', () => {
    // Changing the initializer must not move the input batch or the top gradient (one stream each).
    const a = runProbe(withConfig({ depth: 3, width: 16, batch: 8, init: 'xavier_normal' }));
    const b = runProbe(withConfig({ depth: 3, width: 16, batch: 8, init: 'he_uniform' }));
    expect(b.cache.input.data).toEqual(a.cache.input.data);
    expect(b.topGrad.data).toEqual(a.topGrad.data);
  });
});

describe('fillInput', () => {
  // The theory assumes E[x^2] = 1 for both input distributions.
  const n = 512 * 256;
  it.each(['gauss', 'uniform'] as const)('%s: mean 0 and E[x^2] 1 within 5 SE', (distribution) => {
    const input = zerosTensor([512, 256]);
    fillInput(input, distribution, createRng(3));
    let s = 0, s2 = 0, largest = 0;
    for (const x of input.data) {
      s += x;
      s2 += x * x;
      largest = Math.max(largest, Math.abs(x));
    }
    expect(Math.abs(s / n)).toBeLessThanOrEqual(5 / Math.sqrt(n)); // SE(mean) = 1 / sqrt N
    // SE(mean square) = sqrt((kurtosis - 1) / N): kurtosis 3 (normal) or 1.8 (uniform)
    expect(Math.abs(s2 / n - 1)).toBeLessThanOrEqual(5 * Math.sqrt((distribution === 'gauss' ? 2 : 0.8) / n));
    if (distribution === 'uniform') expect(largest).toBeLessThanOrEqual(Math.fround(Math.sqrt(3)));
    else expect(largest).toBeGreaterThan(Math.sqrt(3)); // P(|Z| < sqrt 3 for all 131072) = 0.917^131072 ~ 0
  });
});
