import { describe, expect, it } from 'vitest';
import { parseQuery } from '../config.ts';
import { ManualScheduler } from '../testing/manualScheduler.ts';
import { trainSnapshotTransferables, type TrainSnapshot } from './snapshot.ts';
import { createDefaultScheduler, DEFAULT_TIMING, TrainLoop } from './trainLoop.ts';
import { Trainer } from './trainer.ts';

function setup(query = 'data=circles&depth=2&width=8&batch=16&evalevery=20') {
  const snapshots: TrainSnapshot[] = [];
  const scheduler = new ManualScheduler(1); // every clock read is 1 ms: a step "takes" ~1 ms
  const loop = new TrainLoop((s) => snapshots.push(s), scheduler);
  const trainer = new Trainer(parseQuery(query).config, null);
  loop.load(trainer);
  return { snapshots, scheduler, loop, trainer };
}

/** All step rows the snapshots carried, in order (the step column). */
const stepsCarried = (snapshots: TrainSnapshot[]) =>
  snapshots.flatMap((s) => Array.from({ length: s.steps.rows }, (_, r) => s.steps.data[r * s.steps.columns]));

describe('TrainLoop', () => {
  it('load: one "ready" snapshot at step 0 with the data set, the probe, a boundary and the step-0 evaluation', () => {
    const { snapshots } = setup();
    expect(snapshots).toHaveLength(1);
    const s = snapshots[0];
    expect(s.status).toBe('ready');
    expect(s.metrics.step).toBe(0);
    expect(s.dataset).toMatchObject({ name: 'circles', inputWidth: 2, classes: 2, trainCount: 400, testCount: 100 });
    expect(s.probe?.depth).toBe(3);
    expect(s.boundary?.probs.length).toBe(48 * 48 * 2);
    expect(s.evals.rows).toBe(1);
    expect(s.testPredictions?.length).toBe(100);
    expect(s.steps.rows).toBe(0);
  });

  it('play: chunks of ~10 ms, at most one snapshot per 16 ms, every step reported once and in order', () => {
    const { snapshots, scheduler, loop, trainer } = setup();
    loop.play();
    scheduler.run(40);
    const running = snapshots.filter((s) => s.status === 'running');
    expect(running.length).toBeGreaterThan(5);
    // each tick trains ~chunkMs / 1 ms steps; snapshots need 16 ms between them
    expect(running.length).toBeLessThanOrEqual(scheduler.time / DEFAULT_TIMING.snapshotMs + 1);
    expect(trainer.step).toBeGreaterThan(40 * 5);
    loop.pause();
    expect(snapshots.at(-1)!.status).toBe('paused');
    const carried = stepsCarried(snapshots);
    expect(carried).toEqual(Array.from({ length: trainer.step }, (_, i) => i + 1));
    for (const s of running) expect(s.stepsPerSecond).toBeGreaterThan(0);
    // evaluations every 20 steps, each reported once, with predictions alongside
    const evalSteps = snapshots.flatMap((s) => Array.from({ length: s.evals.rows }, (_, r) => s.evals.data[r * s.evals.columns]));
    expect(evalSteps).toEqual(Array.from({ length: Math.floor(trainer.step / 20) + 1 }, (_, i) => 20 * i));
  });

  it('pause: no step runs after it, even from a chunk already queued', () => {
    const { scheduler, loop, trainer } = setup();
    loop.play();
    scheduler.run(3);
    loop.pause();
    const at = trainer.step;
    scheduler.run();
    expect(trainer.step).toBe(at);
    expect(loop.status).toBe('paused');
  });

  it('step(n): exactly n more steps, then one "paused" snapshot', () => {
    const { snapshots, scheduler, loop, trainer } = setup();
    loop.step(1);
    scheduler.run();
    expect(trainer.step).toBe(1);
    expect(snapshots.at(-1)).toMatchObject({ status: 'paused', metrics: { step: 1 } });
    loop.step(37);
    scheduler.run();
    expect(trainer.step).toBe(38);
    expect(snapshots.at(-1)!.status).toBe('paused');
    expect(stepsCarried(snapshots)).toEqual(Array.from({ length: 38 }, (_, i) => i + 1));
  });

  it('divergence: a "diverged" snapshot with the message; play again changes nothing', () => {
    const { snapshots, scheduler, loop, trainer } = setup('data=circles&depth=2&width=16&act=linear&lr=10');
    loop.play();
    scheduler.run();
    const last = snapshots.at(-1)!;
    expect(last.status).toBe('diverged');
    expect(last.divergence).toMatch(/diverged at step \d+/);
    const at = trainer.step;
    loop.play();
    scheduler.run();
    expect(trainer.step).toBe(at);
    expect(snapshots.at(-1)!.status).toBe('diverged');
  });

  it('reset: back to step 0 with a "ready" snapshot; the replay posts the same numbers', () => {
    const { snapshots, scheduler, loop } = setup();
    loop.step(30);
    scheduler.run();
    const first = snapshots.at(-1)!;
    loop.reset();
    expect(snapshots.at(-1)).toMatchObject({ status: 'ready', metrics: { step: 0 }, dataset: null });
    loop.step(30);
    scheduler.run();
    expect(snapshots.at(-1)!.metrics).toEqual(first.metrics);
  });

  it('a snapshot\'s arrays can be transferred: no buffer listed twice, all detached after the move', () => {
    const { snapshots, scheduler, loop } = setup('data=spiral&depth=2&width=8&norm=batch');
    loop.step(5);
    scheduler.run();
    for (const s of [snapshots[0], snapshots.at(-1)!]) {
      const transfer = trainSnapshotTransferables(s);
      expect(new Set(transfer).size).toBe(transfer.length);
      const normLength = s.norm!.length;
      const moved = structuredClone(s, { transfer }) as TrainSnapshot;
      expect(moved.metrics).toEqual(s.metrics);
      expect(moved.norm!.length).toBe(normLength);
      expect(s.steps.data.byteLength).toBe(0); // detached: transferred, not copied
    }
  });

  it('with the real clock and the default scheduler: other tasks run between chunks, snapshots >= 16 ms apart', async () => {
    const posted: { snapshot: TrainSnapshot; at: number }[] = [];
    const loop = new TrainLoop((snapshot) => posted.push({ snapshot, at: performance.now() })); // the default scheduler
    const trainer = new Trainer(parseQuery('data=circles&depth=2&width=8&batch=16').config, null);
    loop.load(trainer);
    loop.play();
    // a timer stands in for the page's 'pause' message: it only fires if the loop yields
    await new Promise((resolve) => setTimeout(resolve, 150));
    loop.pause();
    const stopped = trainer.step;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(trainer.step).toBe(stopped);
    expect(stopped).toBeGreaterThan(0);
    const running = posted.filter((p) => p.snapshot.status === 'running');
    expect(running.length).toBeGreaterThan(0);
    for (let i = 1; i < running.length; i++) expect(running[i].at - running[i - 1].at).toBeGreaterThanOrEqual(DEFAULT_TIMING.snapshotMs - 0.5);
    expect(posted.at(-1)!.snapshot.status).toBe('paused');
  });

  it('the browser path (MessageChannel, when there is no setImmediate) runs deferred tasks in order', async () => {
    const saved = globalThis.setImmediate;
    let scheduler: ReturnType<typeof createDefaultScheduler>;
    try {
      (globalThis as { setImmediate?: unknown }).setImmediate = undefined;
      scheduler = createDefaultScheduler();
    } finally {
      globalThis.setImmediate = saved;
    }
    const order: number[] = [];
    await new Promise<void>((resolve) => {
      scheduler.defer(() => order.push(1));
      scheduler.defer(() => { order.push(2); scheduler.defer(() => { order.push(3); resolve(); }); });
    });
    expect(order).toEqual([1, 2, 3]);
  });
});
