/**
 * How the worker's long jobs (training, a full probe) yield to the event loop between slices, so
 * that the page's next message is handled first. Injected, so tests drive the jobs by hand.
 */
export interface Scheduler {
  /** Milliseconds, monotonic. */
  now(): number;
  /** Run task after the event loop has had a turn (pending messages are handled first). */
  defer(task: () => void): void;
}

/**
 * The yield between chunks. Browsers (the worker): a MessageChannel message, which does not
 * suffer setTimeout's 4 ms clamp on nested timers (a third of a 10 ms chunk) and queues behind
 * the page's messages, so a 'pause' is handled before the next chunk. Node: setImmediate, because
 * a Node MessagePort drains messages posted from its own handler and starves timers and I/O (and
 * holds the process open); React's scheduler makes the same choice. setTimeout(0) elsewhere.
 */
export function createDefaultScheduler(): Scheduler {
  const now = () => performance.now();
  if (typeof setImmediate === 'function') return { now, defer: (task) => { setImmediate(task); } };
  if (typeof MessageChannel === 'undefined') return { now, defer: (task) => { setTimeout(task, 0); } };
  const channel = new MessageChannel();
  const queue: (() => void)[] = [];
  channel.port1.onmessage = () => queue.shift()?.();
  return {
    now,
    defer: (task) => {
      queue.push(task);
      channel.port2.postMessage(0);
    },
  };
}

/**
 * The yield between a full probe's slices. In Chromium a worker's MessageChannel message can be
 * handled before a message from the page that arrived earlier (seen: a newer config waited for
 * the whole 50 x 256 probe), so the page's message would not abandon the job; a timer leaves the
 * event loop idle for a moment (>= 4 ms once nested), and the page's message goes first. Slices
 * are long enough (SLICE_MS) that this costs a few percent. Node: setImmediate, as above.
 */
export function createYieldingScheduler(): Scheduler {
  const now = () => performance.now();
  if (typeof setImmediate === 'function') return { now, defer: (task) => { setImmediate(task); } };
  return { now, defer: (task) => { setTimeout(task, 0); } };
}
