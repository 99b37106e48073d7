import { describe, expect, it } from 'vitest';
import { withConfig } from '../contract/config.ts';
import { buildExperiment, runProbe } from '../experiment.ts';
import { stat } from '../contract/probeLayout.ts';
import { LSUV_MAX_ITERATIONS, LSUV_TOLERANCE, lsuvCalibrate } from './lsuv.ts';

describe('LSUV', () => {
  const cases = [
    { act: 'tanh', gain: 1 },
    { act: 'relu', gain: 1 },
    { act: 'selu', gain: 1 },
    { act: 'sigmoid', gain: 2 },
    { act: 'gelu', gain: 0.5 },
    { act: 'relu', gain: 1.5, bias: 0.2 },
  ] as const;
  it.each(cases)('every layer\'s pre-activation variance is gain^2 within 1% after runProbe (%o)', (c) => {
    const { probe } = runProbe(withConfig({ init: 'lsuv', depth: 8, width: 64, batch: 256, ...c }));
    for (let l = 0; l < probe.depth; l++) {
      // LSUV stops when |var - gain^2| < 1% gain^2 on this very batch, and runProbe measures the same batch.
      expect(Math.abs(stat(probe, l, 'preVar') / c.gain ** 2 - 1), `layer ${l}`).toBeLessThan(LSUV_TOLERANCE);
    }
 }, 30_000);

  it('converges within its iteration budget on a well-behaved net', () => {
    const { net, cache } = buildExperiment(withConfig({ init: 'orthogonal', act: 'tanh', depth: 6, width: 64, batch: 256 }));
    const iterations = lsuvCalibrate(net, cache, 1);
    expect(iterations.every((i) => i < LSUV_MAX_ITERATIONS)).toBe(true);
  });
});
