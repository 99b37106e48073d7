/**
 * Augmentation inside the trainer: applied to the training batch only, from its own random
 * stream (so strength 0 changes no bit of a run), replayed bit for bit, never touching the test set.
 */
import { describe, expect, it } from 'vitest';
import { withConfig } from '../contract/config.ts';
import { trainingProblem } from '../contract/training.ts';
import { buildDataset } from '../data/dataset.ts';
import { cleanConfig, loadTestDigits, runState } from '../testing/trainingRuns.ts';
import { Trainer } from './trainer.ts';
import { TrainLoop } from './trainLoop.ts';
import { ManualScheduler } from '../testing/manualScheduler.ts';
import { EVAL_FIELDS, type TrainSnapshot } from '../contract/trainLayout.ts';

const digits = loadTestDigits();
const BASE = 'data=digits&depth=1&width=32&batch=16&opt=adam&lr=0.003&evalevery=20';
const train = (query: string, steps: number) => {
  const t = new Trainer(cleanConfig(query), digits);
  t.run(steps);
  return t;
};

describe('training on augmented batches', () => {
  it('strength 0 of every op trains exactly the run without augmentation, bit for bit', () => {
    const plain = runState(train(BASE, 40));
    expect(runState(train(`${BASE}&aug=shift:0_rotate:0_elastic:0:1_noise:0_cutout:0_mixup:0`, 40))).toEqual(plain);
    expect(runState(train(`${BASE}&aug=shift:1`, 40))).not.toEqual(plain);
  });

  it('the same link replays the same augmented run bit for bit; reset() replays it again', () => {
    const q = `${BASE}&aug=shift:1_elastic:2:1_noise:0.05_cutout:2_mixup:0.2`;
    const a = train(q, 30), b = train(q, 30);
    expect(runState(a)).toEqual(runState(b));
    const state = runState(a);
    a.reset();
    a.run(30);
    expect(runState(a)).toEqual(state);
  });

  it('never touches the test set: the test inputs are the data set\'s, and the step-0 evaluation is the plain run\'s', () => {
    const t = new Trainer(cleanConfig(`${BASE}&aug=shift:1_noise:0.2_cutout:3`), digits);
    const fresh = buildDataset(t.config, digits);
    const plain = new Trainer(cleanConfig(BASE), digits);
    expect(t.metrics.testLoss).toBe(plain.metrics.testLoss);
    t.run(25);
    expect(Array.from(t.dataset.testInputs)).toEqual(Array.from(fresh.testInputs));
    expect(Array.from(t.dataset.trainInputs)).toEqual(Array.from(fresh.trainInputs)); // augmented in the batch, never in place
  });

  it('mixup trains on soft targets: the loss stays finite and falls', () => {
    const t = train(`${BASE}&aug=mixup:0.4`, 200);
    const h = t.evalHistory;
    expect(t.divergence).toBeNull();
    expect(t.augmenter!.targets).not.toBeNull();
    expect(t.metrics.testLoss).toBeLessThan(h.at(0, EVAL_FIELDS.indexOf('testLoss'))); // below the step-0 test loss
  });

  it('the batch preview holds the augmented examples of the last step, in pixels', () => {
    const t = train(`${BASE}&aug=shift:1`, 3);
    const view = t.batchPreview!.view()!;
    expect(view.step).toBe(3);
    expect(view.shape).toEqual([1, 8, 8]);
    expect(view.pixelMax).toBe(16);
    expect(view.count).toBe(16);
    // Whole pixel values (a whole-pixel shift of whole pixels) in 0..16.
    expect(Array.from(view.pixels).every((v) => Math.abs(v - Math.round(v)) < 1e-4 && v > -1e-4 && v < 16 + 1e-4)).toBe(true);
    t.trainStep();
    expect(t.batchPreview!.view()!.pixels).not.toEqual(view.pixels);
  });

  it('the loop posts the augmented batch of every run when one of them augments, and none otherwise', () => {
    const posted: TrainSnapshot[] = [];
    const clock = new ManualScheduler();
    const loop = new TrainLoop((s) => posted.push(s), clock);
    const config = cleanConfig(`${BASE}&vs=aug:shift:1`);
    loop.load(new Trainer(config, digits), [new Trainer({ ...config, vs: '', aug: 'shift:1' }, digits)]);
    loop.step(2);
    clock.run();
    const last = posted.at(-1)!;
    expect(last.augmented?.step).toBe(2);
    expect(last.variants[0].augmented?.aug).toBe('shift:1');
    const plain = new TrainLoop((s) => posted.push(s), clock);
    plain.load(new Trainer(cleanConfig(BASE), digits));
    plain.step(1);
    clock.run();
    expect(posted.at(-1)!.augmented).toBeNull();
  });

  it('refuses what cannot apply, by name: image ops on 2D points, a shift or cutout larger than the image', () => {
    expect(trainingProblem(withConfig({ data: 'spiral', aug: 'shift:1_noise:0.1' }))).toBe('aug=shift:1_noise:0.1: shift needs images; the 2D spiral set takes noise and mixup only');
    expect(trainingProblem(withConfig({ data: 'spiral', aug: 'noise:0.1_mixup:0.2' }))).toBeNull();
    expect(trainingProblem(withConfig({ data: 'digits', aug: 'shift:8' }))).toBe('aug=shift:8: a shift of 8 pixels can move a 8x8 image out of its frame; use at most 7');
    expect(trainingProblem(withConfig({ data: 'digits', aug: 'cutout:9' }))).toMatch(/larger than the 8x8 image; use at most 8$/);
    expect(trainingProblem(withConfig({ data: 'mnist', aug: 'shift:8_cutout:28' }))).toBeNull();
  });
});
