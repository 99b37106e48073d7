/**
 * The engine's Web Worker: the engine's own handler, wired to this worker's message port.
 * Probe arrays go back as transferables (moved, not copied).
 */
import type { FromWorker, ToWorker } from '../../engine/contract/protocol.ts';
import { createWorkerHandler } from '../../engine/worker/workerHandler.ts';

/** The slice of DedicatedWorkerGlobalScope used here (the project's lib is DOM, not WebWorker). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker, transfer: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;

// Hold a Web Lock named after this worker for as long as it lives: the page asks for the same lock
// and is granted it only when this worker is gone (closed, crashed, killed by the browser), which
// no message could tell it. The page asks only once told 'holding': the two requests travel to the
// lock manager by different routes, and on a busy machine the page's could otherwise arrive first
// (a live worker reported dead; seen in CI). See workerHost.ts.
const lockName = (self as unknown as { name?: string }).name;
const locks = (self as unknown as { navigator?: { locks?: LockManager } }).navigator?.locks;
if (lockName && locks) {
  void locks.request(lockName, () => {
    scope.postMessage({ type: 'holding' }, []);
    return new Promise<never>(() => {});
  });
}
const handle = createWorkerHandler((message, transfer) => scope.postMessage(message, transfer));
scope.onmessage = (event) => handle(event.data);
