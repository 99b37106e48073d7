/**
 * The prior on the weights in the update: L1's subgradient, L2 and Laplace coupled or decoupled,
 * and the claim the lab makes: coupled and decoupled decay are the same update for plain SGD only.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.ts';
import { OPTIMIZER_NAMES } from '../contract/names.ts';
import { createOptimizer, DEFAULT_SETTINGS, type OptimizerSettings, type Param } from './index.ts';
import { priorPenalty } from '../train/prior.ts';

const settings = (o: Partial<OptimizerSettings>): OptimizerSettings => ({ ...DEFAULT_SETTINGS, ...o });
const param = (values: number[], decay = true): Param => ({ name: 'w', value: Float32Array.from(values), grad: new Float32Array(values.length), decay });

/** The same weights trained `steps` steps on the same seeded gradients (a fixed quadratic pull plus noise). */
function train(o: Partial<OptimizerSettings> & { opt: (typeof OPTIMIZER_NAMES)[number] }, steps = 200): Float32Array {
  const rng = createRng(7);
  const start = Array.from({ length: 64 }, () => rng.normal());
  const target = Array.from({ length: 64 }, () => 0.5 * rng.normal());
  const w = param(start), b = param(start, false);
  const opt = createOptimizer(o.opt, [w, b], settings(o));
  const noise = createRng(11);
  for (let s = 0; s < steps; s++) {
    for (let i = 0; i < 64; i++) {
      const n = 0.3 * noise.normal();
      w.grad[i] = (w.value[i] - target[i]) * (1 + (i % 7)) + n; // unequal curvature: Adam's scaling matters
      b.grad[i] = (b.value[i] - target[i]) + n;
    }
    opt.step();
  }
  return w.value;
}

const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i])), 0);

describe('L1 (prior=laplace): the subgradient wd sign(w)', () => {
  it('moves every weight lr wd toward 0 on a zero data gradient; a weight at 0 stays there; biases not at all', () => {
    const w = param([0.5, -0.25, 0, 1e-3]), b = param([0.5, -0.25, 0, 1e-3], false);
    const opt = createOptimizer('sgd', [w, b], settings({ lr: 0.1, wd: 0.01, prior: 'laplace' }));
    opt.step();
    const expected = [0.5 - 1e-3, -0.25 + 1e-3, 0, 0];
    w.value.forEach((v, i) => expect(Math.abs(v - expected[i]), `weight ${i}`).toBeLessThan(1e-7));
    expect(w.value[2]).toBe(0);
    expect(Array.from(b.value)).toEqual(Array.from(Float32Array.from([0.5, -0.25, 0, 1e-3])));
  });

  it('is the derivative of R = ||W||_1 away from 0 (central differences), as w is the derivative of ||W||^2 / 2', () => {
    const rng = createRng(3);
    for (const prior of ['laplace', 'gauss'] as const) {
      for (let t = 0; t < 20; t++) {
        const x = rng.normal();
        if (Math.abs(x) < 1e-2) continue;
        const h = 1e-3;
        const f = (v: number) => priorPenalty(prior, [param([v])]);
        const numeric = (f(Math.fround(x + h)) - f(Math.fround(x - h))) / (Math.fround(x + h) - Math.fround(x - h));
        const analytic = prior === 'laplace' ? Math.sign(x) : Math.fround(x);
        expect(Math.abs(numeric - analytic)).toBeLessThan(2e-3);
      }
    }
  });

  it('prior=none ignores wd: the same bits as wd=0', () => {
    for (const opt of OPTIMIZER_NAMES) {
      expect(Array.from(train({ opt, wd: 0.05, prior: 'none' }))).toEqual(Array.from(train({ opt, wd: 0 })));
      expect(Array.from(train({ opt, wd: 0.05, prior: 'none', decoupled: true }))).toEqual(Array.from(train({ opt, wd: 0 })));
    }
  });
});

describe('coupled (L2 in the gradient) vs decoupled weight decay (AdamW)', () => {
  for (const prior of ['gauss', 'laplace'] as const) {
    it(`${prior}: plain SGD gives the same weights either way (to float32 rounding)`, () => {
      const coupled = train({ opt: 'sgd', lr: 0.05, wd: 0.05, prior });
      const decoupled = train({ opt: 'sgd', lr: 0.05, wd: 0.05, prior, decoupled: true });
      expect(maxDiff(coupled, decoupled)).toBeLessThan(1e-5);
      expect(maxDiff(coupled, train({ opt: 'sgd', lr: 0.05, wd: 0, prior }))).toBeGreaterThan(1e-2); // and the prior did act
    });

    it(`${prior}: with momentum or Adam they differ`, () => {
      for (const opt of ['momentum', 'adam'] as const) {
        const lr = opt === 'adam' ? 0.01 : 0.02;
        const coupled = train({ opt, lr, wd: 0.05, prior });
        const decoupled = train({ opt, lr, wd: 0.05, prior, decoupled: true });
        expect(maxDiff(coupled, decoupled), opt).toBeGreaterThan(1e-2);
      }
    });
  }

  it('Adam decoupled is PyTorch AdamW: p (1 - lr wd), then the Adam step on g alone (one step by hand)', () => {
    const w = param([2, -1]);
    w.grad.set([0.5, 0.25]);
    const opt = createOptimizer('adam', [w], settings({ lr: 0.1, wd: 0.2, decoupled: true }));
    opt.step();
    // first Adam step moves by lr g / (|g| + eps (1 - b2)^0.5...) = lr sign(g) up to eps; decay 2 * 0.1 * 0.2 = 0.04
    const adam = (g: number) => (0.1 * ((1 - 0.9) * g / (1 - 0.9))) / (Math.sqrt((1 - 0.999) * g * g) / Math.sqrt(1 - 0.999) + 1e-8);
    expect(w.value[0]).toBeCloseTo(2 - 0.04 - adam(0.5), 6);
    expect(w.value[1]).toBeCloseTo(-1 + 0.02 - adam(0.25), 6);
    // coupled: the decay joins g before Adam's division, so the first step is still about lr sign(g + wd w)
    const c = param([2, -1]);
    c.grad.set([0.5, 0.25]);
    createOptimizer('adam', [c], settings({ lr: 0.1, wd: 0.2 })).step();
    expect(c.value[0]).toBeCloseTo(2 - adam(0.5 + 0.4), 6);
    expect(c.value[1]).toBeCloseTo(-1 - adam(0.25 - 0.2), 6);
  });
});

describe('the trainer and the CLI report the prior', { timeout: 120_000 }, () => {
  it('the objective: data term + wd R(W), sigma or b for N; a live prior change re-evaluates its term at the step', async () => {
    const { withConfig } = await import('../contract/config.ts');
    const { loadTestDigits } = await import('../testing/trainingRuns.ts');
    const { runTraining } = await import('../cli/train.ts');
    const { Trainer } = await import('../train/trainer.ts');
    const { EVAL_FIELDS } = await import('../contract/trainLayout.ts');
    const digits = loadTestDigits();
    const config = withConfig({ data: 'digits', ntrain: 10, depth: 2, width: 16, wd: 0.001, prior: 'laplace' });
    const report = runTraining(config, 30, { track: false, digits });
    expect(report.objective).toMatchObject({ prior: 'laplace', decay: 'coupled', lambda: 0.001, examples: 100, sigma: null });
    expect(report.objective.b).toBeCloseTo(10, 10);
    expect(report.objective.total).toBeCloseTo(report.objective.dataTerm! + report.objective.priorTerm, 12);
    expect(report.objective.dataTerm).toBe(report.metrics.trainLoss);
    const mle = runTraining({ ...config, prior: 'none' }, 30, { track: false, digits });
    expect(mle.objective).toMatchObject({ lambda: 0, priorTerm: 0, sigma: null, b: null });
    expect(mle.fingerprint).toBe(runTraining({ ...config, wd: 0, prior: 'gauss' }, 30, { track: false, digits }).fingerprint);
    const t = new Trainer(config, digits, { ics: false });
    t.run(30);
    t.evaluate(); // the row at step 30 (evalevery is 50)
    const l1 = t.priorTerm;
    const rows = t.evalHistory.rows;
    expect(t.applyLive({ ...config, prior: 'gauss' })).toBe(true);
    expect(t.evalHistory.rows).toBe(rows + 1);
    const col = EVAL_FIELDS.indexOf('priorTerm');
    expect(t.evalHistory.at(rows, col)).toBeCloseTo(0.001 * priorPenalty('gauss', t.params), 12);
    expect(t.evalHistory.at(rows - 1, col)).toBe(l1);
  });
});
