import { describe, expect, it } from 'vitest';
import { outputHead } from '../model/layers/dense.ts';
import { backward, buildNetwork, createCache, forward, type LayerSpec } from '../model/network.ts';
import { createRng } from '../rng.ts';
import { checkGradient } from '../testing/gradcheck.ts';
import { Objective } from './objective.ts';

const BATCH = 6, CLASSES = 3, WIDTH = 5;

describe('the objective against soft targets (mixup)', () => {
  it('L = L_main + auxw L_aux with soft targets: every parameter\'s gradient matches central differences; one-hot targets are the labels', () => {
    const specs: LayerSpec[] = [
      { kind: 'dense', units: WIDTH, activation: 'tanh' } as LayerSpec,
      { kind: 'dense', units: WIDTH, activation: 'tanh' } as LayerSpec,
      outputHead(CLASSES),
    ];
    const net = buildNetwork(2, specs, [{ at: 0, classes: CLASSES }]);
    const rng = createRng(4);
    for (const layer of [...net.units, ...net.heads.map((h) => h.unit)]) {
      layer.weight.data.forEach((_, i, w) => { w[i] = (1.2 * rng.normal()) / Math.sqrt(layer.fanIn); });
      layer.bias.data.forEach((_, i, b) => { b[i] = 0.2 * rng.normal(); });
    }
    const cache = createCache(net, BATCH);
    cache.input.data.forEach((_, i, x) => { x[i] = rng.normal(); });
    const labels = Int32Array.from({ length: BATCH }, (_, i) => i % CLASSES);
    const lambda = 0.35, targets = new Float32Array(BATCH * CLASSES);
    labels.forEach((y, i) => { targets[i * CLASSES + y] += lambda; targets[i * CLASSES + ((y + 1 + (i % 2)) % CLASSES)] += 1 - lambda; });
    const objective = new Objective(net, BATCH, CLASSES, [0, -1], 0.3);
    forward(net, cache, 'batch');
    const hot = new Float32Array(BATCH * CLASSES);
    labels.forEach((y, i) => { hot[i * CLASSES + y] = 1; });
    expect(objective.forward(cache, labels, hot)).toBe(objective.forward(cache, labels));
    objective.forward(cache, labels, targets);
    objective.gradients(cache, labels, targets);
    backward(net, cache, cache.dOutput!, { heads: true });
    const evaluate = () => {
      forward(net, cache, 'batch');
      return [objective.forward(cache, labels, targets)];
    };
    const eps = 1e-2;
    const options = { eps, tolerance: 1e-2, roundingsPerOutput: 1, truncation: (eps * eps * 10) / 6 };
    [...net.units, ...net.heads.map((h) => h.unit)].forEach((layer, l) => {
      expect(checkGradient(layer.weight.data, Float64Array.from(layer.dWeight.data), evaluate, [1], options).failures, `layer ${l} weight`).toEqual([]);
      expect(checkGradient(layer.bias.data, Float64Array.from(layer.dBias.data), evaluate, [1], options).failures, `layer ${l} bias`).toEqual([]);
    });
  });
});
