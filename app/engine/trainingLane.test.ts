import { describe, expect, it } from 'vitest';
import { withConfig } from '../../engine/contract/config.ts';
import type { ToWorker } from '../../engine/contract/protocol.ts';
import type { TrainSnapshot } from '../../engine/contract/trainLayout.ts';
import { createTrainingLane } from './trainingLane.ts';
import type { Answer, WorkerHost, WorkerLike } from './workerHost.ts';

function lane() {
  const sent: ToWorker[] = [];
  const log: string[] = [];
  const worker: WorkerLike = { onmessage: null, onerror: null, onmessageerror: null, postMessage: (m) => { if (m.type !== 'drawn') sent.push(m); }, terminate() {} };
  let id = 1;
  const host: WorkerHost = { worker: () => worker, current: () => worker, nextRequestId: () => id++, end() {} };
  const training = createTrainingLane(host, {
    trainSnapshot: (c, s) => log.push(`snapshot ${c.depth} ${s.status}`),
    trainFailed: (c, m) => log.push(`failed ${c.depth} ${m}`),
  }, () => 0);
  return { training, sent, log };
}

const c = withConfig({ depth: 2, data: 'circles' });
const snap = (status: TrainSnapshot['status']): Answer => ({ type: 'trainSnapshot', requestId: 1, snapshot: { status } as TrainSnapshot });

describe('training lane', () => {
  it('plays until a pause, or a snapshot that is not running, and says when the run stopped playing', () => {
    const { training, sent, log } = lane();
    training.send({ type: 'play' }, c);
    expect(training.playing).toBe(true);
    expect(training.receive(snap('running'))).toBe('handled');
    expect(training.receive(snap('diverged'))).toBe('stopped');
    expect(training.playing).toBe(false);
    expect(training.receive(snap('paused'))).toBe('handled'); // not playing: nothing stopped
    training.send({ type: 'step', count: 3 }, c);
    training.send({ type: 'pause' }, c);
    expect(sent.map((m) => m.type)).toEqual(['play', 'step', 'pause']);
    expect(sent[2]).not.toHaveProperty('dataUrl');
    expect(log).toEqual(['snapshot 2 running', 'snapshot 2 diverged', 'snapshot 2 paused']);
  });

  it("reports the newest command's error as the run's failure (stopped, even when it was not playing) and leaves other errors alone", () => {
    const { training, log } = lane();
    training.send({ type: 'reset' }, c);
    expect(training.receive({ type: 'error', requestId: 99, message: 'a probe' })).toBe('other');
    expect(training.receive({ type: 'error', requestId: 1, message: 'no data' })).toBe('stopped');
    expect(log).toEqual(['failed 2 no data']);
    expect(training.config()).toBe(c);
    training.end();
    expect(training.config()).toBeNull();
    expect(training.receive(snap('running'))).toBe('handled'); // still training's message, shown to nobody
    expect(log).toHaveLength(1);
  });

  it('answers each export by its request id, and rejects those still waiting when the worker ends', async () => {
    const { training, sent } = lane();
    const first = training.exportModel(c, 10);
    const second = training.exportModel(c, 20);
    const third = training.exportModel(c, 30);
    expect(sent.map((m) => m.type === 'exportModel' && m.step)).toEqual([10, 20, 30]);
    expect(training.receive({ type: 'modelExport', requestId: 2, json: '{"b":2}' })).toBe('handled');
    expect(training.receive({ type: 'error', requestId: 1, message: 'no such step' })).toBe('handled');
    training.end();
    await expect(second).resolves.toBe('{"b":2}');
    await expect(first).rejects.toThrow('no such step');
    await expect(third).rejects.toThrow('the engine stopped before the export was done');
    expect(training.receive({ type: 'modelExport', requestId: 3, json: '{}' })).toBe('other');
  });
});
