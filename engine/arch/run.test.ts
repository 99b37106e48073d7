import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseQuery, variantsOf } from '../contract/config.ts';
import { ARCH_UNIT, ARCH_UNIT_FIELDS } from '../contract/archLayout.ts';
import { parametersFingerprint } from '../contract/fingerprint.ts';
import type { FromWorker } from '../contract/protocol.ts';
import { parseDigits } from '../data/digits.ts';
import { ManualScheduler } from '../testing/manualScheduler.ts';
import { createWorkerHandler } from '../worker/workerHandler.ts';
import { createArchRun } from './run.ts';
import { archNotApplied } from '../contract/applies.ts';
import { runArchCli } from './cli.ts';

const DIGITS_URL = 'https://lab.example/digits.bin';
const bytes = new Uint8Array(readFileSync(new URL('../../public/digits.bin', import.meta.url)));
const digits = parseDigits(bytes);
const query = 'data=digits&arch=conv3-4,relu,max2,conv3-8,relu,gap,fc10&batch=16&opt=adam&lr=0.01';

/** What the CLI's --steps does: a fresh run, N steps, the fingerprint of every parameter. */
function cliFingerprint(q: string, steps: number): string {
  const run = createArchRun(parseQuery(q).config, digits);
  for (let i = 0; i < steps; i++) run.trainStep();
  return parametersFingerprint(run.params.map((p) => p.value));
}

describe('an arch= run in the worker', () => {
  it('trains through the training protocol, A/B variant in lockstep, with the CLI\'s fingerprints bit for bit', async () => {
    const posted: FromWorker[] = [];
    const scheduler = new ManualScheduler(1);
    const handle = createWorkerHandler((m) => posted.push(m), { scheduler, fetchBytes: async () => bytes });
    const withVs = parseQuery(`${query}&vs=init:xavier_normal`).config;
    await handle({ type: 'reset', requestId: 1, config: withVs, dataUrl: DIGITS_URL });
    const ready = posted.at(-1) as Extract<FromWorker, { type: 'trainSnapshot' }>;
    expect(ready.snapshot.status).toBe('ready');
    expect(ready.snapshot.dataset?.imageShape).toEqual([1, 8, 8]);
    expect(ready.snapshot.arch?.units.map((u) => u.shape)).toEqual([[4, 8, 8], [8, 4, 4], [10]]);
    expect(ready.snapshot.arch?.filters?.shape).toEqual([4, 1, 3, 3]);
    await handle({ type: 'step', requestId: 2, config: withVs, count: 25, dataUrl: DIGITS_URL });
    scheduler.run();
    const last = posted.at(-1) as Extract<FromWorker, { type: 'trainSnapshot' }>;
    expect(last.snapshot.status).toBe('paused');
    expect(last.snapshot.metrics.step).toBe(25);
    expect(last.snapshot.variants).toHaveLength(1);
    expect(last.snapshot.variants[0].metrics.step).toBe(25);
    expect(last.snapshot.fingerprint).toBe(cliFingerprint(query, 25));
    expect(last.snapshot.variants[0].fingerprint).toBe(cliFingerprint(`${query}&init=xavier_normal`, 25));
    expect(last.snapshot.fingerprint).not.toBe(last.snapshot.variants[0].fingerprint);
    // step rows: STEP_FIELDS + 4 per unit, one per step
    const steps = posted.flatMap((m) => (m.type === 'trainSnapshot' ? [m.snapshot.steps.rows] : [])).reduce((a, b) => a + b, 0);
    expect(steps).toBe(25);
    // the inspected image's maps follow a request
    await handle({ type: 'inspect', requestId: 3, config: withVs, index: 7 });
    const inspected = posted.at(-1) as Extract<FromWorker, { type: 'trainSnapshot' }>;
    expect(inspected.snapshot.arch?.maps?.index).toBe(7);
    expect(inspected.snapshot.arch?.maps?.layers.map((l) => l.shape)).toEqual([[4, 8, 8], [8, 4, 4], [10]]);
    expect(inspected.snapshot.metrics.step).toBe(25);
    expect(variantsOf(withVs)).toHaveLength(1);
  });

  it('measures the mean-field line per conv unit: n = fan_in, E[z^2] = n E[w^2] E[x^2] on the padded map\'s interior', () => {
    const run = createArchRun(parseQuery('data=digits&arch=conv3-16nb,relu,conv3-16nb,relu,gap,fc10&init=he_normal&batch=64').config, digits);
    const state = run.archState();
    expect(state.units.map((u) => u.fanIn)).toEqual([9, 144, 16]);
    const row = (l: number) => state.stats.subarray(l * ARCH_UNIT_FIELDS.length, (l + 1) * ARCH_UNIT_FIELDS.length);
    // no bias: the prediction is n E[w^2] E[x^2] of the measured input (the first unit's output)
    const meanSq = (a: Float32Array) => a.reduce((s, v) => s + v * v, 0) / a.length;
    const second = row(1), unit = run.net.units[1];
    expect(second[ARCH_UNIT.theory]).toBeCloseTo(144 * meanSq(unit.weight.data) * meanSq(run.cache.taps[0].output.data), 6);
    // real digits are not i.i.d. pixels: the interior (all n terms) is near the line, not on it
    expect(second[ARCH_UNIT.interiorSq] / second[ARCH_UNIT.theory]).toBeGreaterThan(0.8);
    expect(second[ARCH_UNIT.interiorSq] / second[ARCH_UNIT.theory]).toBeLessThan(1.25);
    expect(second[ARCH_UNIT.measuredSq]).toBeLessThan(second[ARCH_UNIT.interiorSq]);
  });

  it('refuses what cannot train on the data, saying why', () => {
    expect(() => createArchRun(parseQuery('data=digits&arch=lenet5').config, digits)).toThrow(/8x8/);
    expect(() => createArchRun(parseQuery('data=digits&arch=conv3-4,relu,gap,fc7').config, digits)).toThrow(/10 classes/);
    expect(() => createArchRun(parseQuery('data=circles&arch=tiny_vgg').config, null)).toThrow(/images/);
  });
});

describe('an arch= run\'s export', () => {
  it('is the CLI\'s format at the step asked, conv weights [out][in/groups][kh][kw], with the run\'s fingerprint', async () => {
    const posted: FromWorker[] = [];
    const handle = createWorkerHandler((m) => posted.push(m), { scheduler: new ManualScheduler(1), fetchBytes: async () => bytes });
    const c = parseQuery(query).config;
    await handle({ type: 'exportModel', requestId: 9, config: c, step: 12, dataUrl: DIGITS_URL });
    const answer = posted.at(-1) as Extract<FromWorker, { type: 'modelExport' }>;
    const json = JSON.parse(answer.json);
    expect(json.format).toBe('layerscope-arch-1');
    expect(json.step).toBe(12);
    expect(json.fingerprint).toBe(cliFingerprint(query, 12));
    expect(json.params[0]).toMatchObject({ module: 0, name: 'weight', shape: [4, 1, 3, 3] });
    expect(json.params.at(-2)).toMatchObject({ name: 'weight', shape: [10, 8] });
  });
});

describe('the keys an arch= run does not use', () => {
  it('are reported (the MLP\'s shape, its batch-norm settings), never silently ignored; the data set\'s training sizes are not', () => {
    const c = parseQuery('data=digits&arch=tiny_vgg&depth=7&norm=batch&bnmom=0.5&testbn=batch&lr=0.01').config;
    expect(archNotApplied(c).map((n) => n.key)).toEqual(['depth', 'norm', 'bnmom', 'testbn']);
    expect(archNotApplied(parseQuery('data=mnist&arch=tiny_vgg').config)).toEqual([]);
  });

  it('the CLI prints them, and each A/B variant\'s fingerprint (the ones the page shows)', () => {
    let out = '';
    const errors: string[] = [];
    const q = `${query}&vs=init:xavier_normal&depth=5`;
    expect(runArchCli(parseQuery(q).config, { steps: 6, digits, write: (t) => { out += t; }, problem: (t) => errors.push(t) })).toBe(0);
    const json = JSON.parse(out);
    expect(json.fingerprint).toBe(cliFingerprint(query, 6));
    expect(json.variants[0].fingerprint).toBe(cliFingerprint(`${query}&init=xavier_normal`, 6));
    expect(errors.some((e) => e.startsWith('probe: depth=5 not applied'))).toBe(true);
  });

  it('another architecture beside it (vs=arch:...): each run trains its own network, page and CLI alike', async () => {
    const other = 'conv3-4nb,bn,relu,max2,gap,fc10';
    const q = `${query}&vs=arch:${encodeURIComponent(other)}`;
    const config = parseQuery(q).config;
    expect(variantsOf(config).map((v) => v.arch)).toEqual([other]);
    const posted: FromWorker[] = [];
    const scheduler = new ManualScheduler(1);
    const handle = createWorkerHandler((m) => posted.push(m), { scheduler, fetchBytes: async () => bytes });
    await handle({ type: 'reset', requestId: 1, config, dataUrl: DIGITS_URL });
    await handle({ type: 'step', requestId: 2, config, count: 12, dataUrl: DIGITS_URL });
    scheduler.run();
    const last = posted.at(-1) as Extract<FromWorker, { type: 'trainSnapshot' }>;
    expect(last.snapshot.arch?.units.map((u) => u.shape)).toEqual([[4, 8, 8], [8, 4, 4], [10]]);
    expect(last.snapshot.variants[0].arch?.units.map((u) => u.shape)).toEqual([[4, 8, 8], [10]]);
    // each run's weight histograms (the prior's panel), one per unit, every weight placed
    expect(last.snapshot.weights?.layers).toBe(3);
    expect(Array.from(last.snapshot.variants[0].weights?.n ?? [])).toEqual([4 * 9, 4 * 10]);
    expect(last.snapshot.variants[0].weights?.counts.reduce((a, b) => a + b, 0)).toBe(4 * 9 + 4 * 10);
    const alone = `data=digits&arch=${encodeURIComponent(other)}&batch=16&opt=adam&lr=0.01`;
    expect(last.snapshot.variants[0].fingerprint).toBe(cliFingerprint(alone, 12));
    let out = '';
    expect(runArchCli(config, { steps: 12, digits, write: (t) => { out += t; }, problem: () => {} })).toBe(0);
    const json = JSON.parse(out);
    expect(json.fingerprint).toBe(last.snapshot.fingerprint);
    expect(json.variants[0].fingerprint).toBe(last.snapshot.variants[0].fingerprint);
  });
});
