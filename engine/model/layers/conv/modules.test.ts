import { describe, expect, it } from 'vitest';
import { checkLayerGradients } from '../../../testing/layerCheck.ts';
import { zerosTensor } from '../../../tensor.ts';
import { buildLayer, type LayerSpec } from '../../network.ts';
import { convInfo } from '../../shapes.ts';
import { batchNormSpec } from '../dense.ts';
import type { ConvLayerSpec } from './conv.ts';

const SMOOTH = { eps: 1e-2, tolerance: 2e-2, roundingsPerOutput: 64, truncation: (1e-4 * 50) / 6 };
const WITH_BN = { eps: 3e-3, tolerance: 3e-2, roundingsPerOutput: 64, truncation: (9e-6 * 1000) / 6 };
const BN = batchNormSpec('before');

const conv = (out: number, k: number, extra: Partial<ConvLayerSpec> = {}): ConvLayerSpec =>
  ({ kind: 'conv', out, kernel: [k, k], padding: 'half', bias: true, activation: 'tanh', ...extra });
const convBn = (out: number, k: number, extra: Partial<ConvLayerSpec> = {}): ConvLayerSpec =>
  conv(out, k, { bias: false, batchNorm: BN, ...extra });

const cases: [string, LayerSpec, number[], typeof SMOOTH][] = [
  ['conv 3x3 + bias, tanh', conv(3, 3), [2, 5, 5], SMOOTH],
  ['conv 3x3 stride 2, dilation 2, groups 2, no bias', conv(4, 3, { stride: 2, dilation: 2, groups: 2, bias: false }), [2, 7, 7], SMOOTH],
  ['conv 1x1 + BN2d, tanh', convBn(3, 1), [2, 4, 4], WITH_BN],
  ['conv linear (its own output)', conv(2, 3, { activation: 'linear' }), [2, 4, 5], SMOOTH],
  ['max pool 2 stride 2 (odd size; eps below the gaps between window entries)', { kind: 'pool', op: 'max', kernel: 2, stride: 2 }, [2, 5, 5], { ...SMOOTH, eps: 1e-3 }],
  ['avg pool 3 stride 2 padding 1', { kind: 'pool', op: 'avg', kernel: 3, stride: 2, padding: 1 }, [2, 5, 5], SMOOTH],
  ['global average pool', { kind: 'pool', op: 'gap' }, [3, 4, 4], SMOOTH],
  ['flatten then dense', { kind: 'seq', layers: [{ kind: 'flatten' }, { kind: 'dense', units: 3, activation: 'tanh' }] }, [2, 3, 3], SMOOTH],
  ['BN2d + tanh alone', { kind: 'normact', batchNorm: BN, activation: 'tanh' }, [3, 3, 3], WITH_BN],
  ['basic residual block, identity', { kind: 'resblock', branch: [convBn(3, 3), convBn(3, 3)], shortcut: null }, [3, 4, 4], WITH_BN],
  ['basic residual block, stride 2 projection', { kind: 'resblock', branch: [convBn(4, 3, { stride: 2 }), convBn(4, 3)], shortcut: convBn(4, 1, { stride: 2, activation: 'linear' }) }, [2, 5, 5], WITH_BN],
  ['bottleneck, projection', { kind: 'resblock', branch: [convBn(2, 1), convBn(2, 3), convBn(4, 1)], shortcut: convBn(4, 1, { activation: 'linear' }) }, [3, 4, 4], WITH_BN],
  ['ResNeXt grouped bottleneck', { kind: 'resblock', branch: [convBn(4, 1), convBn(4, 3, { groups: 2, stride: 2 }), convBn(4, 1)], shortcut: convBn(4, 1, { stride: 2, activation: 'linear' }) }, [4, 4, 4], WITH_BN],
  ['Inception module', {
    kind: 'inception', branches: [
      [conv(2, 1)], [conv(2, 1), conv(3, 3)], [conv(1, 1), conv(2, 5)],
      [{ kind: 'pool', op: 'max', kernel: 3, stride: 1, padding: 1 }, conv(2, 1)],
    ],
  }, [3, 4, 4], SMOOTH],
  ['dense block, growth 2, bottleneck', {
    kind: 'denseblock', layers: [0, 1, 2].map(() => [
      { kind: 'normact', batchNorm: BN, activation: 'tanh' } as LayerSpec, convBn(4, 1), conv(2, 3, { bias: false, activation: 'linear' }),
    ]),
  }, [2, 3, 3], WITH_BN],
  ['transition', { kind: 'seq', layers: [{ kind: 'normact', batchNorm: BN, activation: 'tanh' }, conv(2, 1, { bias: false, activation: 'linear' }), { kind: 'pool', op: 'avg', kernel: 2 }] }, [3, 4, 4], WITH_BN],
  ['auxiliary head', { kind: 'aux', head: [{ kind: 'pool', op: 'gap' }, { kind: 'flatten' }, { kind: 'dense', units: 3, activation: 'linear' }] }, [3, 3, 3], SMOOTH],
];

describe('convolutional modules', () => {
  it.each(cases)('%s: every gradient matches central differences', (_name, spec, input, options) => {
    const layer = buildLayer(spec, input);
    if (spec.kind === 'aux') {
      // The head's loss enters through dLogits: check the module with a fixed dLogits added.
      checkAux(layer, input);
      return;
    }
    checkLayerGradients(layer, 3, 17, options);
  });

  it('a conv unit\'s fans and weight layout are PyTorch\'s, from the shape helper', () => {
    const layer = buildLayer(conv(8, 3, { groups: 2 }), [4, 6, 6]);
    const info = convInfo([4, 6, 6], { outChannels: 8, kernel: [3, 3], padding: 'half', groups: 2 });
    expect(layer.units[0].weight.shape).toEqual([8, 2, 3, 3]);
    expect([layer.units[0].fanIn, layer.units[0].fanOut]).toEqual([info.fanIn, info.fanOut]);
    expect(layer.outputShape).toEqual(info.out);
  });

  it('a residual block\'s taps: one per conv unit, the projection last; the dense block grows by its growth rate', () => {
    const block = buildLayer(cases[10][1], [2, 5, 5]);
    expect(block.units.length).toBe(3);
    expect(block.outputShape).toEqual([4, 3, 3]);
    const c = block.allocate(2, zerosTensor([2, 2, 5, 5]), { gradients: true, scratch: new Float32Array(0), allocate: (s) => zerosTensor(s) });
    expect(c.taps.length).toBe(3);
    expect(buildLayer(cases[14][1], [2, 3, 3]).outputShape).toEqual([8, 3, 3]);
  });
});

function checkAux(layer: ReturnType<typeof buildLayer>, input: number[]): void {
  // With dLogits = 0 the module is the identity and passes the gradient through unchanged.
  const x = zerosTensor([2, ...input]);
  x.data.forEach((_, i) => { x.data[i] = Math.sin(i); });
  const c = layer.allocate(2, x, { gradients: true, scratch: new Float32Array(layer.scratchLength), allocate: (s) => zerosTensor(s) }) as import('./aux.ts').AuxCache;
  layer.forward(c, x, 'batch');
  expect(c.output).toBe(x);
  expect(c.logits.shape).toEqual([2, 3]);
  const dy = zerosTensor(x.shape);
  dy.data.fill(0.5);
  const dx = zerosTensor(x.shape);
  layer.backward(c, dy, dx);
  expect(Array.from(dx.data)).toEqual(Array.from(dy.data));
}
