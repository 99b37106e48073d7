import { describe, expect, it } from 'vitest';
import { ManualScheduler } from '../testing/manualScheduler.ts';
import { bits, cleanConfig, loadTestDigits, runState } from '../testing/trainingRuns.ts';
import { parametersFingerprint } from '../contract/fingerprint.ts';
import type { TrainSnapshot } from '../contract/trainLayout.ts';
import { variantsOf } from '../contract/config.ts';
import { trainingProblem } from '../contract/training.ts';
import { TrainLoop } from '../train/trainLoop.ts';
import { Trainer } from '../train/trainer.ts';

const digits = loadTestDigits();
const Q = 'data=digits&depth=3&width=16&batch=16&act=sigmoid&lr=0.1&pretrain=dae&ptsteps=40&ptlr=0.1&evalevery=10';
const trainer = (q = Q) => new Trainer(cleanConfig(q), digits);
const fingerprint = (t: Trainer) => parametersFingerprint(t.params.map((p) => p.value));

describe('greedy layer-wise pretraining in the trainer', () => {
  it('starts from the very weights of the same net without pretraining (the A/B baseline), and changes only the hidden layers', () => {
    const pre = trainer(), plain = trainer(Q.replace('pretrain=dae', 'pretrain=none'));
    expect(fingerprint(pre)).toBe(fingerprint(plain));
    pre.run(0);
    const head = pre.params.length - 2;
    pre.params.forEach((p, k) => {
      const same = bits(p.value).every((b, i) => b === bits(plain.params[k].value)[i]);
      expect(same, p.name).toBe(k >= head); // every hidden weight and bias moved; the output layer did not
    });
  });

  it('pretraining steps are not training steps: step stays 0, no test evaluation until it ends, then one at step 0', () => {
    const t = trainer();
    expect(t.pretraining).toBe(true);
    expect(t.metrics.evaluatedAt).toBe(-1);
    for (let i = 0; i < 3 * 40 - 1; i++) expect(t.advance()).toBe(true);
    expect(t.step).toBe(0);
    expect(t.progress).toBe(119);
    expect(t.evalHistory.rows).toBe(0);
    expect(t.trainStep()).toBe(false); // no training step while pretraining lasts
    expect(t.evaluateExtra()).toBe(false);
    t.advance();
    expect(t.pretraining).toBe(false);
    expect(t.metrics.evaluatedAt).toBe(0);
    expect(t.evalHistory.rows).toBe(1);
    expect(t.pretrainProbes.after).not.toBeNull();
    t.advance();
    expect(t.step).toBe(1);
    expect(t.progress).toBe(121);
  });

  it('each layer\'s reconstruction loss falls over its own steps, and its decoder follows its input\'s range', () => {
    const t = trainer(Q.replace('ptsteps=40', 'ptsteps=200'));
    t.run(0);
    const p = t.pretrainer!;
    // Layer 1 reconstructs standardized pixels (linear, squared error); layers 2 and 3 sigmoid codes in [0, 1].
    expect(p.autoencoders.map((a) => a.decoder)).toEqual(['linear', 'sigmoid', 'sigmoid']);
    for (let l = 0; l < 3; l++) expect(p.lastLoss[l], `layer ${l + 1}`).toBeLessThan(p.firstLoss[l]);
    const tanh = trainer(Q.replace('act=sigmoid', 'act=tanh'));
    expect(tanh.pretrainer!.autoencoders.map((a) => a.decoder)).toEqual(['linear', 'linear', 'linear']);
  });

  it('replays bit for bit, reset included; labels are never read', () => {
    const a = trainer(), b = trainer();
    a.run(25);
    b.run(25);
    expect(runState(a)).toEqual(runState(b));
    a.reset();
    a.run(25);
    expect(runState(a)).toEqual(runState(b));
    // The same inputs with every label changed: the same pretrained weights.
    const c = trainer();
    c.dataset.trainLabels.reverse();
    c.run(0);
    const d = trainer();
    d.run(0);
    expect(fingerprint(c)).toBe(fingerprint(d));
  });

  it('plain and denoising differ; ptnoise does nothing without dae; ptlr and ptsteps change the result', () => {
    const f = (q: string) => { const t = trainer(q); t.run(0); return fingerprint(t); };
    const base = f(Q);
    expect(f(Q.replace('pretrain=dae', 'pretrain=ae'))).not.toBe(base);
    expect(f(Q.replace('pretrain=dae', 'pretrain=ae'))).toBe(f(Q.replace('pretrain=dae', 'pretrain=ae') + '&ptnoise=0.6'));
    expect(f(`${Q}&ptnoise=0.6`)).not.toBe(base);
    expect(f(Q.replace('ptlr=0.1', 'ptlr=0.05'))).not.toBe(base);
    expect(f(Q.replace('ptsteps=40', 'ptsteps=41'))).not.toBe(base);
  });

  it('a learning rate that blows up stops the run with a sentence naming the layer, never NaN weights going on', () => {
    const t = trainer(Q.replace('ptlr=0.1', 'ptlr=100').replace('act=sigmoid', 'act=relu'));
    t.run(10);
    expect(t.divergence?.where).toBe('pretraining');
    expect(t.divergence?.message).toMatch(/pretraining layer \d at its step \d+ \(try a smaller ptlr\)/);
    expect(t.step).toBe(0);
    expect(t.advance()).toBe(false);
  });

  it('is refused by name where it cannot apply: residual blocks and batch norm', () => {
    expect(trainingProblem(cleanConfig(`${Q}&residual=1`))).toMatch(/pretrain=dae trains a plain stack/);
    expect(trainingProblem(cleanConfig(`${Q}&norm=batch`))).toMatch(/pretrain=dae .* norm=batch/);
    expect(trainingProblem(cleanConfig(Q))).toBeNull();
  });
});

describe('pretraining in the lockstep loop', () => {
  const AB = `${Q}&vs=pretrain:none`;
  function setup() {
    const snapshots: TrainSnapshot[] = [];
    const scheduler = new ManualScheduler(1);
    const loop = new TrainLoop((s) => snapshots.push(s), scheduler);
    const config = cleanConfig(AB);
    const main = new Trainer(config, digits), base = new Trainer(variantsOf(config)[0], digits);
    loop.load(main, [base]);
    return { snapshots, scheduler, loop, main, base };
  }

  it('the baseline waits while the other pretrains; Step moves pretraining step by step; both then train together', () => {
    const { snapshots, scheduler, loop, main, base } = setup();
    const ready = snapshots[0];
    expect(ready.pretrain?.layer).toBe(0);
    expect(ready.pretrain?.before?.depth).toBe(4);
    expect(ready.pretrain?.after).toBeNull();
    expect(ready.variants[0].pretrain).toBeUndefined();
    loop.step(5);
    scheduler.run(20);
    expect(main.progress).toBe(5);
    expect(base.step).toBe(0);
    const paused = snapshots.at(-1)!;
    expect(paused.status).toBe('paused');
    expect(paused.pretrain).toMatchObject({ layer: 0, stepInLayer: 5, stepsDone: 5, decoders: ['linear', 'sigmoid', 'sigmoid'] });
    expect(paused.pretrain?.losses[0].rows).toBe(5);
    expect(paused.pretrain?.before).toBeNull(); // sent once
    expect(paused.pretrain?.reconstructions?.count).toBe(8);
    expect(paused.pretrain?.reconstructions?.decoded.length).toBe(8 * 64);
    loop.step(3 * 40 - 5 + 7);
    scheduler.run(400);
    expect(main.step).toBe(7);
    expect(base.step).toBe(7);
    const after = snapshots.filter((s) => s.pretrain?.after);
    expect(after).toHaveLength(1);
    expect(after[0].pretrain!.layer).toBe(3);
    // Every layer's code decoded down to pixels: 3 layers x 8 images x 64 pixels.
    expect(after[0].pretrain!.reconstructions).toMatchObject({ layer: 2, count: 8 });
    expect(after[0].pretrain!.reconstructions!.decoded.length).toBe(3 * 8 * 64);
    // Lockstep gives each run the numbers it gets alone.
    const alone = new Trainer(main.config, digits), aloneBase = new Trainer(base.config, digits);
    alone.run(7);
    aloneBase.run(7);
    expect(runState(main)).toEqual(runState(alone));
    expect(runState(base)).toEqual(runState(aloneBase));
    // Reset: back to pretraining's start, and the probe before it is sent again.
    loop.reset();
    expect(main.progress).toBe(0);
    expect(snapshots.at(-1)!.pretrain?.before).not.toBeNull();
  });
});
