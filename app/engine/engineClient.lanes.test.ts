import { describe, expect, it } from 'vitest';
import { withConfig } from '../../engine/contract/config.ts';
import type { FromWorker, ToWorker } from '../../engine/contract/protocol.ts';
import type { ProbeData } from '../../engine/contract/probeLayout.ts';
import type { TrainSnapshot } from '../../engine/contract/trainLayout.ts';
import { createEngineClient, type EngineEvents, type WorkerLike } from './engineClient.ts';

class FakeWorker implements WorkerLike {
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  onmessageerror: WorkerLike['onmessageerror'] = null;
  readonly received: Exclude<ToWorker, { type: 'drawn' }>[] = [];
  postMessage(message: ToWorker): void { if (message.type !== 'drawn') this.received.push(message); }
  terminate(): void {}
  reply(message: FromWorker): void { this.onmessage?.({ data: message } as MessageEvent<FromWorker>); }
  types(): string[] { return this.received.map((m) => m.type); }
}

function setup() {
  const workers: FakeWorker[] = [];
  const log: string[] = [];
  const events: EngineEvents = {
    started: () => {}, snapshot: () => {}, comparisonLine: () => {}, trainSnapshot: () => {}, trainFailed: () => {},
    failed: (c, m) => log.push(`failed ${c.depth} ${m}`),
    stopped: (c) => log.push(`stopped ${c.depth}`),
  };
  const client = createEngineClient(() => { const w = new FakeWorker(); workers.push(w); return w; }, events, { previews: false });
  return { client, workers, log };
}

const config = withConfig({ depth: 3, width: 8, batch: 8, data: 'circles' });
const probeAnswer = (requestId: number): FromWorker =>
  ({ type: 'snapshot', requestId, probe: { depth: 3 } as ProbeData, variantProbes: [], variantProblems: [], elapsedMs: 1 });
const trainAnswer = (requestId: number, status: TrainSnapshot['status']): FromWorker =>
  ({ type: 'trainSnapshot', requestId, snapshot: { status } as TrainSnapshot });

describe('engine client: the lanes together', () => {
  it('resumes the background work when the run stops by itself, not on a snapshot of a running one', () => {
    const { client, workers } = setup();
    client.run(config);
    client.train({ type: 'play' }, config);
    const w = workers[0];
    w.reply(probeAnswer(1));
    w.reply(trainAnswer(2, 'running'));
    expect(w.types()).toEqual(['configure', 'play']);
    w.reply(trainAnswer(2, 'diverged'));
    expect(w.types()).toEqual(['configure', 'play', 'compareLine']);
  });

  it('resumes the background work when a training command fails', () => {
    const { client, workers } = setup();
    client.run(config);
    client.train({ type: 'play' }, config);
    const w = workers[0];
    w.reply(probeAnswer(1));
    w.reply({ type: 'error', requestId: 2, message: 'no data' });
    expect(w.types()).toEqual(['configure', 'play', 'compareLine']);
  });

  it('after a refused probe, sends no comparison line until asked again', () => {
    const { client, workers, log } = setup();
    client.run(config);
    client.train({ type: 'step', count: 1 }, config);
    const w = workers[0];
    w.reply({ type: 'error', requestId: 1, message: 'too big' });
    w.reply(trainAnswer(2, 'paused')); // not playing: nothing stopped, nothing resumes
    expect(w.types()).toEqual(['configure', 'step']);
    expect(log).toEqual(['failed 3 too big']);
    client.anticipate([]);
    expect(w.types()).toEqual(['configure', 'step', 'compareLine']);
  });

  it('stop() during a comparison line reports it stopped, and the next run fills the comparison from its first line', () => {
    const { client, workers, log } = setup();
    client.run(config);
    workers[0].reply(probeAnswer(1));
    expect(workers[0].received[1]).toMatchObject({ type: 'compareLine', lineIndex: 0 });
    workers[0].reply({ type: 'comparisonLine', requestId: 2, lineIndex: 0, result: {} as never, elapsedMs: 1 });
    client.stop();
    expect(log).toEqual(['stopped 3']);
    client.run(config);
    workers[1].reply(probeAnswer(workers[1].received[0].requestId));
    expect(workers[1].received[1]).toMatchObject({ type: 'compareLine', lineIndex: 0 });
  });
});
