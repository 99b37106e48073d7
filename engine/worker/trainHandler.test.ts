import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseQuery, variantOf, variantsOf, withConfig, type Config } from '../contract/config.ts';
import { runProbe } from '../experiment.ts';
import type { FromWorker, ToWorker } from '../contract/protocol.ts';
import { createWorkerHandler } from './workerHandler.ts';
import { ManualScheduler } from '../testing/manualScheduler.ts';
import { exportModel } from '../export/model.ts';
import { parseDigits } from '../data/digits.ts';

const DIGITS_URL = 'https://lab.example/layerscope/digits.bin';
const digitsBytes = new Uint8Array(readFileSync(new URL('../../public/digits.bin', import.meta.url)));

function setup() {
  const posted: FromWorker[] = [];
  const fetched: string[] = [];
  const scheduler = new ManualScheduler(1);
  const handle = createWorkerHandler((m) => posted.push(m), {
    scheduler,
    fetchBytes: async (url) => {
      fetched.push(url);
      if (url !== DIGITS_URL) throw new Error(`could not load ${url}: HTTP 404`);
      return digitsBytes;
    },
  });
  const send = async (m: ToWorker) => { await handle(m); };
  const snapshots = () => posted.flatMap((m) => (m.type === 'trainSnapshot' ? [m] : []));
  const last = () => posted.at(-1)!;
  return { posted, fetched, scheduler, send, snapshots, last };
}

const circles: Config = parseQuery('data=circles&depth=2&width=8&batch=16').config;

describe('the worker handler\'s training messages', () => {
  it('reset answers with a "ready" snapshot at step 0; play streams; pause stops, all tagged with the newest requestId', async () => {
    const w = setup();
    await w.send({ type: 'reset', requestId: 1, config: circles });
    expect(w.last()).toMatchObject({ type: 'trainSnapshot', requestId: 1, snapshot: { status: 'ready', metrics: { step: 0 } } });
    await w.send({ type: 'play', requestId: 2, config: circles });
    w.scheduler.run(30);
    const running = w.snapshots().filter((m) => m.snapshot.status === 'running');
    expect(running.length).toBeGreaterThan(0);
    expect(running.every((m) => m.requestId === 2)).toBe(true);
    await w.send({ type: 'pause', requestId: 3, config: circles });
    expect(w.last()).toMatchObject({ type: 'trainSnapshot', requestId: 3, snapshot: { status: 'paused' } });
    const step = (w.last() as Extract<FromWorker, { type: 'trainSnapshot' }>).snapshot.metrics.step;
    w.scheduler.run();
    expect(w.snapshots().at(-1)!.snapshot.metrics.step).toBe(step);
  });

  it('exportModel answers with the model\'s JSON (a replay to the step, the digits fetched from dataUrl) and leaves the run as it was', async () => {
    const w = setup();
    await w.send({ type: 'step', requestId: 1, config: circles, count: 4 });
    w.scheduler.run();
    const digits = parseQuery('data=digits&depth=1&width=8&batch=16').config;
    await w.send({ type: 'exportModel', requestId: 2, config: digits, step: 3, dataUrl: DIGITS_URL });
    expect(w.last()).toEqual({ type: 'modelExport', requestId: 2, json: JSON.stringify(exportModel(digits, 3, parseDigits(digitsBytes))) });
    await w.send({ type: 'exportModel', requestId: 3, config: parseQuery('depth=2&width=4&batch=4').config, step: 0 });
    expect(JSON.parse((w.last() as Extract<FromWorker, { type: 'modelExport' }>).json)).toHaveProperty('layers');
    await w.send({ type: 'exportModel', requestId: 4, config: digits, step: 3 });
    expect(w.last()).toMatchObject({ type: 'error', requestId: 4, message: expect.stringMatching(/dataUrl/) });
    await w.send({ type: 'step', requestId: 5, config: circles, count: 1 });
    w.scheduler.run();
    expect(w.snapshots().at(-1)!.snapshot.metrics.step).toBe(5); // the run went on from step 4
  });

  it('play with a new learning rate keeps the run; a new width starts a new one at step 0', async () => {
    const w = setup();
    await w.send({ type: 'step', requestId: 1, config: circles, count: 10 });
    w.scheduler.run();
    expect(w.snapshots().at(-1)!.snapshot.metrics.step).toBe(10);
    await w.send({ type: 'step', requestId: 2, config: { ...circles, lr: 0.01 }, count: 5 });
    w.scheduler.run();
    expect(w.snapshots().at(-1)!.snapshot.metrics.step).toBe(15);
    await w.send({ type: 'step', requestId: 3, config: { ...circles, width: 9 }, count: 5 });
    const fresh = w.snapshots().filter((m) => m.requestId === 3);
    expect(fresh[0].snapshot).toMatchObject({ status: 'ready', metrics: { step: 0 } });
    expect(fresh[0].snapshot.dataset).not.toBeNull();
    w.scheduler.run();
    expect(w.snapshots().at(-1)!.snapshot.metrics.step).toBe(5);
  });

  it('digits: fetched once from dataUrl, then reused', async () => {
    const w = setup();
    const digits = withConfig({ data: 'digits', depth: 1, width: 8, batch: 32 });
    await w.send({ type: 'reset', requestId: 1, config: digits, dataUrl: DIGITS_URL });
    expect(w.last()).toMatchObject({ type: 'trainSnapshot', snapshot: { status: 'ready', dataset: { name: 'digits', inputWidth: 64, classes: 10, testCount: 359, standardized: true } } });
    await w.send({ type: 'reset', requestId: 2, config: { ...digits, seed: 2 }, dataUrl: DIGITS_URL });
    expect(w.fetched).toEqual([DIGITS_URL]);
  });

  it('failures come back as errors with the failing requestId, never a throw', async () => {
    const w = setup();
    await w.send({ type: 'pause', requestId: 1, config: circles });
    expect(w.last()).toMatchObject({ type: 'error', requestId: 1, message: expect.stringMatching(/nothing to pause/) });
    await w.send({ type: 'play', requestId: 2, config: withConfig({}) });
    expect(w.last()).toMatchObject({ type: 'error', requestId: 2, message: expect.stringMatching(/data=none/) });
    await w.send({ type: 'reset', requestId: 3, config: withConfig({ data: 'digits' }) });
    expect(w.last()).toMatchObject({ type: 'error', requestId: 3, message: expect.stringMatching(/dataUrl/) });
    await w.send({ type: 'reset', requestId: 4, config: withConfig({ data: 'digits' }), dataUrl: 'https://elsewhere/digits.bin' });
    expect(w.last()).toMatchObject({ type: 'error', requestId: 4, message: expect.stringMatching(/HTTP 404/) });
    await w.send({ type: 'reset', requestId: 5, config: withConfig({ data: 'moons', norm: 'batch', batch: 1 }) });
    expect(w.last()).toMatchObject({ type: 'error', requestId: 5, message: expect.stringMatching(/at least 2 examples/) });
  });

  it('a probe request is still answered while a run plays', async () => {
    const w = setup();
    await w.send({ type: 'play', requestId: 1, config: circles });
    w.scheduler.run(3);
    await w.send({ type: 'configure', requestId: 2, config: withConfig({ depth: 2, width: 8, batch: 8 }) });
    expect(w.last()).toMatchObject({ type: 'snapshot', requestId: 2 });
    w.scheduler.run(3);
    expect(w.last()).toMatchObject({ type: 'trainSnapshot', snapshot: { status: 'running' } });
  });
  it('vs: a variant run beside the primary; the same vs keeps both, another vs starts both again', async () => {
    const w = setup();
    const ab = { ...circles, vs: 'norm:batch' };
    await w.send({ type: 'step', requestId: 1, config: ab, count: 10 });
    w.scheduler.run();
    const first = w.snapshots().at(-1)!.snapshot;
    expect(first).toMatchObject({ status: 'paused', metrics: { step: 10 }, variant: { status: 'paused', metrics: { step: 10 }, dataset: null } });
    expect(first.variant!.norm).not.toBeNull();
    await w.send({ type: 'step', requestId: 2, config: { ...ab, lr: 0.05 }, count: 5 }); // live: kept
    w.scheduler.run();
    expect(w.snapshots().at(-1)!.snapshot).toMatchObject({ metrics: { step: 15 }, variant: { metrics: { step: 15 } } });
    await w.send({ type: 'step', requestId: 3, config: { ...ab, lr: 0.05, vs: 'norm:batch,bnpos:after' }, count: 5 }); // vs is not live
    expect(w.snapshots().filter((m) => m.requestId === 3)[0].snapshot).toMatchObject({ status: 'ready', metrics: { step: 0 }, variant: { metrics: { step: 0 } } });
    await w.send({ type: 'reset', requestId: 4, config: { ...ab, lr: 0.05 } });
    expect(w.last()).toMatchObject({ snapshot: { status: 'ready', variant: { status: 'ready' } } });
    await w.send({ type: 'reset', requestId: 5, config: circles });
    expect(w.last()).toMatchObject({ snapshot: { status: 'ready', variant: null } });
  }, 20_000);

  it('a variant that cannot be trained is an error naming it', async () => {
    const w = setup();
    await w.send({ type: 'reset', requestId: 1, config: withConfig({ data: 'moons', batch: 1, vs: 'norm:batch' }) });
    expect(w.last()).toMatchObject({ type: 'error', requestId: 1, message: 'the run "with batch norm": batch norm needs at least 2 examples per batch to estimate a variance; batch is 1' });
  }, 20_000);

  it('configure answers with the variant\'s probe too (null without vs, or when it is too big)', async () => {
    const w = setup();
    const config = withConfig({ depth: 3, width: 8, batch: 8, vs: 'act:relu,init:he_normal' });
    await w.send({ type: 'configure', requestId: 1, config });
    const answer = w.last() as Extract<FromWorker, { type: 'snapshot' }>;
    expect(answer).toMatchObject({ type: 'snapshot', requestId: 1, variantProblems: [null] });
    expect(answer.variantProbes[0]!.stats).toEqual(runProbe(variantOf(config)!).probe.stats);
    expect(answer.probe.stats).toEqual(runProbe(config).probe.stats);
    expect(answer.variantProbes[0]!.stats).not.toEqual(answer.probe.stats);
    await w.send({ type: 'configure', requestId: 2, config: { ...config, vs: '' } });
    expect(w.last()).toMatchObject({ type: 'snapshot', requestId: 2, variantProbes: [], variantProblems: [] });
    await w.send({ type: 'configure', requestId: 3, config: { ...config, vs: 'depth:200,width:1024,batch:4096' } });
    expect(w.last()).toMatchObject({ type: 'snapshot', requestId: 3, variantProbes: [null], variantProblems: [expect.stringMatching(/more than a browser tab/)] });
  }, 20_000);

  it('several variants: configure answers with each one\'s probe in vs order (null and a problem for one too big)', async () => {
    const w = setup();
    const config = withConfig({ depth: 4, width: 8, batch: 8, act: 'relu', init: 'he_normal', vs: 'residual:1;depth:200,width:1024,batch:4096;residual:1,resform:pre' });
    await w.send({ type: 'configure', requestId: 1, config });
    const answer = w.last() as Extract<FromWorker, { type: 'snapshot' }>;
    const variants = variantsOf(config);
    expect(answer.variantProbes!.map((p) => p === null)).toEqual([false, true, false]);
    expect(answer.variantProbes![0]!.stats).toEqual(runProbe(variants[0]).probe.stats);
    expect(answer.variantProbes![2]!.stats).toEqual(runProbe(variants[2]).probe.stats);
    expect(answer.variantProblems.map((p) => p !== null)).toEqual([false, true, false]);
    expect(answer.variantProblems[1]).toMatch(/^This experiment \(200 layers/);
    await w.send({ type: 'configure', requestId: 2, config: { ...config, vs: '' } });
    expect(w.last()).toMatchObject({ variantProbes: [], variantProblems: [] });
  }, 60_000);

  it('several variants train in lockstep: snapshot.variants in vs order (variant is the first); one that cannot be trained is named', async () => {
    const w = setup();
    const config = parseQuery('data=circles&depth=4&width=8&batch=16&vs=depth:2;residual:1;residual:1,aux1:2').config;
    await w.send({ type: 'step', requestId: 1, config, count: 6 });
    w.scheduler.run();
    const s = w.snapshots().at(-1)!.snapshot;
    expect(s.variants.map((v) => [v.status, v.metrics.step, v.dataset])).toEqual([['paused', 6, null], ['paused', 6, null], ['paused', 6, null]]);
    expect(s.variant).toBe(s.variants[0]);
    expect(s.variants[2].metrics.auxLosses[0]).toBeGreaterThan(0);
    await w.send({ type: 'reset', requestId: 2, config: { ...config, vs: 'depth:2;aux1:9' } });
    expect(w.last()).toMatchObject({ type: 'error', requestId: 2, message: 'the run "4 layers, auxiliary head on layer 9": aux1=9 puts an auxiliary classifier on hidden layer 9, but the network has 4 hidden layers; use 1..4 (0 for none)' });
  }, 60_000);
});
