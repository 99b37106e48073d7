import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../contract/config.ts';
import { toCsv } from '../probe/report.ts';
import { parseArgs } from './args.ts';
import { runTraining, trainingCsv } from './train.ts';
import { loadTestDigits } from '../testing/trainingRuns.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('--steps and --track', () => {
  it('parse, and refuse what makes no sense', () => {
    expect(parseArgs(['data=xor', '--steps', '200', '--track']).args).toMatchObject({ query: 'data=xor', steps: 200, track: true });
    expect(parseArgs(['--steps=0', 'data=xor']).args.steps).toBe(0);
    expect(parseArgs(['data=xor']).args).toMatchObject({ steps: null, track: false });
    expect(parseArgs(['--steps', '1e3']).problems).toEqual(['--steps 1e3 is not a whole number in 0..10000000']);
    expect(parseArgs(['--steps', '-5']).problems[0]).toMatch(/not a whole number/);
    expect(parseArgs(['--steps']).problems).toEqual(['--steps needs a value']);
    expect(parseArgs(['--track']).problems).toEqual(['--track needs --steps N (it follows one unit over training)']);
    expect(parseArgs(['--steps', '5', '--export', 'x.json'])).toMatchObject({ problems: [], args: { steps: 5, exportFile: 'x.json' } });
  });
});

// Some tests spawn a Node process or train a few hundred steps; the machine is shared.
describe('runTraining', { timeout: 60_000 }, () => {
  const config = parseQuery('data=digits&depth=2&width=16&batch=32&opt=momentum&lr=0.05&norm=batch&evalevery=10&seed=3').config;

  it('the same seed gives the same report, number for number', () => {
    const digits = loadTestDigits();
    const a = runTraining(config, 40, { track: true, digits });
    const b = runTraining(config, 40, { track: true, digits });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(Object.keys(a.metrics).slice(0, 4)).toEqual(['trainLoss', 'trainAccuracy', 'testLoss', 'testAccuracy']);
    expect(a.layers).toHaveLength(3); // two hidden layers and the output layer
    expect(a.outputLayer).toBe(3);
    expect(a.track!.rows.map((r) => r.step)).toEqual([0, 10, 20, 30, 40]);
    expect(a.track).toMatchObject({ layer: 2, unit: 0, every: 10 });
    const other = runTraining({ ...config, seed: 4 }, 40, { track: false, digits });
    expect(other.fingerprint).not.toBe(a.fingerprint);
    expect(other.track).toBeUndefined();
  });

  it('evaluates at the last step even between evaluation steps; CSV tables follow the layers', () => {
    const report = runTraining({ ...config, data: 'circles', evalevery: 50 }, 7, { track: true, digits: null });
    expect(report.metrics.evaluatedAt).toBe(7);
    const csv = trainingCsv(report);
    expect((toCsv(report.layers) + csv).trimEnd().split('\n\n').map((t) => t.split('\n')[0].split(',')[0])).toEqual(['layer', 'step', 'layer', 'step']);
    expect(csv).toContain('\nlayer,ics_step,input_shift,grad_diff,grad_cos\n1,,,,\n2,,,,\n'); // no measurement before step 50
    expect(csv).toContain('step,train_loss,train_accuracy,test_loss,test_accuracy,divergence\n7,');
  });

  it('reports divergence as a sentence and the metrics as null, not NaN', () => {
    const report = runTraining(parseQuery('data=circles&depth=30&width=16&act=linear&init=normal&std=10').config, 10, { track: false, digits: null });
    expect(report.divergence).toMatch(/^loss diverged at step 1/);
    expect(report.metrics.step).toBe(0);
    expect(JSON.stringify(report)).not.toMatch(/NaN/);
  });

  it('the real command prints the same JSON (another process, same numbers)', async () => {
    const query = 'data=xor&depth=2&width=6&batch=20&opt=adam&lr=0.02&evalevery=25';
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'engine/cli/probe.ts', query, '--steps', '60', '--track'], { cwd: root });
    const expected = runTraining(parseQuery(query).config, 60, { track: true, digits: null });
    // The command adds the batch norms' statistics (none here) to the report.
    expect(JSON.parse(stdout)).toEqual({ ...JSON.parse(JSON.stringify(expected)), batchNorm: [] });
    expect(stderr).toMatch(/^probe: 60 steps in [\d.]+ s \(\d+ steps\/s, with evaluations\)\n$/);
  }, 30_000);
  it('each hidden layer carries its last internal-covariate-shift measurement', () => {
    const report = runTraining(config, 40, { track: false, digits: loadTestDigits() });
    expect(report.layers.map((l) => l.ics?.step ?? l.ics)).toEqual([40, 40, undefined]); // measured at step 40 (evalevery 10, >= 4 x depth apart); none for the head
    expect(report.layers[0].ics).toMatchObject({ inputShift: 0, gradDiff: 0 });
    expect(report.layers[1].ics!.gradCos).toBeGreaterThan(0.5);
    expect(report.layers[1].ics!.inputShift).toBeGreaterThan(0);
    expect(trainingCsv(report)).toMatch(/\nlayer,ics_step,input_shift,grad_diff,grad_cos\n1,40,0,0,1\n2,40,[\d.e-]+,[\d.e-]+,0\.\d+\n/);
  });

  it('with vs, the variant\'s report as `variant`: the same as running the variant alone', () => {
    const digits = loadTestDigits();
    const ab = { ...config, vs: 'norm:none,lr:0.2' };
    const report = runTraining(ab, 30, { track: false, digits });
    expect(report.query).toContain('&vs=norm:none,lr:0.2');
    expect(report.fingerprint).toBe(runTraining(config, 30, { track: false, digits }).fingerprint); // vs does not change the primary
    expect(report.variant).toEqual(runTraining({ ...config, norm: 'none', lr: 0.2 }, 30, { track: false, digits }));
    expect(report.variant!.variant).toBeUndefined();
    expect(runTraining(config, 30, { track: false, digits }).variant).toBeUndefined();
  });

  it('the real command prints the variant too, and refuses a variant that cannot be trained', async () => {
    const run = (...args: string[]) => promisify(execFile)(process.execPath, ['--import', 'tsx', 'engine/cli/probe.ts', ...args], { cwd: root });
    const query = 'data=xor&depth=2&width=6&batch=20&evalevery=25&vs=act:relu';
    const { stdout, stderr } = await run(query, '--steps', '30');
    expect(JSON.parse(stdout)).toEqual({ ...JSON.parse(JSON.stringify(runTraining(parseQuery(query).config, 30, { track: false, digits: null }))), batchNorm: [] });
    expect(stderr).toMatch(/^probe: 60 steps in /);
    const csv = (await run(query, '--steps', '30', '--format', 'csv')).stdout;
    expect(csv).toContain('\n\nvariant\nv=1&depth=2&width=6&act=relu&batch=20&data=xor&evalevery=25\n\nlayer,');
    const refused = await run('data=xor&batch=1&vs=norm:batch', '--steps', '5').catch((e: { code: number; stderr: string }) => e);
    expect(refused).toMatchObject({ code: 2, stderr: 'probe: the run "with batch norm": batch norm needs at least 2 examples per batch to estimate a variance; batch is 1\n' });
  }, 60_000);

  it('several variants: `variants` in vs order, each the same as training it alone; the losses of the main and auxiliary heads', () => {
    const query = 'data=spiral&depth=6&width=8&batch=16&act=relu&init=he_normal&evalevery=10&vs=depth:2;residual:1,aux1:2,aux2:4';
    const report = runTraining(parseQuery(query).config, 20, { track: false, digits: null });
    expect(report.variants!.map((v) => v.query)).toEqual([
      'v=1&depth=2&width=8&act=relu&init=he_normal&batch=16&data=spiral&evalevery=10',
      'v=1&depth=6&width=8&act=relu&init=he_normal&batch=16&data=spiral&evalevery=10&residual=1&aux1=2&aux2=4',
    ]);
    expect(report.variant).toBe(report.variants![0]);
    const residual = report.variants![1];
    expect(residual).toEqual(runTraining(parseQuery(residual.query).config, 20, { track: false, digits: null }));
    expect(residual.metrics.auxLosses.every((x) => x !== null && x > 0)).toBe(true);
    expect(residual.metrics.batchLoss).toBeCloseTo(residual.metrics.mainLoss! + 0.3 * (residual.metrics.auxLosses[0]! + residual.metrics.auxLosses[1]!), 10);
    expect(report.metrics.auxLosses).toEqual([null, null]);
    // the block Jacobian and the stream on the residual run's layers (blocks end on layers 2, 4, 6; the head is 7)
    expect(residual.layers.map((l) => l.blockJacobian !== null)).toEqual([false, true, false, true, false, true, false]);
    expect(residual.layers.map((l) => l.stream.m2 !== null)).toEqual([false, true, false, true, false, true, false]);
  });
});
