import type { Scheduler } from '../train/trainLoop.ts';

/**
 * A scheduler for tests: the clock advances `msPerRead` on every read (so a training step "takes"
 * that long to the loop), and deferred tasks run only when the test says so.
 */
export class ManualScheduler implements Scheduler {
  time = 0;
  readonly tasks: (() => void)[] = [];
  readonly msPerRead: number;
  constructor(msPerRead = 1) { this.msPerRead = msPerRead; }
  now(): number {
    this.time += this.msPerRead;
    return this.time;
  }
  defer(task: () => void): void {
    this.tasks.push(task);
  }
  /** Run queued tasks (and the ones they queue) up to `limit` of them; returns how many ran. */
  run(limit = Infinity): number {
    let n = 0;
    while (n < limit && this.tasks.length > 0) {
      this.tasks.shift()!();
      n++;
    }
    return n;
  }
}
