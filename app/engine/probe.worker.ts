/**
 * The engine's Web Worker: the engine's own handler, wired to this worker's message port.
 * Probe arrays go back as transferables (moved, not copied).
 */
import type { FromWorker, ToWorker } from '../../engine/protocol.ts';
import { createWorkerHandler } from '../../engine/workerHandler.ts';

/** The slice of DedicatedWorkerGlobalScope used here (the project's lib is DOM, not WebWorker). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker, transfer: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;
const handle = createWorkerHandler((message, transfer) => scope.postMessage(message, transfer));
scope.onmessage = (event) => handle(event.data);
