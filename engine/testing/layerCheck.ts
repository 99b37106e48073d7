/**
 * Central-difference checks through one layer: L = sum(output R) with a fixed random R, every
 * parameter's gradient and dL/d(input) from the layer's own backward against engine/testing/gradcheck.ts.
 */
import { expect } from 'vitest';
import type { Layer, LayerCache } from '../model/layer.ts';
import { createRng } from '../rng.ts';
import { zerosTensor } from '../tensor.ts';
import { checkGradient, type GradCheckOptions } from './gradcheck.ts';
import { fixedWeights } from './random.ts';

/** Fill every parameter (gamma around 1) and the input, run forward and backward, check every gradient. */
export function checkLayerGradients(layer: Layer, batch: number, seed: number, options: GradCheckOptions, fill = true): void {
  const rng = createRng(seed);
  const normal = (x: Float32Array, sd: number, mean = 0) => { for (let i = 0; i < x.length; i++) x[i] = mean + sd * rng.normal(); };
  if (fill) {
    for (const p of layer.params()) {
      if (p.name.endsWith('gamma')) normal(p.value.data, 0.3, 1);
      else normal(p.value.data, p.decay ? 1.1 / Math.sqrt(p.value.shape[0]) : 0.3);
    }
  }
  const input = zerosTensor([batch, ...layer.inputShape]);
  normal(input.data, 1);
  const scratch = new Float32Array(layer.scratchLength);
  const cache: LayerCache = layer.allocate(batch, input, { gradients: true, scratch, allocate: (shape) => zerosTensor(shape) });
  const dInput = zerosTensor(input.shape);
  const r = fixedWeights(seed + 100, cache.output.data.length);
  const evaluate = () => {
    layer.forward(cache, input, 'batch');
    return Float64Array.from(cache.output.data);
  };
  evaluate();
  cache.dOutput!.data.set(r);
  layer.backward(cache, cache.dOutput!, dInput);
  const checked: [string, Float32Array, Float64Array][] = layer.params().map((p) => [p.name + ` (unit ${p.unit})`, p.value.data, Float64Array.from(p.grad.data)]);
  checked.push(['dInput', input.data, Float64Array.from(dInput.data)]);
  for (const [name, value, analytic] of checked) {
    expect(checkGradient(value, analytic, evaluate, r, options).failures, name).toEqual([]);
  }
  // The input gradient asked again afterwards (as the probe does) is the backward's, bit for bit.
  const again = zerosTensor(input.shape);
  layer.forward(cache, input, 'batch');
  layer.backward(cache, cache.dOutput!, null);
  layer.inputGradient(cache, again);
  expect(again.data).toEqual(dInput.data);
}
