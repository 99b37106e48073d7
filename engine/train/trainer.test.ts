import { describe, expect, it } from 'vitest';
import { withConfig } from '../contract/config.ts';
import { cleanConfig, loadTestDigits, runState } from '../testing/trainingRuns.ts';
import { stat } from '../contract/probeLayout.ts';
import { EVAL_FIELDS } from '../contract/trainLayout.ts';
import { measureTraining } from './snapshot.ts';
import { trainingProblem } from '../contract/training.ts';
import { Trainer } from './trainer.ts';
import { readDataFile } from '../cli/train.ts';
import { LAYER_STEP_FIELDS, STEP_FIELDS } from '../contract/trainLayout.ts';

const digits = loadTestDigits();
const config = cleanConfig;
const state = runState;

describe('training reaches good accuracy in a bounded number of steps', () => {
  // 2 hidden layers of 16 tanh units, SGD lr 0.1, batch 32 on circles (500 points, noise 0.1, 20% test).
  it.each([1, 2, 3])('circles: > 95% test accuracy within 1000 steps (seed %i)', (seed) => {
    const t = new Trainer(config(`data=circles&depth=2&width=16&batch=32&seed=${seed}`), null);
    expect(t.run(1000)).toBe(1000);
    t.evaluate();
    expect(t.metrics.testAccuracy).toBeGreaterThan(0.95);
  });

  // A 2 x 64 ReLU MLP, He init, Adam lr 0.003, batch 64: 300 steps is ~13 passes over the 1438 training digits.
  it.each(['none', 'batch'] as const)('digits: > 90% test accuracy within 300 steps (norm=%s)', (norm) => {
    const t = new Trainer(config(`data=digits&depth=2&width=64&act=relu&init=he_normal&batch=64&opt=adam&lr=0.003&norm=${norm}`), digits);
    expect(t.run(300)).toBe(300);
    t.evaluate();
    expect(t.metrics.testAccuracy).toBeGreaterThan(0.9);
    expect(t.metrics.testLoss).toBeLessThan(0.4);
  }, 30_000);

  // The same MLP on the 28x28 sets (4800 training images): 300 steps is 4 passes.
  it.each([['mnist', 0.9], ['fashion', 0.75]] as const)('%s: > %s test accuracy within 300 steps', (name, accuracy) => {
    const t = new Trainer(config(`data=${name}&depth=2&width=64&act=relu&init=he_normal&batch=64&opt=adam&lr=0.003`), readDataFile(withConfig({ data: name })));
    expect(t.run(300)).toBe(300);
    t.evaluate();
    expect(t.metrics.testAccuracy).toBeGreaterThan(accuracy);
  }, 30_000);

  it('at step 0 the loss is about log(classes) and the test set has been evaluated', () => {
    const t = new Trainer(config('data=digits&depth=2&width=32&init=xavier_normal&gain=0.1'), digits);
    expect(t.metrics.evaluatedAt).toBe(0);
    expect(t.metrics.testLoss).toBeCloseTo(Math.log(10), 1);
    expect(Number.isNaN(t.metrics.trainLoss)).toBe(true);
    expect(t.evalHistory.rows).toBe(1);
  });
});

describe('determinism', () => {
  const query = 'data=spiral&classes=3&depth=3&width=12&act=relu&init=he_normal&batch=16&opt=adam&lr=0.01&wd=0.001&norm=batch&evalevery=25&seed=42';

  it('the same config gives bit-identical parameters, metrics and histories', () => {
    const a = new Trainer(config(query), null);
    const b = new Trainer(config(query), null);
    a.run(200);
    b.run(200);
    expect(state(b)).toEqual(state(a));
  });

  it('reset() replays the run exactly; another seed gives other numbers', () => {
    const t = new Trainer(config(query), null);
    t.run(120);
    const first = state(t);
    t.reset();
    expect(t.step).toBe(0);
    t.run(120);
    expect(state(t)).toEqual(first);
    const other = new Trainer(config(query.replace('seed=42', 'seed=43')), null);
    other.run(120);
    expect(state(other)[0]).not.toEqual(first[0]);
  });

  it('each optimizer, momentum and weight decay is deterministic too (digits, BN after the activation)', () => {
    for (const opt of ['sgd', 'momentum', 'adam']) {
      const q = `data=digits&depth=2&width=16&batch=20&opt=${opt}&lr=0.05&wd=0.01&norm=batch&bnpos=after&seed=9`;
      const a = new Trainer(config(q), digits), b = new Trainer(config(q), digits);
      a.run(40);
      b.run(40);
      expect(state(b)).toEqual(state(a));
    }
  });
});

describe('divergence', () => {
  it('a forward pass that overflows stops training at step 1 and says where', () => {
    const t = new Trainer(config('data=circles&depth=30&width=16&act=linear&init=normal&std=10'), null);
    expect(t.trainStep()).toBe(false);
    expect(t.divergence).toMatchObject({ step: 1, where: 'loss' });
    expect(t.divergence!.message).toMatch(/^loss diverged at step 1 \(layer \d+'s activations are not finite\)$/);
    expect(t.step).toBe(0);
  });

  it('a learning rate too large blows up within a few steps; then stepping does nothing', () => {
    const t = new Trainer(config('data=circles&depth=2&width=16&act=linear&lr=10'), null);
    const taken = t.run(1000);
    expect(taken).toBeLessThan(50);
    const d = t.divergence!;
    expect(d.message).toMatch(new RegExp(`diverged at step ${taken + 1}|overflowed at step ${taken + 1}`));
    const before = state(t);
    expect(t.trainStep()).toBe(false);
    expect(t.run(10)).toBe(0);
    expect(state(t)).toEqual(before);
    t.reset(); // and reset() recovers
    expect(t.divergence).toBeNull();
    expect(t.trainStep()).toBe(true);
  });
});

describe('what a step records', () => {
  it('per layer: activation variance, gradient norms and ||dW|| / ||W||, consistent with the probe and the optimizer', () => {
    const t = new Trainer(config('data=moons&depth=2&width=8&batch=32&lr=0.2'), null);
    t.run(5);
    const row = t.stepRow;
    expect(row.length).toBe(STEP_FIELDS.length + 3 * LAYER_STEP_FIELDS.length); // two hidden layers and the head
    expect(row[0]).toBe(5);
    expect(row[1]).toBe(t.metrics.batchLoss);
    const probe = measureTraining(t);
    for (let l = 0; l < 3; l++) {
      const o = STEP_FIELDS.length + l * LAYER_STEP_FIELDS.length;
      expect(row[o]).toBeCloseTo(stat(probe, l, 'actVar'), 6);
      expect(row[o + 1]).toBeCloseTo(stat(probe, l, 'gradNorm'), 6);
      expect(row[o + 2]).toBeCloseTo(stat(probe, l, 'weightGradNorm'), 6);
      // SGD without decay: ||dW|| = lr ||grad W||, over the weights before the step
      const k = 2 * l; // weight, bias per layer
      expect(row[o + 3]).toBeCloseTo(Math.sqrt(t.optimizer.updateSq[k] / t.optimizer.valueSq[k]), 12);
      expect(Math.sqrt(t.optimizer.updateSq[k])).toBeCloseTo(0.2 * row[o + 2], 6);
    }
  });

  it('the percentile track follows one unit: the activation input equals x W + b without batch norm before it', () => {
    const plain = new Trainer(config('data=xor&depth=2&width=8&evalevery=10'), null);
    plain.run(30);
    const h = plain.evalHistory;
    expect(h.rows).toBe(4); // steps 0, 10, 20, 30
    const at = (name: (typeof EVAL_FIELDS)[number]) => EVAL_FIELDS.indexOf(name);
    for (let r = 0; r < h.rows; r++) {
      expect(h.at(r, at('step'))).toBe(10 * r);
      expect(h.at(r, at('trackPreP15'))).toBeLessThanOrEqual(h.at(r, at('trackPreP50')));
      expect(h.at(r, at('trackPreP50'))).toBeLessThanOrEqual(h.at(r, at('trackPreP85')));
      expect(h.at(r, at('trackPreP50'))).toBe(h.at(r, at('trackDenseP50')));
    }
    const normed = new Trainer(config('data=xor&depth=2&width=8&evalevery=10&norm=batch'), null);
    normed.run(30);
    expect(normed.evalHistory.at(3, at('trackPreP50'))).not.toBe(normed.evalHistory.at(3, at('trackDenseP50')));
  });

  it('the running training average covers the steps since the last evaluation', () => {
    const t = new Trainer(config('data=blobs&depth=1&width=4&batch=10&evalevery=4'), null);
    const losses: number[] = [];
    for (let i = 0; i < 6; i++) {
      t.trainStep();
      losses.push(t.metrics.batchLoss);
    }
    // evaluated at step 4 (window steps 1..4); now the window holds steps 5 and 6
    expect(t.metrics.trainLoss).toBeCloseTo((losses[4] + losses[5]) / 2, 12);
    expect(t.evalHistory.at(1, EVAL_FIELDS.indexOf('trainLoss'))).toBeCloseTo(losses.slice(0, 4).reduce((a, b) => a + b) / 4, 12);
  });
});

describe('building a trainer', () => {
  it('caps the batch at the training set and refuses what cannot be trained', () => {
    expect(new Trainer(withConfig({ data: 'circles', points: 20, depth: 1, width: 4 }), null).batch).toBe(16);
    expect(trainingProblem(withConfig({}))).toMatch(/data=none/);
    expect(trainingProblem(withConfig({ data: 'moons', norm: 'batch', batch: 1 }))).toMatch(/at least 2 examples/);
    expect(() => new Trainer(withConfig({}), null)).toThrow(/choose a data set/);
  });

  it('live keys change without a rebuild; any other key needs a new trainer', () => {
    const t = new Trainer(config('data=circles&depth=1&width=4'), null);
    t.run(3);
    expect(t.applyLive({ ...t.config, lr: 0.5, wd: 0.1, mom: 0.5, evalevery: 7, testbn: 'batch' })).toBe(true);
    expect([t.settings.lr, t.settings.wd, t.settings.momentum, t.step]).toEqual([0.5, 0.1, 0.5, 3]);
    expect(t.applyLive({ ...t.config, width: 5 })).toBe(false);
    expect(t.config.width).toBe(4);
  });

  it('the head has the data set\'s classes; weights start as the probe\'s initializer draws them', () => {
    const t = new Trainer(config('data=digits&depth=2&width=16&init=he_normal&act=relu'), digits);
    expect(t.net.units.map((l) => [l.fanIn, l.fanOut])).toEqual([[64, 16], [16, 16], [16, 10]]);
    expect(t.net.units[2].activation.name).toBe('linear');
    // He normal: Var = 2 / fanIn on the first layer (1024 weights: within 5 SE of sqrt(2/N) relative)
    let s2 = 0;
    for (const w of t.net.units[0].weight.data) s2 += w * w;
    expect(Math.abs(s2 / 1024 / (2 / 64) - 1)).toBeLessThan(5 * Math.sqrt(2 / 1024));
  });
});

describe('the parameter list comes from the layers\' params()', () => {
  it('in layer order, named per unit; a block\'s projection after its second unit; heads last', () => {
    const t = new Trainer(withConfig({ data: 'spiral', depth: 3, width: 8, batch: 16, residual: 1, norm: 'batch', aux1: 1 }), null);
    const unit = (n: string) => [`${n} weight`, `${n} bias`, `${n} batch-norm gamma`, `${n} batch-norm beta`];
    expect(t.params.map((p) => p.name)).toEqual([
      ...unit('layer 1'), ...unit('layer 2'), 'block 1 projection weight', ...unit('layer 3'),
      'output layer weight', 'output layer bias', 'auxiliary head on layer 1 weight', 'auxiliary head on layer 1 bias',
    ]);
    expect(t.params.filter((p) => p.decay).map((p) => p.name)).toEqual([
      'layer 1 weight', 'layer 2 weight', 'block 1 projection weight', 'layer 3 weight', 'output layer weight', 'auxiliary head on layer 1 weight',
    ]);
  });
});
