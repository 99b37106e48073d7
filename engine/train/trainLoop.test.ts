import { describe, expect, it } from 'vitest';
import { parseQuery, variantOf, variantsOf, type Config } from '../contract/config.ts';
import { ManualScheduler } from '../testing/manualScheduler.ts';
import { trainSnapshotTransferables } from './snapshot.ts';
import { type TrainSnapshot } from '../contract/trainLayout.ts';
import { createDefaultScheduler, DEFAULT_TIMING, TrainLoop } from './trainLoop.ts';
import { icsColumns } from '../contract/trainLayout.ts';
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

  it('paced by the page: once it says "drawn", the next running snapshot waits for the last to be drawn (or drawWaitMs); no step is lost', () => {
    const { snapshots, scheduler, loop, trainer } = setup();
    loop.drawn(); // the page draws the 'ready' snapshot: from now on the loop is paced
    loop.play();
    scheduler.run(40);
    const firstBurst = snapshots.filter((s) => s.status === 'running');
    expect(firstBurst).toHaveLength(1); // posted, never drawn: nothing more until drawn or the wait runs out
    const shownAt = trainer.step;
    loop.drawn();
    scheduler.run(40);
    const running = snapshots.filter((s) => s.status === 'running');
    expect(running).toHaveLength(2); // one more, then waiting again
    expect(running[1].metrics.step).toBeGreaterThan(shownAt);
    // A page that never draws (a hidden tab) still hears about once per drawWaitMs.
    const before = running.length;
    const startedAt = scheduler.time;
    scheduler.run(300);
    const waited = snapshots.filter((s) => s.status === 'running').length - before;
    const drawWaitMs = DEFAULT_TIMING.drawWaitMs ?? 1000;
    expect(waited).toBeLessThanOrEqual(Math.ceil((scheduler.time - startedAt) / drawWaitMs) + 1);
    expect(waited).toBeGreaterThanOrEqual(Math.floor((scheduler.time - startedAt) / drawWaitMs) - 1);
    loop.pause();
    expect(snapshots.at(-1)!.status).toBe('paused'); // pause is always answered, drawn or not
    expect(stepsCarried(snapshots)).toEqual(Array.from({ length: trainer.step }, (_, i) => i + 1));
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

  it('Play answers after one lockstep pass, Pause at once with the numbers; the probe and boundary follow unless Play comes first', () => {
    const { snapshots, scheduler, loop, trainer } = setup();
    loop.play();
    scheduler.run(1);
    expect(snapshots.at(-1)).toMatchObject({ status: 'running', probe: null, boundary: null });
    expect(snapshots.at(-1)!.metrics.step).toBe(1);
    scheduler.run(5);
    const before = snapshots.length;
    loop.pause();
    expect(snapshots).toHaveLength(before + 1);
    expect(snapshots.at(-1)).toMatchObject({ status: 'paused', probe: null, boundary: null, metrics: { step: trainer.step, evaluatedAt: trainer.step } });
    scheduler.run();
    expect(snapshots).toHaveLength(before + 2);
    expect(snapshots.at(-1)!.status).toBe('paused');
    expect(snapshots.at(-1)!.probe).not.toBeNull();
    expect(snapshots.at(-1)!.boundary).not.toBeNull();
    loop.pause();
    loop.play(); // before the extras' task runs: it is dropped
    scheduler.run(1);
    expect(snapshots.filter((s) => s.status === 'paused' && s.probe !== null)).toHaveLength(1);
    expect(loop.status).toBe('running');
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

/** Everything a run's numbers depend on, as bytes. */
function runState(t: Trainer): Uint8Array[] {
  const bytes = (a: Float32Array | Float64Array | Int32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const m = t.metrics;
  return [
    ...t.params.map((p) => bytes(p.value)),
    ...t.net.units.flatMap((l) => (l.norm ? [bytes(l.norm.runningMean.data), bytes(l.norm.runningVar.data)] : [])),
    bytes(Float64Array.of(m.step, m.batchLoss, m.trainLoss, m.testLoss, m.testAccuracy)),
    bytes(t.evalHistory.chunk().data),
    bytes(t.icsHistory.chunk().data),
    bytes(t.stepRow),
  ];
}

/** The step column of every row of a series the snapshots carried, in order. */
const rowsCarried = (chunks: { rows: number; columns: number; data: Float64Array }[]) =>
  chunks.flatMap((c) => Array.from({ length: c.rows }, (_, r) => c.data[r * c.columns]));

describe('TrainLoop: test numbers that belong to the step shown', () => {
  it('Pause, Step and every 0.5 s of play evaluate the test set at the current step; the run itself is the same bit for bit', () => {
    const { snapshots, scheduler, loop, trainer } = setup('data=circles&depth=2&width=8&batch=16&evalevery=1000');
    loop.step(7);
    scheduler.run();
    const stepped = snapshots.at(-1)!;
    expect(stepped.status).toBe('paused');
    expect(stepped.metrics.step).toBe(7);
    expect(stepped.metrics.evaluatedAt).toBe(7);
    expect(Number.isFinite(stepped.metrics.testAccuracy)).toBe(true);
    expect(rowsCarried([stepped.evals])).toEqual([]); // not a row of the history: the curves keep the scheduled evaluations
    expect(stepped.testPredictions).not.toBeNull();
    loop.play();
    scheduler.run(300); // ~3 s of the manual clock
    loop.pause();
    const paused = snapshots.at(-1)!;
    expect(paused.metrics.evaluatedAt).toBe(trainer.step);
    // only the scheduled rows (evalevery=1000) reach the history
    expect(rowsCarried(snapshots.map((s) => s.evals))).toEqual(Array.from({ length: Math.floor(trainer.step / 1000) + 1 }, (_, i) => 1000 * i));
    const during = [...new Set(snapshots.filter((s) => s.status === 'running').map((s) => s.metrics.evaluatedAt))].filter((step) => step > 7);
    expect(during.length, `evaluations while playing: ${during.join(', ')}`).toBeGreaterThanOrEqual(3);
    // every running snapshot's test numbers are at most ~0.5 s of steps old
    for (const s of snapshots.filter((x) => x.status === 'running')) expect(s.metrics.evaluatedAt).toBeGreaterThan(0);
    const alone = new Trainer(trainer.config, null);
    alone.run(trainer.step);
    expect(runState(trainer)).toEqual(runState(alone));
  });
  it('an evaluation that costs much (LeNet-5 on 1,200 test images) waits 8 times its cost: it takes at most ~1/9 of the time', () => {
    const { snapshots, scheduler, loop, trainer } = setup('data=circles&depth=2&width=8&batch=16&evalevery=100000');
    const evaluate = trainer.evaluateExtra.bind(trainer);
    let evaluations = 0;
    trainer.evaluateExtra = () => {
      scheduler.time += 200; // the pass over the test set takes 200 ms of the loop's clock
      evaluations++;
      return evaluate();
    };
    loop.play();
    const start = scheduler.time;
    scheduler.run(2000);
    const elapsed = scheduler.time - start;
    loop.pause();
    expect(evaluations).toBeGreaterThanOrEqual(2); // still evaluated while playing
    expect((evaluations * 200) / elapsed).toBeLessThan(1 / 8);
    expect(snapshots.at(-1)!.metrics.evaluatedAt).toBe(trainer.step); // and at the pause, whatever it costs
  });
});

describe('TrainLoop: internal covariate shift series', () => {
  it('every measurement reaches the page once, in order, icsColumns(depth) wide', () => {
    const { snapshots, scheduler, loop, trainer } = setup('data=circles&depth=2&width=8&batch=16&evalevery=10');
    loop.play();
    scheduler.run(60);
    loop.pause();
    expect(snapshots[0].ics.rows).toBe(0); // nothing at step 0
    for (const s of snapshots) expect(s.ics.columns).toBe(icsColumns(2));
    const carried = rowsCarried(snapshots.map((s) => s.ics));
    expect(carried.length).toBeGreaterThan(3);
    expect(carried).toEqual(Array.from({ length: Math.floor(trainer.step / 10) }, (_, i) => 10 * (i + 1)));
  }, 20_000);
});

describe('TrainLoop: the A/B variant in lockstep', () => {
  function lockstep(query: string) {
    const config = parseQuery(query).config;
    const snapshots: TrainSnapshot[] = [];
    const scheduler = new ManualScheduler(1);
    const loop = new TrainLoop((s) => snapshots.push(s), scheduler);
    loop.load(new Trainer(config, null), new Trainer(variantOf(config)!, null));
    return { config, snapshots, scheduler, loop };
  }
  const alone = (config: Config, steps: number) => {
    const t = new Trainer(config, null);
    t.run(steps);
    return t;
  };

  it('both runs take the same steps; each equals its config trained alone, bit for bit', () => {
    const { config, snapshots, scheduler, loop } = lockstep('data=spiral&depth=3&width=8&batch=16&act=sigmoid&lr=0.5&evalevery=10&vs=norm:batch,init:he_normal');
    expect(snapshots[0].variant).toMatchObject({ status: 'ready', metrics: { step: 0 }, dataset: null, variant: null });
    expect(snapshots[0].variant!.evals.rows).toBe(1);
    loop.play();
    scheduler.run(25);
    loop.step(7); // a step count on top of play: both stop together
    scheduler.run();
    const primary = (loop.trainer as Trainer), variant = (loop.variant as Trainer);
    expect(variant.step).toBe(primary.step);
    expect(primary.step).toBeGreaterThan(50);
    expect(variant.config).toEqual({ ...config, norm: 'batch', init: 'he_normal', vs: '' });
    expect(runState(primary)).toEqual(runState(alone({ ...config, vs: '' }, primary.step)));
    expect(runState(variant)).toEqual(runState(alone(variantOf(config)!, variant.step)));
    // each run's rows reach the page once, in order
    const last = snapshots.at(-1)!;
    expect(last.status).toBe('paused');
    expect(last.variant!.status).toBe('paused');
    const steps = Array.from({ length: primary.step }, (_, i) => i + 1);
    expect(stepsCarried(snapshots)).toEqual(steps);
    expect(stepsCarried(snapshots.map((s) => s.variant!))).toEqual(steps);
    expect(rowsCarried(snapshots.map((s) => s.variant!.ics))).toEqual(rowsCarried(snapshots.map((s) => s.ics)));
    expect(last.variant!.norm).not.toBeNull();
    expect(last.norm).toBeNull();
  }, 20_000);

  it('live keys reach both runs, except one the variant overrides', () => {
    const { config, loop } = lockstep('data=circles&depth=1&width=4&vs=lr:0.01,norm:batch');
    expect(loop.applyLive({ ...config, lr: 0.5, wd: 0.1 })).toBe(true);
    expect([(loop.trainer as Trainer).settings.lr, (loop.trainer as Trainer).settings.wd]).toEqual([0.5, 0.1]);
    expect([(loop.variant as Trainer).settings.lr, (loop.variant as Trainer).settings.wd]).toEqual([0.01, 0.1]);
    expect(loop.applyLive({ ...config, vs: 'lr:0.02,norm:batch' })).toBe(false); // another variant: new runs
    expect(loop.applyLive({ ...config, vs: '' })).toBe(false);
  }, 20_000);

  it('when one run diverges the other goes on; the loop is "diverged" only when both have', () => {
    const { snapshots, scheduler, loop } = lockstep('data=circles&depth=2&width=16&act=linear&evalevery=10&vs=lr:10');
    loop.play();
    scheduler.run(30);
    const variant = (loop.variant as Trainer), primary = (loop.trainer as Trainer);
    expect(variant.divergence).not.toBeNull();
    expect(primary.divergence).toBeNull();
    expect(primary.step).toBeGreaterThan(variant.step);
    const s = snapshots.at(-1)!;
    expect(s.status).toBe('running');
    expect(s.variant).toMatchObject({ status: 'diverged', divergence: expect.stringMatching(/diverged at step|overflowed at step/) });
    loop.pause();
    expect(snapshots.at(-1)).toMatchObject({ status: 'paused', divergence: null, variant: { status: 'diverged' } });
    const at = primary.step;
    loop.step(5); // counts from the run still going
    scheduler.run();
    expect(primary.step).toBe(at + 5);
    expect(variant.step).toBeLessThan(at);
  }, 20_000);

  it('both diverged: "diverged", and play does nothing', () => {
    const { snapshots, scheduler, loop } = lockstep('data=circles&depth=2&width=16&act=linear&lr=10&vs=lr:9');
    loop.play();
    scheduler.run();
    expect(snapshots.at(-1)).toMatchObject({ status: 'diverged', variant: { status: 'diverged' } });
    loop.play();
    scheduler.run();
    expect(snapshots.at(-1)!.status).toBe('diverged');
  }, 20_000);

  it('reset: both back to step 0; a variant snapshot\'s arrays transfer with the primary\'s', () => {
    const { snapshots, scheduler, loop } = lockstep('data=spiral&depth=2&width=8&batch=16&evalevery=5&vs=norm:batch');
    loop.step(12);
    scheduler.run();
    const before = snapshots.at(-1)!;
    const transfer = trainSnapshotTransferables(before);
    expect(new Set(transfer).size).toBe(transfer.length);
    expect(transfer).toContain(before.variant!.steps.data.buffer);
    expect(transfer).toContain(before.variant!.ics.data.buffer);
    const metrics = before.variant!.metrics;
    loop.reset();
    expect(snapshots.at(-1)).toMatchObject({ status: 'ready', metrics: { step: 0 }, variant: { status: 'ready', metrics: { step: 0 } } });
    loop.step(12);
    scheduler.run();
    expect(snapshots.at(-1)!.variant!.metrics).toEqual(metrics);
  }, 20_000);
});

describe('TrainLoop: several variants in lockstep (vs=a;b;c)', () => {
  const alone = (config: Config, steps: number) => {
    const t = new Trainer(config, null);
    t.run(steps);
    return t;
  };

  it('the degradation experiment: plain 6, plain 12 and residual 12 on one data set, each run equal to training it alone, bit for bit', () => {
    // residual with auxiliary heads and batch norm too, so every new path runs in the loop
    const config = parseQuery('data=spiral&points=200&depth=12&width=8&batch=16&act=relu&init=he_normal&evalevery=10&vs=depth:6;residual:1;residual:1,resform:pre,norm:batch,aux1:4,aux2:9').config;
    const variants = variantsOf(config);
    expect(variants.map((v) => [v.depth, v.residual, v.resform, v.norm, v.aux1])).toEqual([[6, 0, 'post', 'none', 0], [12, 1, 'post', 'none', 0], [12, 1, 'pre', 'batch', 4]]);
    const snapshots: TrainSnapshot[] = [];
    const scheduler = new ManualScheduler(1);
    const loop = new TrainLoop((s) => snapshots.push(s), scheduler);
    loop.load(new Trainer(config, null), variants.map((v) => new Trainer(v, null)));
    expect(snapshots[0].variants.map((v) => v.status)).toEqual(['ready', 'ready', 'ready']);
    expect(snapshots[0].variant).toBe(snapshots[0].variants[0]);
    loop.play();
    scheduler.run(20);
    loop.step(5);
    scheduler.run();
    const runs = [(loop.trainer as Trainer), ...(loop.variants as Trainer[])];
    const step = runs[0].step;
    expect(step).toBeGreaterThan(20);
    expect(runs.map((t) => t.step)).toEqual([step, step, step, step]);
    expect(runState(runs[0])).toEqual(runState(alone({ ...config, vs: '' }, step)));
    variants.forEach((v, i) => expect(runState(runs[i + 1]), `variant ${i + 1}`).toEqual(runState(alone(v, step))));
    // every run's rows reach the page once, in order; the transfer list names each buffer once
    const steps = Array.from({ length: step }, (_, i) => i + 1);
    for (let i = 0; i < 3; i++) expect(stepsCarried(snapshots.map((s) => s.variants[i]))).toEqual(steps);
    const last = snapshots.at(-1)!;
    expect(last.variants.map((v) => [v.status, v.variant, v.variants.length])).toEqual([['paused', null, 0], ['paused', null, 0], ['paused', null, 0]]);
    const transfer = trainSnapshotTransferables(last);
    expect(new Set(transfer).size).toBe(transfer.length);
    for (const v of last.variants) expect(transfer).toContain(v.steps.data.buffer);
    // the auxiliary run reports its heads' losses; the others NaN
    expect(last.variants[2].metrics.auxLosses.every(Number.isFinite)).toBe(true);
    expect(last.variants[1].metrics.auxLosses.every(Number.isNaN)).toBe(true);
  }, 60_000);

  it('live keys reach every run; a different number of variants needs new runs', () => {
    const config = parseQuery('data=circles&depth=2&width=4&vs=lr:0.01;residual:1;depth:3').config;
    const loop = new TrainLoop(() => {}, new ManualScheduler(1));
    loop.load(new Trainer(config, null), variantsOf(config).map((v) => new Trainer(v, null)));
    expect(loop.applyLive({ ...config, lr: 0.5, wd: 0.1 })).toBe(true);
    expect([(loop.trainer as Trainer), ...(loop.variants as Trainer[])].map((t) => [t.settings.lr, t.settings.wd])).toEqual([[0.5, 0.1], [0.01, 0.1], [0.5, 0.1], [0.5, 0.1]]);
    expect(loop.applyLive({ ...config, vs: 'lr:0.01;residual:1' })).toBe(false);
    expect(loop.applyLive({ ...config, lr: 0.7, vs: 'lr:0.01;residual:1;depth:4' })).toBe(false);
    expect((loop.trainer as Trainer).settings.lr).toBe(0.5); // a refused change changes nothing
  }, 20_000);
});
