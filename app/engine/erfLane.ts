/**
 * Effective receptive fields: each request answered by its own id, beside the probe's gate (a
 * small net's field takes milliseconds, and the architecture lab runs no probe of its own).
 */
import type { ErfRequest, ErfResult } from '../../engine/contract/erf.ts';
import type { Answer, WorkerHost } from './workerHost.ts';

export interface ErfLane {
  request(request: ErfRequest): Promise<ErfResult>;
  /** True when the message answered one of this lane's requests. */
  receive(message: Answer): boolean;
  /** The worker ended: waiting requests are rejected. */
  end(): void;
}

export function createErfLane(host: WorkerHost): ErfLane {
  const waiting = new Map<number, { resolve(result: ErfResult): void; reject(error: Error): void }>();
  return {
    request(request) {
      const w = host.worker();
      const requestId = host.nextRequestId();
      const answer = new Promise<ErfResult>((resolve, reject) => waiting.set(requestId, { resolve, reject }));
      w.postMessage({ type: 'receptiveField', requestId, request });
      return answer;
    },
    receive(message) {
      const w = waiting.get(message.requestId);
      if (!w || (message.type !== 'receptiveField' && message.type !== 'error')) return false;
      waiting.delete(message.requestId);
      if (message.type === 'receptiveField') w.resolve(message.result);
      else w.reject(new Error(message.message));
      return true;
    },
    end() {
      for (const w of waiting.values()) w.reject(new Error('the engine stopped before the receptive field was measured'));
      waiting.clear();
    },
  };
}
