import { describe, expect, it } from 'vitest';
import type { FromWorker, ToWorker } from '../../engine/contract/protocol.ts';
import { createWorkerHost, type Answer, type WorkerLike } from './workerHost.ts';

class FakeWorker implements WorkerLike {
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  onmessageerror: WorkerLike['onmessageerror'] = null;
  terminated = false;
  postMessage(_message: ToWorker): void {}
  terminate(): void { this.terminated = true; }
  reply(message: FromWorker): void { this.onmessage?.({ data: message } as MessageEvent<FromWorker>); }
}

function host() {
  const workers: FakeWorker[] = [];
  const heard: string[] = [];
  const h = createWorkerHost(() => { const w = new FakeWorker(); workers.push(w); return w; }, {
    message: (m: Answer) => heard.push(`${m.type} ${m.requestId}`),
    crash: (m) => { heard.push(`crash ${m}`); h.end(); },
  });
  return { h, workers, heard };
}

describe('worker host', () => {
  it('creates the worker on first use, keeps request ids counting across workers, and hears only the current one', () => {
    const { h, workers, heard } = host();
    expect(h.current()).toBeNull();
    expect(h.worker()).toBe(h.worker());
    expect(workers).toHaveLength(1);
    expect([h.nextRequestId(), h.nextRequestId()]).toEqual([1, 2]);
    workers[0].reply({ type: 'holding' }); // no Web Locks here: nothing to watch, nothing to hear
    workers[0].reply({ type: 'error', requestId: 1, message: 'x' });
    h.end();
    expect(workers[0].terminated).toBe(true);
    workers[0].reply({ type: 'error', requestId: 2, message: 'x' });
    h.worker();
    expect(h.nextRequestId()).toBe(3);
    expect(heard).toEqual(['error 1']);
  });

  it('reports a message the page cannot read as a crash, once', () => {
    const { h, workers, heard } = host();
    h.worker();
    workers[0].onmessageerror?.({} as MessageEvent);
    workers[0].onmessageerror?.({} as MessageEvent); // already ended
    expect(heard).toEqual(['crash The engine sent a message the page could not read.']);
    expect(h.current()).toBeNull();
  });
});
