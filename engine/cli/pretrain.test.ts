/** The CLI's training report with pretraining: progress per layer as it goes, then the fine-tuned metrics, and nothing new without it. */
import { describe, expect, it } from 'vitest';
import { cleanConfig, loadTestDigits } from '../testing/trainingRuns.ts';
import { runTraining } from './train.ts';

const digits = loadTestDigits();

describe('npm run probe -- "...pretrain=..." --steps N', () => {
  it('prints one line per pretrained layer, then reports each layer, the probes before and after, and the fine-tuned metrics', () => {
    const lines: string[] = [];
    const config = cleanConfig('data=digits&depth=2&width=16&batch=16&act=sigmoid&pretrain=ae&ptsteps=20&ptlr=0.1&vs=pretrain:none');
    const report = runTraining(config, 10, { track: false, digits, progress: (l) => lines.push(l) });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^pretraining layer 1\/2 \(ae, linear decoder, squared error\): reconstruction loss [\d.]+ -> [\d.]+ in 20 steps$/);
    expect(lines[1]).toMatch(/^pretraining layer 2\/2 \(ae, sigmoid decoder, cross-entropy\)/);
    expect(report.pretraining).toMatchObject({ mode: 'ae', stepsPerLayer: 20, noise: 0 });
    expect(report.pretraining!.layers.map((l) => l.steps)).toEqual([20, 20]);
    expect(report.pretraining!.before).toHaveLength(3); // two hidden layers and the output layer
    expect(report.pretraining!.after).toHaveLength(3);
    expect(report.metrics.step).toBe(10);
    expect(report.metrics.testAccuracy).not.toBeNull();
    // The baseline (vs=pretrain:none) trains the same 10 steps with labels and reports no pretraining.
    expect(report.variant!.metrics.step).toBe(10);
    expect(report.variant!.pretraining).toBeUndefined();
    expect('pretraining' in report.variant!).toBe(false);
  });

  it('says where pretraining diverged, and the run has taken no step with labels', () => {
    const lines: string[] = [];
    const report = runTraining(cleanConfig('data=digits&depth=2&width=16&batch=16&act=relu&init=he_normal&pretrain=ae&ptsteps=50&ptlr=100'), 10, { track: false, digits, progress: (l) => lines.push(l) });
    expect(lines.at(-1)).toMatch(/^pretraining stopped: .*pretraining layer 1 at its step \d+ \(try a smaller ptlr\)$/);
    expect(report.divergence).toMatch(/pretraining layer 1/);
    expect(report.metrics.step).toBe(0);
  });
});
