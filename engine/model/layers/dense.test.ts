import { describe, expect, it } from 'vitest';
import { checkLayerGradients } from '../../testing/layerCheck.ts';
import { zerosTensor } from '../../tensor.ts';
import { batchNormSpec, createDense, DenseLayer, outputHead } from './dense.ts';

const SMOOTH = { eps: 1e-2, tolerance: 2e-2, roundingsPerOutput: 16, truncation: (1e-4 * 50) / 6 };
const WITH_BN = { eps: 3e-3, tolerance: 2e-2, roundingsPerOutput: 32, truncation: (9e-6 * 1000) / 6 };

describe('dense layer', () => {
  it('shapes, fans and parameters in a fixed order', () => {
    const layer = createDense({ kind: 'dense', units: 5, activation: 'tanh', batchNorm: batchNormSpec('after') }, [3]);
    expect([layer.inputShape, layer.outputShape, layer.fans()]).toEqual([[3], [5], { fanIn: 3, fanOut: 5 }]);
    expect(layer.params().map((p) => [p.name, p.decay, p.value.shape])).toEqual([
      ['weight', true, [3, 5]], ['bias', false, [5]], ['batch-norm gamma', false, [5]], ['batch-norm beta', false, [5]],
    ]);
    expect(createDense(outputHead(2), [4]).params().map((p) => p.name)).toEqual(['weight', 'bias']);
  });

  it('a plain layer shares its buffers: pre is x W + b, out is the activation', () => {
    const layer = createDense({ kind: 'dense', units: 2, activation: 'relu' }, [3]);
    const c = layer.allocate(4, zerosTensor([4, 3]), { gradients: true, scratch: new Float32Array(6), allocate: (s) => zerosTensor(s) });
    expect(c.taps[0].pre).toBe(c.taps[0].dense);
    expect(c.output).toBe(c.taps[0].post);
    expect(c.dOutput).toBe(c.taps[0].dPost);
  });

  it.each([
    ['tanh, no batch norm', undefined, SMOOTH],
    ['tanh, batch norm before the activation', batchNormSpec('before'), WITH_BN],
    ['tanh, batch norm after the activation', batchNormSpec('after'), WITH_BN],
  ] as const)('dense-first, %s: every gradient matches central differences', (_, bn, options) => {
    checkLayerGradients(createDense({ kind: 'dense', units: 4, activation: 'tanh', ...(bn ? { batchNorm: bn } : {}) }, [3]), 5, 21, options);
  });

  it.each([[null, SMOOTH], [batchNormSpec('before'), WITH_BN]] as const)('act-first (batch norm %o): every gradient matches central differences', (bn, options) => {
    checkLayerGradients(new DenseLayer(3, 4, 'gelu', { order: 'act-first', norm: bn, merges: false }), 5, 22, options);
  });
});
