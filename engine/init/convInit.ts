/**
 * Initializers on any unit, read from the unit's fans (a conv unit's are PyTorch's: fan_in =
 * C_in/groups kh kw, fan_out = C_out kh kw). Dense units keep their exact draws (scaleDraws); a conv
 * weight [out][in/groups][kh][kw] is drawn in that order, and orthogonal is PyTorch's: Q of the
 * [out, in/groups kh kw] matrix the weight is viewed as, so its entries have variance
 * gain^2 / max(out, in/groups kh kw), not the dense formula's 1 / max(fan_in, fan_out).
 */
import type { InitializerName } from '../contract/names.ts';
import type { Unit } from '../model/layer.ts';
import { createCache, forward, resetState, type Network } from '../model/network.ts';
import type { Rng } from '../rng.ts';
import type { Tensor } from '../tensor.ts';
import { drawFamily, drawScale, drawWeights, initializeWeight, type InitOptions } from './initializers.ts';
import { LSUV_MAX_ITERATIONS, LSUV_TOLERANCE, varianceOf } from './lsuv.ts';
import { randomOrthogonal } from './orthogonal.ts';

/** Fill one unit's weight by the named initializer from its own fans. */
export function initializeUnit(name: InitializerName, unit: Unit, rng: Rng, o: InitOptions): void {
  const w = unit.weight;
  if (w.shape.length === 2) {
    initializeWeight(name, w, rng, o);
    return;
  }
  const family = drawFamily(name), data = w.data;
  if (family === null) {
    data.fill(name === 'zeros' ? 0 : o.gain * o.constant);
    return;
  }
  const factor = drawScale(name as Exclude<InitializerName, 'zeros' | 'constant'>, unit.fanIn, unit.fanOut, o);
  const rows = w.shape[0], cols = data.length / rows;
  const draws = family === 'orthogonal' ? randomOrthogonal(rows, cols, rng) : drawWeights(family, cols, rows, rng);
  for (let i = 0; i < data.length; i++) data[i] = factor * draws[i];
}

/** The variance an initializer gives a conv weight's entries (null: not a random draw). */
export function convWeightVariance(name: InitializerName, weight: Tensor, fanIn: number, fanOut: number, o: InitOptions): number | null {
  const family = drawFamily(name);
  if (family === null) return null;
  const s = drawScale(name as Exclude<InitializerName, 'zeros' | 'constant'>, fanIn, fanOut, o);
  if (family === 'orthogonal') return (s * s) / Math.max(weight.shape[0], weight.data.length / weight.shape[0]);
  return family === 'uniform' ? (s * s) / 3 : s * s;
}

/**
 * Every unit of a network by the initializer (biases at `bias`, batch norms reset), He's rectifier
 * factor 2 / (1 + a^2) read from each unit's own activation (an architecture mixes them: a leaky
 * ReLU conv beside ReLU ones, linear shortcuts, which take PyTorch's a = 0), and LSUV's
 * rescaling (Mishkin & Matas 2015) of each unit in order until its weight map's output has
 * variance `target` on `input` (a batch, [N, ...inputShape]).
 */
export function initializeModules(net: Network, name: InitializerName, rng: Rng, o: InitOptions, bias: number, input: Tensor | null, target = 1): void {
  for (const unit of net.units) {
    initializeUnit(name, unit, rng, o.activation === unit.activation.name ? o : { ...o, activation: unit.activation.name });
    unit.bias.data.fill(bias);
  }
  resetState(net);
  if (name !== 'lsuv' || input === null) return;
  const cache = createCache(net, input.shape[0], { gradients: false });
  cache.input.data.set(input.data);
  net.units.forEach((unit, l) => {
    for (let iter = 0; iter < LSUV_MAX_ITERATIONS; iter++) {
      forward(net, cache);
      const variance = varianceOf(cache.taps[l].dense.data);
      if (!(variance > 0) || !Number.isFinite(variance) || Math.abs(variance - target) < LSUV_TOLERANCE * target) break;
      const scale = Math.sqrt(target / variance), w = unit.weight.data;
      for (let i = 0; i < w.length; i++) w[i] *= scale;
    }
  });
}
