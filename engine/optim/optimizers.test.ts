import { describe, expect, it } from 'vitest';
import { FLOAT32_UNIT_ROUNDOFF } from '../testing/gradcheck.ts';
import { createOptimizer, DEFAULT_SETTINGS, type OptimizerSettings, type Param } from './index.ts';
import { OPTIMIZER_NAMES, type OptimizerName } from '../contract/names.ts';

const u = FLOAT32_UNIT_ROUNDOFF;

function param(name: string, values: number[], decay: boolean): Param {
  return { name, value: Float32Array.from(values), grad: new Float32Array(values.length), decay };
}

function settings(overrides: Partial<OptimizerSettings>): OptimizerSettings {
  return { ...DEFAULT_SETTINGS, ...overrides };
}

/** Each result is a float32 rounding of a float64 computation from float32 state: a few ulps. */
function expectClose(actual: Float32Array, expected: number[], ulps = 4): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => expect(Math.abs(actual[i] - e), `entry ${i}: ${actual[i]} vs ${e}`).toBeLessThanOrEqual(ulps * u * Math.abs(e)));
}

describe('SGD', () => {
  it('p -= lr (g + wd p) on weights; biases are not decayed', () => {
    const w = param('w', [1, -2, 0.5], true);
    const b = param('b', [1, -2, 0.5], false);
    w.grad.set([0.1, 0.2, -0.3]);
    b.grad.set([0.1, 0.2, -0.3]);
    const opt = createOptimizer('sgd', [w, b], settings({ lr: 0.1, wd: 0.01 }));
    expect(opt.step()).toBe(-1);
    // by hand: 1 - 0.1 (0.1 + 0.01) = 0.989; -2 - 0.1 (0.2 - 0.02) = -2.018; 0.5 - 0.1 (-0.3 + 0.005) = 0.5295
    expectClose(w.value, [0.989, -2.018, 0.5295]);
    // no decay: 1 - 0.01, -2 - 0.02, 0.5 + 0.03
    expectClose(b.value, [0.99, -2.02, 0.53]);
    expect(opt.steps).toBe(1);
  });
});

describe('SGD with momentum (PyTorch form v = mu v + g, p -= lr v)', () => {
  it('two steps by hand', () => {
    const w = param('w', [1, 2], true);
    const opt = createOptimizer('momentum', [w], settings({ lr: 0.1, momentum: 0.9, wd: 0 }));
    w.grad.set([0.5, -1]);
    opt.step();
    // v1 = g1 = [0.5, -1]; p1 = [1 - 0.05, 2 + 0.1]
    expectClose(w.value, [0.95, 2.1]);
    w.grad.set([-0.25, 0.5]);
    opt.step();
    // v2 = 0.9 v1 + g2 = [0.45 - 0.25, -0.9 + 0.5] = [0.2, -0.4]; p2 = [0.95 - 0.02, 2.1 + 0.04]
    expectClose(w.value, [0.93, 2.14]);
  });

  it('with weight decay the decay term enters the velocity', () => {
    const w = param('w', [1], true);
    const opt = createOptimizer('momentum', [w], settings({ lr: 0.1, momentum: 0.9, wd: 0.1 }));
    w.grad.set([0.5]);
    opt.step();
    // v1 = 0.5 + 0.1 * 1 = 0.6; p1 = 1 - 0.06 = 0.94
    expectClose(w.value, [0.94]);
    w.grad.set([0]);
    opt.step();
    // v2 = 0.9 * 0.6 + (0 + 0.1 * 0.94) = 0.634; p2 = 0.94 - 0.0634 = 0.8766
    expectClose(w.value, [0.8766]);
  });
});

describe('Adam (PyTorch: beta1 0.9, beta2 0.999, eps 1e-8, bias-corrected)', () => {
  it('two steps by hand', () => {
    const w = param('w', [1], true);
    const opt = createOptimizer('adam', [w], settings({ lr: 0.1, wd: 0 }));
    w.grad.set([0.5]);
    opt.step();
    // m1 = 0.1 * 0.5 = 0.05; v1 = 0.001 * 0.25 = 0.00025
    // p1 = 1 - (0.1 / 0.1) * 0.05 / (sqrt(0.00025) / sqrt(0.001) + 1e-8) = 1 - 0.05 / (0.5 + 1e-8)
    const p1 = 1 - 0.05 / (0.5 + 1e-8);
    expectClose(w.value, [p1]);
    w.grad.set([-0.25]);
    opt.step();
    // m2 = 0.9 * 0.05 + 0.1 * (-0.25) = 0.02; v2 = 0.999 * 0.00025 + 0.001 * 0.0625 = 0.00031225
    // p2 = p1 - (0.1 / (1 - 0.81)) * 0.02 / (sqrt(0.00031225) / sqrt(1 - 0.998001) + 1e-8)
    const p2 = Math.fround(p1) - ((0.1 / 0.19) * 0.02) / (Math.sqrt(0.00031225) / Math.sqrt(0.001999) + 1e-8);
    expectClose(w.value, [p2]);
    expect(p2).toBeCloseTo(0.873366, 6); // the same number written out
    expect(opt.steps).toBe(2);
  });

  it('the first step moves every parameter by about lr against its gradient, whatever the gradient\'s size', () => {
    const w = param('w', [0, 0, 0, 0], false);
    w.grad.set([1e-4, -3, 250, -0.02]);
    createOptimizer('adam', [w], settings({ lr: 0.01 })).step();
    expectClose(w.value, [-0.01, 0.01, -0.01, 0.01], 1e4); // eps 1e-8 against |g| >= 1e-4: <= 1e-4 relative
  });

  it('weight decay is L2 added to the gradient (not AdamW), on weights only', () => {
    const w = param('w', [2], true);
    const b = param('b', [2], false);
    const opt = createOptimizer('adam', [w, b], settings({ lr: 0.1, wd: 0.5 }));
    // zero loss gradient: the weight still moves (g' = 0.5 * 2 = 1), the bias does not (0 / (0 + eps) = 0)
    opt.step();
    expectClose(w.value, [2 - 0.1 / (1 + 1e-8)]);
    expect(b.value[0]).toBe(2);
  });
});

describe('every optimizer', () => {
  it.each(OPTIMIZER_NAMES)('%s: reports ||dW||^2 and ||W||^2, and reset() forgets its state', (name: OptimizerName) => {
    const w = param('w', [3, 4], true);
    const opt = createOptimizer(name, [w], settings({ lr: 0.1, wd: 0 }));
    w.grad.set([1, 1]);
    opt.step();
    expect(opt.valueSq[0]).toBe(25);
    const moved = [3 - w.value[0], 4 - w.value[1]];
    expect(opt.updateSq[0]).toBeCloseTo(moved[0] ** 2 + moved[1] ** 2, 6);
    // after reset, the same gradient from the same values gives the same first step
    const before = Float32Array.from(w.value);
    opt.reset();
    expect(opt.steps).toBe(0);
    w.value.set([3, 4]);
    opt.step();
    expect(w.value).toEqual(before);
  });

  it.each(OPTIMIZER_NAMES)('%s: a non-finite value after the step is reported by parameter index', (name: OptimizerName) => {
    const a = param('a', [1, 1], true);
    const b = param('b', [1, 1], false);
    const opt = createOptimizer(name, [a, b], settings({ lr: 0.1 }));
    a.grad.set([0.5, 0.5]);
    b.grad.set([0.5, NaN]);
    expect(opt.step()).toBe(1);
    a.grad.set([Infinity, 0]);
    b.grad.set([0, 0]);
    expect(opt.step()).toBe(0);
  });

  it.each(OPTIMIZER_NAMES)('%s: the learning rate can change between steps', (name: OptimizerName) => {
    const w = param('w', [1], false);
    const s = settings({ lr: 0 });
    const opt = createOptimizer(name, [w], s);
    w.grad.set([1]);
    opt.step();
    expect(w.value[0]).toBe(1);
    s.lr = 0.5;
    opt.step();
    expect(w.value[0]).toBeLessThan(1);
  });
});
