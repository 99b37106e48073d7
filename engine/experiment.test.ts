import { describe, expect, it } from 'vitest';
import { withConfig, type Config } from './contract/config.ts';
import { fillInput, hiddenLayerSpecs, initializeNetwork, runProbe } from './experiment.ts';
import { buildNetwork } from './model/network.ts';
import { createRng } from './rng.ts';
import { zerosTensor } from './tensor.ts';
import { blocksOf } from './testing/blocks.ts';

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
    expect(b.net.units[0].weight.data).not.toEqual(a.net.units[0].weight.data);
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

describe('residual networks from the config', () => {
  it('residual=1 gives floor(depth/2) blocks (an odd depth keeps its last layer plain), and the same dense weights as the plain net, bit for bit', () => {
    const plain = runProbe(withConfig({ depth: 5, width: 16, batch: 8, act: 'relu', init: 'he_normal' }));
    const residual = runProbe(withConfig({ depth: 5, width: 16, batch: 8, act: 'relu', init: 'he_normal', residual: 1, resform: 'pre' }));
    expect(blocksOf(residual.net).map((b) => [b.first, b.last, b.form, b.scale, b.projection])).toEqual([[0, 1, 'pre', 1, null], [2, 3, 'pre', 1, null]]);
    expect(residual.net.layers.map((l) => [l.kind, l.units.length])).toEqual([['residual', 2], ['residual', 2], ['dense', 1]]);
    expect(blocksOf(residual.net).map((b) => [b.layer.a.order, b.layer.b.order])).toEqual([['act-first', 'act-first'], ['act-first', 'act-first']]);
    residual.net.units.forEach((l, i) => expect(l.weight.data).toEqual(plain.net.units[i].weight.data));
    expect(residual.cache.input.data).toEqual(plain.cache.input.data);
    expect(residual.topGrad.data).toEqual(plain.topGrad.data);
  });

  it('alpha: 1/sqrt(blocks) scales each branch; zero starts each branch\'s last dense layer at zero (the other layers keep their draws)', () => {
    const base = { depth: 8, width: 16, batch: 8, act: 'relu', init: 'he_normal', residual: 1 } as const;
    expect(blocksOf(runProbe(withConfig({ ...base, alpha: 'invsqrt' })).net).map((b) => b.scale)).toEqual([0.5, 0.5, 0.5, 0.5]);
    const one = runProbe(withConfig(base)), zero = runProbe(withConfig({ ...base, alpha: 'zero' }));
    zero.net.units.forEach((l, i) => {
      if (i % 2 === 1) {
        expect(l.weight.data.every((w) => w === 0), `layer ${i + 1}`).toBe(true);
        expect(blocksOf(zero.net)[(i - 1) / 2].scale).toBe(1);
      } else expect(l.weight.data).toEqual(one.net.units[i].weight.data);
    });
  });

  it('a projection replaces the identity where widths differ, drawn LeCun normal N(0, 1/n_in) from its own stream', () => {
    const config = withConfig({ depth: 4, width: 64, residual: 1, seed: 7 });
    const net = buildNetwork(512, hiddenLayerSpecs(config, false));
    initializeNetwork(net, config);
    const w = blocksOf(net)[0].projection!.weight.data;
    expect(blocksOf(net)[1].projection).toBeNull();
    expect(w.length).toBe(512 * 64);
    let m2 = 0;
    for (const x of w) m2 += x * x;
    // mean of 32768 squares of N(0, 1/512): relative SE sqrt(2 / 32768) = 0.8%; 5 SE
    expect(Math.abs((m2 / w.length) * 512 - 1)).toBeLessThan(0.04);
    const again = buildNetwork(512, hiddenLayerSpecs({ ...config, init: 'orthogonal' }, false));
    initializeNetwork(again, { ...config, init: 'orthogonal' });
    expect(blocksOf(again)[0].projection!.weight.data).toEqual(w); // its stream does not follow the initializer
  });
});
