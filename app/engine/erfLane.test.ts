import { describe, expect, it } from 'vitest';
import type { ErfResult } from '../../engine/contract/erf.ts';
import type { ToWorker } from '../../engine/contract/protocol.ts';
import { createErfLane } from './erfLane.ts';
import { createWorkerHost, type WorkerLike } from './workerHost.ts';

function fake(): WorkerLike & { sent: ToWorker[] } {
  const sent: ToWorker[] = [];
  return { sent, onmessage: null, onerror: null, onmessageerror: null, postMessage: (m) => { sent.push(m); }, terminate() {} };
}

const request = { spec: 'tiny_vgg', input: [1, 28, 28] as const, layer: null, seed: 1, init: 'he_normal' as const };

describe('the receptive-field lane', () => {
  it('resolves each request by its id, rejects on its error, ignores the rest, rejects the waiting ones when the worker ends', async () => {
    const worker = fake();
    const host = createWorkerHost(() => worker, { message: () => {}, crash: () => {} });
    const lane = createErfLane(host);
    const first = lane.request(request), second = lane.request(request), third = lane.request(request);
    const [a, b] = worker.sent.map((m) => (m as Extract<ToWorker, { type: 'receptiveField' }>).requestId);
    const result = { layer: 'conv4' } as ErfResult;
    expect(lane.receive({ type: 'modelExport', requestId: a, json: '' })).toBe(false);
    expect(lane.receive({ type: 'receptiveField', requestId: a, result })).toBe(true);
    expect(lane.receive({ type: 'error', requestId: b, message: 'too big' })).toBe(true);
    await expect(first).resolves.toBe(result);
    await expect(second).rejects.toThrow('too big');
    lane.end();
    await expect(third).rejects.toThrow(/engine stopped/);
  });
});
