/**
 * The engine's one Worker: created on demand, its request ids, and how the page learns that it
 * died (it threw, sent an unreadable message, or ended without a word). Only the current worker is
 * heard; an ended one is never heard again.
 */
import type { FromWorker, ToWorker } from '../../engine/contract/protocol.ts';
import { sameOriginScriptUrl } from '../security/trustedTypes.ts';
// The built worker's URL (not `new Worker(new URL(...))`): the Worker sink takes it through the URL policy.
import probeWorkerUrl from './probe.worker.ts?worker&url';

/** The part of a Worker the client uses, so tests can hand in a fake. */
export interface WorkerLike {
  /** The name the worker was created with (real Workers do not expose it; createProbeWorker records it). */
  readonly lockName?: string;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
  postMessage(message: ToWorker): void;
  terminate(): void;
}

/** A message from the worker that answers a request (everything but 'holding'). */
export type Answer = Exclude<FromWorker, { type: 'holding' }>;

/** Each worker gets its own name: the Web Lock it holds while alive is named after it. */
export function createProbeWorker(): WorkerLike {
  // Without randomUUID (an insecure context) there are no Web Locks either: the name need only differ.
  const id = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const name = `layerscope-engine-${id}`;
  const worker = new Worker(sameOriginScriptUrl(probeWorkerUrl), { type: 'module', name });
  return Object.assign(worker, { lockName: name });
}

/**
 * Call onGone when the worker holding the lock `name` ends. The worker takes the lock when it
 * starts and says 'holding' once it has it; asked for after that, the lock is granted to the page
 * only once the worker has released it, which happens when it ends. No Web Locks (an insecure
 * context): never called.
 */
export function watchLock(name: string | undefined, onGone: () => void): void {
  const locks = typeof navigator === 'undefined' ? undefined : (navigator as Navigator & { locks?: LockManager }).locks;
  if (!name || !locks) return;
  void locks.request(name, () => onGone()).catch(() => {});
}

export interface WorkerHost {
  /** The current worker, created (and listened to) if there is none. */
  worker(): WorkerLike;
  /** The current worker, or null, without creating one. */
  current(): WorkerLike | null;
  /** A fresh request id (never reused, not even by a later worker). */
  nextRequestId(): number;
  /** End the current worker; the next worker() creates another. */
  end(): void;
}

export interface HostListener {
  /** An answer from the current worker. */
  message(answer: Answer): void;
  /** The current worker died; the listener ends it (end()) and reports why. */
  crash(message: string): void;
}

export function createWorkerHost(createWorker: () => WorkerLike, listener: HostListener): WorkerHost {
  let worker: WorkerLike | null = null;
  let nextRequestId = 1;

  function ensureWorker(): WorkerLike {
    if (worker) return worker;
    const w = createWorker();
    w.onmessage = (event) => {
      if (w !== worker) return;
      if (event.data.type === 'holding') {
        // The worker holds its lock now: granted to the page, the lock means the worker is gone.
        watchLock(w.lockName, () => {
          if (w === worker) listener.crash('The engine stopped: its worker ended without a word (closed, or stopped by the browser).');
        });
        return;
      }
      listener.message(event.data);
    };
    w.onerror = (event) => {
      event.preventDefault(); // reported to the user by crash(); keep it off the console as "uncaught"
      if (w === worker) listener.crash(event.message ? `The engine crashed: ${event.message}` : 'The engine crashed (the worker could not start or threw).');
    };
    w.onmessageerror = () => { if (w === worker) listener.crash('The engine sent a message the page could not read.'); };
    worker = w;
    return w;
  }

  return {
    worker: ensureWorker,
    current: () => worker,
    nextRequestId: () => nextRequestId++,
    end() {
      worker?.terminate();
      worker = null;
    },
  };
}
