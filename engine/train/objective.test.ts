import { describe, expect, it } from 'vitest';
import { parseQuery, withConfig } from '../contract/config.ts';
import { outputHead } from '../model/layers/dense.ts';
import { backward, buildNetwork, createCache, forward, type LayerSpec } from '../model/network.ts';
import { createRng } from '../rng.ts';
import { checkGradient } from '../testing/gradcheck.ts';
import { Objective } from './objective.ts';
import { auxHeadSpecs } from './plan.ts';
import { trainingProblem } from '../contract/training.ts';
import { Trainer } from './trainer.ts';
import { STEP_FIELDS } from '../contract/trainLayout.ts';
import { blocksOf } from '../testing/blocks.ts';

const BATCH = 6, CLASSES = 3, WIDTH = 5;

describe('the objective with auxiliary classifiers', () => {
  it.each([0.3, 1])('L = L_main + %s (L_aux1 + L_aux2): every parameter\'s gradient matches central differences of the total', (auxw) => {
    const specs: LayerSpec[] = [
      { kind: 'residual', form: 'pre', units: WIDTH, activation: 'tanh', scale: 1 },
      { kind: 'residual', form: 'post', units: WIDTH, activation: 'tanh', scale: 0.7 },
      outputHead(CLASSES),
    ];
    const net = buildNetwork(2, specs, [{ at: 1, classes: CLASSES }, { at: 2, classes: CLASSES }]);
    const rng = createRng(9);
    for (const layer of [...net.units, ...net.heads.map((h) => h.unit)]) {
      layer.weight.data.forEach((_, i, w) => { w[i] = (1.2 * rng.normal()) / Math.sqrt(layer.fanIn); });
      layer.bias.data.forEach((_, i, b) => { b[i] = 0.2 * rng.normal(); });
    }
    blocksOf(net)[0].projection!.weight.data.forEach((_, i, w) => { w[i] = rng.normal() / Math.sqrt(2); });
    const cache = createCache(net, BATCH);
    cache.input.data.forEach((_, i, x) => { x[i] = rng.normal(); });
    const labels = Int32Array.from({ length: BATCH }, (_, i) => i % CLASSES);
    const objective = new Objective(net, BATCH, CLASSES, [0, 1], auxw);
    forward(net, cache, 'batch');
    const total = objective.forward(cache, labels);
    expect(total).toBeCloseTo(objective.mainLoss + auxw * (objective.auxLosses[0] + objective.auxLosses[1]), 12);
    objective.gradients(cache, labels);
    backward(net, cache, cache.taps[net.units.length - 1].dOutput!, { heads: true });
    const evaluate = () => {
      forward(net, cache, 'batch');
      return [objective.forward(cache, labels)];
    };
    // L is a float64 function of float32 activations (~4 layers of roundings each); tanh and the
    // softmax are smooth: |L'''| ~ 10 at this scale, eps^2 10 / 6 absolute.
    const eps = 1e-2;
    const options = { eps, tolerance: 1e-2, roundingsPerOutput: 1, truncation: (eps * eps * 10) / 6 };
    const all = [...net.units, ...net.heads.map((h) => h.unit)];
    all.forEach((layer, l) => {
      expect(checkGradient(layer.weight.data, Float64Array.from(layer.dWeight.data), evaluate, [1], options).failures, `layer ${l} weight`).toEqual([]);
      expect(checkGradient(layer.bias.data, Float64Array.from(layer.dBias.data), evaluate, [1], options).failures, `layer ${l} bias`).toEqual([]);
    });
    const p = blocksOf(net)[0].projection!;
    expect(checkGradient(p.weight.data, Float64Array.from(p.dWeight.data), evaluate, [1], options).failures, 'projection').toEqual([]);
  });

  it('aux1 and aux2 map to slots; a head past the last hidden layer is a training problem, not clamped', () => {
    expect(auxHeadSpecs(withConfig({ depth: 10, aux1: 3, aux2: 0 }), 4)).toEqual({ heads: [{ at: 2, classes: 4 }], slots: [0, -1] });
    expect(auxHeadSpecs(withConfig({ depth: 10, aux1: 0, aux2: 10 }), 4)).toEqual({ heads: [{ at: 9, classes: 4 }], slots: [-1, 0] });
    expect(trainingProblem(withConfig({ data: 'spiral', depth: 10, aux2: 12 }))).toBe(
      'aux2=12 puts an auxiliary classifier on hidden layer 12, but the network has 10 hidden layers; use 1..10 (0 for none)');
    expect(trainingProblem(withConfig({ data: 'spiral', depth: 10, aux1: 10 }))).toBeNull();
  });

  it('the trainer reports the main and auxiliary losses per step; with auxw = 0 the main network trains exactly as without heads', () => {
    const base = 'data=spiral&points=200&depth=6&width=8&batch=16&act=sigmoid&lr=0.5';
    const withHeads = new Trainer(parseQuery(`${base}&aux1=2&aux2=4&auxw=0`).config, null);
    const without = new Trainer(parseQuery(base).config, null);
    withHeads.run(30);
    without.run(30);
    const mainParams = (t: Trainer) => t.params.filter((p) => !p.name.startsWith('auxiliary')).map((p) => Array.from(p.value));
    expect(mainParams(withHeads)).toEqual(mainParams(without));
    const m = withHeads.metrics;
    expect(m.batchLoss).toBe(m.mainLoss);
    expect(m.auxLosses.every((x) => x > 0)).toBe(true);
    expect(without.metrics.auxLosses.every(Number.isNaN)).toBe(true);
    expect(without.metrics.mainLoss).toBe(without.metrics.batchLoss);

    const weighted = new Trainer(parseQuery(`${base}&aux1=2&auxw=0.5`).config, null);
    weighted.run(3);
    const w = weighted.metrics;
    expect(w.batchLoss).toBeCloseTo(w.mainLoss + 0.5 * w.auxLosses[0], 12);
    expect(Number.isNaN(w.auxLosses[1])).toBe(true);
    const row = weighted.stepRow, col = (f: (typeof STEP_FIELDS)[number]) => row[STEP_FIELDS.indexOf(f)];
    expect([col('step'), col('batchLoss'), col('mainLoss'), col('auxLoss1')]).toEqual([3, w.batchLoss, w.mainLoss, w.auxLosses[0]]);
    expect(Number.isNaN(col('auxLoss2'))).toBe(true);
  });
});
