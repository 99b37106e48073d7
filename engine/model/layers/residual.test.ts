import { describe, expect, it } from 'vitest';
import { checkLayerGradients } from '../../testing/layerCheck.ts';
import { zerosTensor } from '../../tensor.ts';
import { batchNormSpec } from './dense.ts';
import { createResidual, type ResidualForm, type ResidualSpec } from './residual.ts';

const SMOOTH = { eps: 1e-2, tolerance: 2e-2, roundingsPerOutput: 32, truncation: (1e-4 * 50) / 6 };
const WITH_BN = { eps: 3e-3, tolerance: 2e-2, roundingsPerOutput: 32, truncation: (9e-6 * 1000) / 6 };

function spec(form: ResidualForm, norm: boolean, scale = 1): ResidualSpec {
  return { kind: 'residual', form, units: 4, activation: 'tanh', scale, ...(norm ? { batchNorm: batchNormSpec('before') } : {}) };
}

describe('residual block', () => {
  it('two units, and a projection only where the widths differ, after both units\' parameters', () => {
    const projected = createResidual(spec('post', true), [3]);
    expect(projected.units.map((u) => [u.fanIn, u.fanOut])).toEqual([[3, 4], [4, 4]]);
    expect(projected.params().map((p) => [p.name, p.unit])).toEqual([
      ['weight', 0], ['bias', 0], ['batch-norm gamma', 0], ['batch-norm beta', 0],
      ['weight', 1], ['bias', 1], ['batch-norm gamma', 1], ['batch-norm beta', 1], ['projection weight', -1],
    ]);
    expect(createResidual(spec('pre', false), [4]).params().map((p) => p.name)).toEqual(['weight', 'bias', 'weight', 'bias']);
    expect(createResidual(spec('pre', true), [3]).units[0].norm!.gamma.shape).toEqual([3]); // pre form: BN on the input
  });

  it('pre form without batch norm reads the stream in place, post form ends in its activation', () => {
    const pre = createResidual(spec('pre', false), [4]);
    const x = zerosTensor([2, 4]);
    const c = pre.allocate(2, x, { gradients: true, scratch: new Float32Array(16), allocate: (s) => zerosTensor(s) });
    expect(c.taps[0].pre).toBe(x);
    expect(c.taps[1].pre).toBe(c.taps[0].output);
    expect(c.taps[1].dPre).not.toBe(c.taps[0].dOutput); // its gradient is its own path's
    const post = createResidual(spec('post', false), [4]);
    const p = post.allocate(2, x, { gradients: true, scratch: new Float32Array(16), allocate: (s) => zerosTensor(s) });
    expect(p.output).toBe(p.taps[1].post);
  });

  it('a zero-initialized branch makes the block the identity (pre form) or act(identity) (post form)', () => {
    const block = createResidual(spec('pre', false), [4]);
    for (const p of block.params()) p.value.data.fill(0.5);
    block.startAsIdentity();
    const x = zerosTensor([2, 4]);
    x.data.set([1, -2, 3, 0.5, 0, 1, -1, 2]);
    const c = block.allocate(2, x, { gradients: false, scratch: new Float32Array(16), allocate: (s) => zerosTensor(s) });
    block.forward(c, x, 'batch');
    expect(c.output.data).toEqual(x.data);
  });

  const cases: [ResidualForm, boolean, number, number][] = [];
  for (const form of ['post', 'pre'] as const) for (const norm of [false, true]) for (const input of [4, 3]) cases.push([form, norm, input, Math.SQRT1_2]);
  it.each(cases)('%s form, batch norm %s, input width %i (3: projection), alpha %f: every gradient matches central differences', (form, norm, input, scale) => {
    checkLayerGradients(createResidual(spec(form, norm, scale), [input]), 5, 41, norm ? WITH_BN : SMOOTH);
  });
});
