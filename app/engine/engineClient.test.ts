import { describe, expect, it, vi } from 'vitest';
import { withConfig, type Config } from '../../engine/contract/config.ts';
import type { FromWorker, ToWorker } from '../../engine/contract/protocol.ts';
import type { ProbeData } from '../../engine/contract/probeLayout.ts';
import { createEngineClient, previewOf, type EngineEvents, type WorkerLike } from './engineClient.ts';

/** Requests (every message but the page's 'drawn' acknowledgements, counted apart, and receptive fields, tested in erfLane.test.ts). */
type Request = Exclude<ToWorker, { type: 'drawn' | 'receptiveField' | 'trainabilityCell' }>;

class FakeWorker implements WorkerLike {
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  onmessageerror: WorkerLike['onmessageerror'] = null;
  readonly received: Request[] = [];
  drawn = 0;
  terminated = false;
  postMessage(message: ToWorker): void {
    if (message.type === 'drawn') this.drawn++;
    else if (message.type !== 'receptiveField' && message.type !== 'trainabilityCell') this.received.push(message);
  }
  terminate(): void { this.terminated = true; }
  reply(message: FromWorker): void { this.onmessage?.({ data: message } as MessageEvent<FromWorker>); }
  /** Answer the last request with a snapshot. */
  answer(): void {
    const last = this.received[this.received.length - 1];
    this.reply({ type: 'snapshot', requestId: last.requestId, probe: fakeProbe(last.config.depth), variantProbes: [], variantProblems: [], elapsedMs: 5 });
  }
  throwError(message: string): void { this.onerror?.({ message, preventDefault() {} } as ErrorEvent); }
}

function fakeProbe(depth: number): ProbeData {
  return { depth, widths: new Int32Array(depth), stats: new Float64Array(0), preHist: new Float32Array(0), actHist: new Float32Array(0), forwardOverflowLayer: 0, backwardOverflowLayer: 0, theoryWeightVar: NaN, theoryActFactor: NaN };
}

function setup() {
  const workers: FakeWorker[] = [];
  const log: string[] = [];
  const events: EngineEvents = {
    started: (c) => log.push(`started ${c.depth}`),
    snapshot: (c, p) => log.push(`snapshot ${c.depth} ${p.depth}`),
    failed: (c, m) => log.push(`failed ${c.depth} ${m}`),
    stopped: (c) => log.push(`stopped ${c.depth}`),
    comparisonLine: (c, i) => log.push(`line ${c.depth} ${i}`),
    trainSnapshot: (c, snap) => log.push(`train ${c.depth} ${snap.status} ${snap.metrics.step}`),
    trainFailed: (c, m) => log.push(`trainFailed ${c.depth} ${m}`),
  };
  const client = createEngineClient(() => { const w = new FakeWorker(); workers.push(w); return w; }, events, { previews: false });
  return { client, workers, log };
}

const depth = (d: number): Config => withConfig({ depth: d });

describe('engine client', () => {
  it('runs a config and reports its snapshot', () => {
    const { client, workers, log } = setup();
    client.run(depth(3));
    expect(workers).toHaveLength(1);
    expect(workers[0].received).toEqual([{ type: 'configure', requestId: 1, config: depth(3) }]);
    workers[0].answer();
    expect(log).toEqual(['started 3', 'snapshot 3 3']);
  });

  it('keeps one request in flight and coalesces newer configs into one pending request', () => {
    const { client, workers, log } = setup();
    client.run(depth(1));
    client.run(depth(2));
    client.run(depth(3));
    client.run(depth(4));
    expect(workers[0].received.map((m) => m.config.depth)).toEqual([1]);
    workers[0].answer(); // depth 1 is stale now: dropped, and only the newest pending config is sent
    expect(workers[0].received.map((m) => m.config.depth)).toEqual([1, 4]);
    workers[0].answer();
    expect(log).toEqual(['started 1', 'started 4', 'snapshot 4 4']);
  });

  it('ignores answers to requests it is not waiting for', () => {
    const { client, workers, log } = setup();
    client.run(depth(2));
    workers[0].reply({ type: 'snapshot', requestId: 99, probe: fakeProbe(7), variantProbes: [], variantProblems: [], elapsedMs: 1 });
    workers[0].reply({ type: 'error', requestId: 99, message: 'old' });
    expect(log).toEqual(['started 2']);
  });

  it("reports the engine's error message for the newest config", () => {
    const { client, workers, log } = setup();
    client.run(depth(2));
    workers[0].reply({ type: 'error', requestId: 1, message: 'width 0 is too small' });
    expect(log).toEqual(['started 2', 'failed 2 width 0 is too small']);
  });

  it('reports a crashed worker, then restart() makes a new one and re-runs the newest config', () => {
    const { client, workers, log } = setup();
    client.run(depth(2));
    client.run(depth(5));
    workers[0].throwError('out of memory');
    expect(workers[0].terminated).toBe(true);
    expect(log).toEqual(['started 2', 'failed 5 The engine crashed: out of memory']);
    client.restart();
    expect(workers).toHaveLength(2);
    expect(workers[1].received.map((m) => m.config.depth)).toEqual([5]);
    workers[0].reply({ type: 'snapshot', requestId: 1, probe: fakeProbe(2), variantProbes: [], variantProblems: [], elapsedMs: 1 }); // the dead worker is not heard
    workers[1].answer();
    expect(log.slice(2)).toEqual(['started 5', 'snapshot 5 5']);
  });

  it('after a crash, a new config starts a new worker by itself', () => {
    const { client, workers } = setup();
    client.run(depth(2));
    workers[0].throwError('');
    client.run(depth(3));
    expect(workers).toHaveLength(2);
    expect(workers[1].received.map((m) => m.config.depth)).toEqual([3]);
  });

  it('stop() ends the worker and the request in flight', () => {
    const { client, workers, log } = setup();
    client.run(depth(200));
    client.stop();
    expect(workers[0].terminated).toBe(true);
    expect(log).toEqual(['started 200', 'stopped 200']);
    client.stop(); // nothing in flight: nothing to report
    expect(log).toHaveLength(2);
  });
});

describe('engine client: the initializer comparison', () => {
  const lineResult = () => ({ preM2: new Float64Array(1), gradM2: new Float64Array(1), theoryPreM2: new Float64Array(1), theoryGradM2: new Float64Array(1) });

  it('fills the comparison one line at a time after the probe, and a new probe jumps ahead of it', () => {
    const { client, workers, log } = setup();
    client.run(depth(3));
    workers[0].answer();
    const w = workers[0];
    expect(w.received.map((m) => m.type)).toEqual(['configure', 'compareLine']);
    w.reply({ type: 'comparisonLine', requestId: w.received[1].requestId, lineIndex: 0, result: lineResult(), elapsedMs: 1 });
    expect(w.received[2]).toMatchObject({ type: 'compareLine', lineIndex: 1 });
    client.run(depth(5)); // while line 1 is in flight
    w.reply({ type: 'comparisonLine', requestId: w.received[2].requestId, lineIndex: 1, result: lineResult(), elapsedMs: 1 });
    expect(w.received[3]).toMatchObject({ type: 'configure', config: depth(5) });
    expect(log).toEqual(['started 3', 'snapshot 3 3', 'line 3 0', 'started 5']);
  });

  it('does not rerun the comparison when only the initializer changes', () => {
    const { client, workers } = setup();
    client.run(withConfig({ depth: 3 }));
    workers[0].answer();
    const w = workers[0];
    w.reply({ type: 'comparisonLine', requestId: w.received[1].requestId, lineIndex: 0, result: lineResult(), elapsedMs: 1 });
    client.run(withConfig({ depth: 3, init: 'he_normal' }));
    w.reply({ type: 'comparisonLine', requestId: w.received[2].requestId, lineIndex: 1, result: lineResult(), elapsedMs: 1 });
    w.answer(); // the he_normal probe
    expect(w.received.filter((m) => m.type === 'compareLine').map((m) => (m as { lineIndex: number }).lineIndex)).toEqual([0, 1, 2]);
  });
});

describe('engine client: training', () => {
  const snapshot = (step: number, status: 'ready' | 'running' | 'paused' = 'running') =>
    ({ status, metrics: { step }, divergence: null, stepsPerSecond: 0, probe: null, steps: { columns: 0, rows: 0, every: 1, data: new Float64Array(0) },
      evals: { columns: 0, rows: 0, every: 1, data: new Float64Array(0) }, norm: null, boundary: null, testPredictions: null, dataset: null }) as never;

  it('sends training commands at once, even while a probe is in flight, and routes snapshots and errors', () => {
    const { client, workers, log } = setup();
    const c = withConfig({ depth: 2, data: 'circles' });
    client.run(c); // a probe in flight
    client.train({ type: 'play' }, c);
    client.train({ type: 'step', count: 5 }, c);
    const w = workers[0];
    expect(w.received.map((m) => m.type)).toEqual(['configure', 'play', 'step']);
    expect(w.received[2]).toMatchObject({ count: 5 });
    w.reply({ type: 'trainSnapshot', requestId: w.received[1].requestId, snapshot: snapshot(7) });
    w.reply({ type: 'error', requestId: w.received[2].requestId, message: 'boom' });
    expect(log).toEqual(['started 2', 'train 2 running 7', 'trainFailed 2 boom']);
    w.reply({ type: 'snapshot', requestId: w.received[0].requestId, probe: fakeProbe(2), variantProbes: [], variantProblems: [], elapsedMs: 5 }); // the probe's own answer still arrives
    expect(log[log.length - 1]).toBe('snapshot 2 2');
  });

  it('acknowledges each drawn training snapshot once per frame (never for an answer nobody waits for)', async () => {
    const { client, workers } = setup();
    const c = withConfig({ depth: 2, data: 'circles' });
    client.train({ type: 'play' }, c);
    const w = workers[0];
    w.reply({ type: 'trainSnapshot', requestId: 1, snapshot: snapshot(1) });
    w.reply({ type: 'trainSnapshot', requestId: 1, snapshot: snapshot(2) });
    expect(w.drawn).toBe(0); // after the frame that draws them
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(w.drawn).toBe(1); // one for both: they were drawn in the same frame
    w.reply({ type: 'trainSnapshot', requestId: 1, snapshot: snapshot(3) });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(w.drawn).toBe(2);
    client.restart();
    w.reply({ type: 'trainSnapshot', requestId: 1, snapshot: snapshot(4) }); // the old worker: ignored
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(w.drawn).toBe(2);
  });

  it('leaves the main thread room when drawing is slow: the next snapshot waits as long again', async () => {
    const workers: FakeWorker[] = [];
    let clock = 0;
    const events = {
      started: () => {}, failed: () => {}, stopped: () => {}, comparisonLine: () => {}, snapshot: () => {}, trainFailed: () => {},
      trainSnapshot: () => { clock += 80; }, // drawing this snapshot takes 80 ms
    };
    const client = createEngineClient(() => { const w = new FakeWorker(); workers.push(w); return w; }, events, { previews: false, now: () => clock });
    client.train({ type: 'play' }, withConfig({ depth: 2, data: 'circles' }));
    const w = workers[0];
    w.reply({ type: 'trainSnapshot', requestId: 1, snapshot: snapshot(1) });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(w.drawn).toBe(0); // not yet: ~80 ms more
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(w.drawn).toBe(1);
  });

  it('reports a crash to training as well, and forgets the run', () => {
    const { client, workers, log } = setup();
    const c = withConfig({ depth: 2, data: 'circles' });
    client.train({ type: 'reset' }, c);
    workers[0].throwError('dead');
    expect(log).toEqual(['trainFailed 2 The engine crashed: dead']);
    workers[0].reply({ type: 'trainSnapshot', requestId: 1, snapshot: snapshot(1) });
    expect(log).toHaveLength(1);
  });
});

describe('engine client: previews of slow probes', () => {
  it('shows a few-example preview first, then the full batch; a newer config skips the stale full probe', () => {
    const workers: FakeWorker[] = [];
    const log: string[] = [];
    const events = {
      started: () => {}, failed: () => {}, stopped: () => {}, comparisonLine: () => {}, trainSnapshot: () => {}, trainFailed: () => {},
      snapshot: (c: Config, _p: ProbeData, _e: number, _v: unknown, previewBatch?: number) => log.push(`${c.depth}${previewBatch ? ` preview ${previewBatch}` : ''}`),
    };
    let clock = 0;
    const client = createEngineClient(() => { const w = new FakeWorker(); workers.push(w); return w; }, events, { now: () => clock });
    const big = (d: number) => withConfig({ depth: d, width: 256, batch: 256 });
    client.run(big(50));
    const w = workers[0];
    expect(w.received[0]).toMatchObject({ type: 'configure', config: { depth: 50, batch: 1 }, quick: true }); // a plain stack: the quick probe
    w.answer();
    expect(w.received[1]).toMatchObject({ type: 'configure', config: { depth: 50, batch: 256 } });
    expect(w.received[1]).not.toHaveProperty('quick');
    clock += 30;
    client.run(big(45)); // 30 ms into the full probe of 50: waits
    expect(w.received).toHaveLength(2);
    clock += 30;
    client.run(big(40)); // 60 ms in: the worker abandons it, the preview of 40 goes out at once
    expect(w.received[2]).toMatchObject({ type: 'configure', config: { depth: 40, batch: 1 }, quick: true });
    w.reply({ type: 'snapshot', requestId: w.received[1].requestId, probe: fakeProbe(50), variantProbes: [], variantProblems: [], elapsedMs: 5 }); // too late: dropped
    w.answer();
    w.answer();
    expect(log).toEqual(['50 preview 1', '40 preview 1', '40']);
    // What the quick probe cannot do (residual stacks, LSUV, constant weights) is previewed on 8 examples.
    expect(previewOf(withConfig({ depth: 50, width: 256, batch: 256, residual: 1 }))).toMatchObject({ config: { batch: 8 }, quick: false });
    expect(previewOf(withConfig({ depth: 50, width: 256, batch: 256, init: 'orthogonal' }))).toMatchObject({ config: { batch: 1 }, quick: true });
    expect(previewOf(withConfig({ depth: 3, width: 16, batch: 256 }))).toBeNull(); // quick anyway
    expect(previewOf(withConfig({ depth: 50, width: 256, batch: 16 }))).toBeNull(); // small batch already
  });
});

describe('engine client: noticing a worker that ended', () => {
  it('asks for the worker\'s Web Lock only once the worker says it holds it, and reports the worker gone when granted', async () => {
    const requested: string[] = [];
    let grant: (() => void) | null = null;
    vi.stubGlobal('navigator', {
      locks: {
        request: (name: string, callback: () => unknown) => {
          requested.push(name);
          return new Promise<void>((resolve) => { grant = () => { callback(); resolve(); }; });
        },
      },
    });
    try {
      const workers: (FakeWorker & { lockName: string })[] = [];
      const failed: string[] = [];
      const events: EngineEvents = {
        started: () => {}, snapshot: () => {}, failed: (_c, m) => failed.push(m), stopped: () => {}, comparisonLine: () => {}, trainSnapshot: () => {}, trainFailed: () => {},
      };
      const client = createEngineClient(() => { const w = Object.assign(new FakeWorker(), { lockName: 'engine-1' }); workers.push(w); return w; }, events, { previews: false });
      client.run(depth(2));
      workers[0].answer(); // a message before 'holding': no lock asked for yet (the page could get it first)
      expect(requested).toEqual([]);
      workers[0].reply({ type: 'holding' });
      expect(requested).toEqual(['engine-1']);
      grant!(); // the worker released it: it is gone
      await Promise.resolve();
      expect(failed).toEqual(['The engine stopped: its worker ended without a word (closed, or stopped by the browser).']);
      expect(workers[0].terminated).toBe(true);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('engine client: previews computed ahead', () => {
  function client() {
    const workers: FakeWorker[] = [];
    const log: string[] = [];
    const events = {
      started: () => {}, failed: () => {}, stopped: () => {}, comparisonLine: () => {}, trainSnapshot: () => {}, trainFailed: () => {},
      snapshot: (c: Config, _p: ProbeData, _e: number, _v: unknown, previewBatch?: number) => log.push(`${c.gain}${previewBatch ? ` preview ${previewBatch}` : ''}`),
    };
    const engine = createEngineClient(() => { const w = new FakeWorker(); workers.push(w); return w; }, events);
    return { engine, log, worker: () => workers[0] };
  }
  const big = (gain: number) => withConfig({ depth: 50, width: 256, batch: 256, gain });

  it('previews the anticipated neighbours when idle (before the comparison), and shows one at once when moved to', () => {
    const { engine, log, worker } = client();
    engine.run(big(1));
    worker().answer(); // the quick preview
    engine.anticipate([big(1.05), big(0.95)]);
    worker().answer(); // the full probe: now idle, so the neighbours go first
    const w = worker();
    expect(w.received.slice(2).map((m) => m.type === 'configure' ? `${m.config.gain} ${m.config.batch} ${m.quick}` : m.type)).toEqual(['1.05 1 true']);
    w.answer();
    expect(w.received[3]).toMatchObject({ type: 'configure', config: { gain: 0.95, batch: 1 }, quick: true });
    w.answer();
    expect(w.received[4].type).toBe('compareLine'); // then the comparison as before
    const sent = w.received.length;
    engine.run(big(1.05)); // busy with the comparison line: the preview is shown anyway
    expect(log).toEqual(['1 preview 1', '1', '1.05 preview 1']);
    w.reply({ type: 'comparisonLine', requestId: w.received[sent - 1].requestId, lineIndex: 0, result: {} as never, elapsedMs: 1 });
    // The full probe goes straight out, with no second preview of the same config.
    expect(w.received[sent]).toMatchObject({ type: 'configure', config: { gain: 1.05, batch: 256 } });
    expect(w.received[sent]).not.toHaveProperty('quick');
    w.answer();
    expect(log).toEqual(['1 preview 1', '1', '1.05 preview 1', '1.05']);
  });

  it('computes nothing ahead for a config the quick probe does not cover', () => {
    const { engine, worker } = client();
    const residual = (gain: number) => withConfig({ depth: 50, width: 256, batch: 256, residual: 1, gain });
    engine.run(residual(1));
    worker().answer();
    engine.anticipate([residual(1.05)]);
    worker().answer();
    expect(worker().received.slice(2).map((m) => m.type)).toEqual(['compareLine']);
  });
});

describe('engine client: background work waits while training runs', () => {
  it('sends no comparison line while playing, and sends it once paused', () => {
    const workers: FakeWorker[] = [];
    const events = {
      started: () => {}, failed: () => {}, stopped: () => {}, comparisonLine: () => {}, trainSnapshot: () => {}, trainFailed: () => {}, snapshot: () => {},
    };
    const engine = createEngineClient(() => { const w = new FakeWorker(); workers.push(w); return w; }, events, { previews: false });
    const config = withConfig({ depth: 3, width: 8, batch: 8, data: 'circles' });
    engine.run(config);
    engine.train({ type: 'play' }, config);
    const w = workers[0];
    w.reply({ type: 'snapshot', requestId: w.received[0].requestId, probe: fakeProbe(3), variantProbes: [], variantProblems: [], elapsedMs: 1 });
    expect(w.received.map((m) => m.type)).toEqual(['configure', 'play']);
    engine.train({ type: 'pause' }, config);
    expect(w.received.map((m) => m.type)).toEqual(['configure', 'play', 'pause', 'compareLine']);
  });
});
