import { describe, expect, it } from 'vitest';
import { parseQuery, withConfig, type Config } from '../../engine/contract/config.ts';
import type { TrainSnapshot } from '../../engine/contract/trainLayout.ts';
import type { TrainCommand } from '../engine/engineClient.ts';
import { differsOnlyLive } from '../../engine/contract/training.ts';
import { connectTraining, RUNNING_SILENCE_MS, type WatchdogClock } from './connectTraining.ts';
import { createLabStore } from './labStore.ts';

function fakeClock() {
  let t = 0;
  const timers: (() => void)[] = [];
  const clock: WatchdogClock = { now: () => t, every: (_ms, fn) => { timers.push(fn); return () => timers.splice(timers.indexOf(fn), 1); } };
  return { clock, advance(ms: number) { t += ms; timers.forEach((f) => f()); } };
}

function snapshot(status: TrainSnapshot['status'], step: number): TrainSnapshot {
  const empty = { columns: 0, rows: 0, every: 1, data: new Float64Array(0) };
  return {
    status, divergence: null, stepsPerSecond: 0, probe: null, steps: empty, evals: empty, norm: null, boundary: null, testPredictions: null, dataset: null,
    metrics: { step, epoch: 0, batchLoss: NaN, batchAccuracy: NaN, trainLoss: NaN, trainAccuracy: NaN, testLoss: NaN, testAccuracy: NaN, evaluatedAt: -1 },
  } as TrainSnapshot;
}

function setup(query: string) {
  const store = createLabStore(parseQuery(query));
  const sent: { command: TrainCommand; config: Config }[] = [];
  const { clock, advance } = fakeClock();
  const training = connectTraining(store, { train: (command, config) => sent.push({ command, config }) }, clock);
  return { store, sent, training, advance };
}

describe('connectTraining', () => {
  it('sends nothing for the probe alone (data=none)', () => {
    const { sent, store } = setup('depth=3');
    expect(sent).toEqual([]);
    expect(store.getState().trainStatus).toBe('off');
  });

  it('builds a run for a data set, plays, applies live keys to a running run and resets on the rest', () => {
    const { sent, store, training } = setup('data=circles&depth=2');
    expect(sent.map((m) => m.command.type)).toEqual(['reset']);
    expect(store.getState().trainStatus).toBe('loading');
    store.getState().trainSnapshotArrived(store.getState().config, snapshot('ready', 0));
    training.play();
    store.getState().trainSnapshotArrived(store.getState().config, snapshot('running', 10));
    store.getState().setConfig({ lr: 0.5 });
    expect(sent[sent.length - 1]).toMatchObject({ command: { type: 'play' }, config: { lr: 0.5 } });
    store.getState().setConfig({ depth: 4 });
    expect(sent[sent.length - 1]).toMatchObject({ command: { type: 'reset' }, config: { depth: 4 } });
    training.step(5);
    expect(sent[sent.length - 1]).toMatchObject({ command: { type: 'step', count: 5 } });
  });

  it('re-evaluates at once when the test-time statistics switch on a paused run', () => {
    const { sent, store } = setup('data=circles&norm=batch');
    store.getState().trainSnapshotArrived(store.getState().config, snapshot('paused', 100));
    store.getState().setConfig({ testbn: 'batch' });
    expect(sent[sent.length - 1]).toMatchObject({ command: { type: 'step', count: 0 }, config: { testbn: 'batch' } });
  });

  it('shows a new prior at once on a paused run (its term and curve), and changes nothing else', () => {
    const { sent, store } = setup('data=circles&wd=0.01');
    store.getState().trainSnapshotArrived(store.getState().config, snapshot('paused', 100));
    const before = sent.length;
    store.getState().setConfig({ prior: 'laplace' });
    expect(sent[sent.length - 1]).toMatchObject({ command: { type: 'step', count: 0 }, config: { prior: 'laplace' } });
    store.getState().setConfig({ decay: 'decoupled' });
    expect(sent[sent.length - 1]).toMatchObject({ command: { type: 'step', count: 0 }, config: { decay: 'decoupled' } });
    expect(sent.length).toBe(before + 2);
  });

  it('switches training off when the data set goes, and refuses what cannot be trained', () => {
    const { sent, store } = setup('data=circles');
    store.getState().trainSnapshotArrived(store.getState().config, snapshot('ready', 0));
    store.getState().setConfig({ data: 'none' });
    expect(sent[sent.length - 1].command.type).toBe('pause');
    expect(store.getState().trainStatus).toBe('off');
    expect(store.getState().train).toBeNull();
    store.getState().setConfig({ data: 'circles', norm: 'batch', batch: 1 });
    expect(store.getState().trainStatus).toBe('error');
    expect(store.getState().trainError).toMatch(/at least 2 examples/);
  });

  it('says the engine stopped responding when a running worker goes silent', () => {
    const { store, advance } = setup('data=circles&depth=2&width=8&batch=16');
    store.getState().trainSnapshotArrived(store.getState().config, snapshot('running', 1));
    advance(1000);
    expect(store.getState().trainStatus).toBe('running');
    advance(RUNNING_SILENCE_MS + 1000);
    expect(store.getState().trainStatus).toBe('error');
    expect(store.getState().trainError).toMatch(/stopped responding/);
    expect(store.getState().status).toBe('error'); // the engine notice, with its Restart button
  });

  it('knows which keys are live', () => {
    expect(differsOnlyLive(withConfig({ lr: 0.1 }), withConfig({ lr: 0.2, wd: 0.01 }))).toBe(true);
    expect(differsOnlyLive(withConfig({ lr: 0.1 }), withConfig({ depth: 3 }))).toBe(false);
  });
});

describe('the training slice', () => {
  it('starts the history over when the run is reset to step 0', () => {
    const store = createLabStore(parseQuery('data=circles&depth=1'));
    const rows = (n: number, from: number) => ({ columns: 3, rows: n, every: 1, data: Float64Array.from({ length: 3 * n }, (_, i) => (i % 3 === 0 ? from + i / 3 : 0)) });
    const config = store.getState().config;
    store.getState().trainSnapshotArrived(config, { ...snapshot('running', 10), steps: rows(10, 1) });
    expect(store.getState().train!.history.steps!.rows).toBe(10);
    store.getState().trainSnapshotArrived(config, snapshot('ready', 0));
    expect(store.getState().train!.history.steps).toBeNull();
    store.getState().trainSnapshotArrived(config, { ...snapshot('running', 3), steps: rows(3, 1) });
    expect(store.getState().train!.history.steps!.rows).toBe(3);
  });
});
