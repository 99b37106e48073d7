import { describe, expect, it } from 'vitest';
import { withConfig } from '../../../engine/contract/config.ts';
import { biasText, gainFor, mappingText, networkSw2, xiColor } from './chaosRows.ts';

describe('the edge-of-chaos panel\'s mapping of Layerscope\'s keys to sigma_w^2', () => {
  it('gives sigma_w^2 = gain^2 for Xavier, LeCun and orthogonal, 2 gain^2 for He, gain^2/3 for standard', () => {
    expect(networkSw2(withConfig({ init: 'xavier_normal', gain: 1.5 }))).toBeCloseTo(2.25, 12);
    expect(networkSw2(withConfig({ init: 'lecun_normal', gain: 2 }))).toBeCloseTo(4, 12);
    expect(networkSw2(withConfig({ init: 'orthogonal', gain: 1 }))).toBeCloseTo(1, 12);
    expect(networkSw2(withConfig({ init: 'he_normal', gain: 1 }))).toBeCloseTo(2, 12);
    expect(networkSw2(withConfig({ init: 'standard', gain: 3 }))).toBeCloseTo(3, 12);
  });

  it('gives n gain^2 std^2 for normal (so std = 1/sqrt(n) puts gain^2 on the plane)', () => {
    expect(networkSw2(withConfig({ init: 'normal', width: 256, std: 1 / 16, gain: 1.2 }))).toBeCloseTo(1.44, 12);
  });

  it('has no point for non-random weights, LSUV, architectures, widths, residual or batch norm', () => {
    for (const o of [{ init: 'zeros' }, { init: 'constant' }, { init: 'lsuv' }, { widths: '64,128' }, { residual: 1 }, { norm: 'batch' }]) {
      expect(networkSw2(withConfig(o))).toBeNull();
      expect(mappingText(withConfig(o))).toMatch(/^No marker/);
    }
  });

  it('inverts: the gain for a clicked sigma_w^2 puts the network back there', () => {
    for (const init of ['xavier_uniform', 'he_uniform', 'standard', 'normal'] as const) {
      const c = withConfig({ init, std: 0.05, width: 100 });
      const gain = gainFor(c, 2.5)!;
      expect(networkSw2({ ...c, gain })).toBeCloseTo(2.5, 2);
    }
    expect(gainFor(withConfig({ init: 'zeros' }), 2)).toBeNull();
  });

  it('says a constant bias is not the theory\'s random bias', () => {
    expect(biasText(withConfig({ bias: 0.1 }))).toMatch(/not the theory.s random biases/);
    expect(biasText(withConfig({ bias: 0 }))).toMatch(/σ_b² = 0/);
  });

  it('colours xi_c on a log scale, the edge (infinite) at the top', () => {
    expect(xiColor(Infinity)).toEqual(xiColor(1e6));
    expect(xiColor(1)).not.toEqual(xiColor(10));
  });
});
