import { runProbe } from './experiment.ts';
import { probeTransferables } from './probe/layout.ts';
import { assertNever, type FromWorker, type ToWorker } from './protocol.ts';

export type Post = (message: FromWorker, transfer: ArrayBuffer[]) => void;

/**
 * The worker's logic without the Worker: it runs the same in a Web Worker, in Node tests and on
 * the main thread. The page sends a new request only when the previous answer has arrived, so
 * stale requests are dropped on the page side instead of queueing here.
 */
export function createWorkerHandler(post: Post): (message: ToWorker) => void {
  return (message) => {
    switch (message.type) {
      case 'configure': {
        const started = performance.now();
        try {
          const { probe } = runProbe(message.config);
          post({ type: 'snapshot', requestId: message.requestId, probe, elapsedMs: performance.now() - started }, probeTransferables(probe));
        } catch (error) {
          post({ type: 'error', requestId: message.requestId, message: error instanceof Error ? error.message : String(error) }, []);
        }
        return;
      }
      default:
        assertNever(message.type);
    }
  };
}
