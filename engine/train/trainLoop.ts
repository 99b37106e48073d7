/**
 * Training in a worker without blocking it: steps run in chunks of ~10 ms, then the loop yields
 * to the event loop (so a 'pause' message is handled between chunks) and posts at most one
 * snapshot per ~16 ms (an animation frame), never one per step. The clock and the yield are
 * injected, so tests drive the loop by hand in Node.
 */
import type { Config } from '../config.ts';
import type { ProbeData } from '../probe/layout.ts';
import { BoundaryPainter, type BoundaryGrid } from './boundary.ts';
import { EVAL_FIELDS } from './evaluate.ts';
import { DecimatingSeries } from './series.ts';
import { datasetView, measureTraining, normState, type TrainSnapshot, type TrainStatus } from './snapshot.ts';
import { stepColumns, type Trainer } from './trainer.ts';

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

export interface LoopTiming {
  /** Training time per chunk before yielding, ms. */
  readonly chunkMs: number;
  /** Least time between two snapshots while running, ms (one animation frame). */
  readonly snapshotMs: number;
  /** Least time between two decision-boundary grids while running, ms. */
  readonly boundaryMs: number;
}

export const DEFAULT_TIMING: LoopTiming = { chunkMs: 10, snapshotMs: 16, boundaryMs: 100 };

/**
 * While running, an extra (the per-layer probe, the boundary grid) is recomputed only when at
 * least COST_FACTOR times its last cost has passed since it was last done, so it never takes more
 * than ~1/(1 + COST_FACTOR) of the time: every frame for small nets, less often for big ones.
 */
const COST_FACTOR = 4;

class Throttle {
  private lastEnd = -Infinity;
  private cost = 0;
  private readonly minMs: number;
  constructor(minMs: number) { this.minMs = minMs; }
  due(now: number): boolean { return now - this.lastEnd >= Math.max(this.minMs, COST_FACTOR * this.cost); }
  done(start: number, end: number): void { this.lastEnd = end; this.cost = end - start; }
  clear(): void { this.lastEnd = -Infinity; this.cost = 0; }
}

/** Step rows kept between two snapshots before thinning (>60,000 steps/s at one snapshot per 16 ms). */
const PENDING_ROWS = 1024;

export class TrainLoop {
  private current: Trainer | null = null;
  private painter: BoundaryPainter | null = null;
  private pendingSteps: DecimatingSeries | null = null;
  private readonly pendingEvals = new DecimatingSeries(EVAL_FIELDS.length, 256);
  private state: TrainStatus = 'ready';
  private scheduled = false;
  /** Stop (paused) when the trainer reaches this step; null while playing freely. */
  private target: number | null = null;
  private lastPost = 0;
  private lastPostStep = 0;
  private readonly probeThrottle = new Throttle(0);
  private readonly boundaryThrottle: Throttle;
  private sendDataset = false;
  private readonly post: (snapshot: TrainSnapshot) => void;
  private readonly scheduler: Scheduler;
  private readonly timing: LoopTiming;

  constructor(post: (snapshot: TrainSnapshot) => void, scheduler: Scheduler = createDefaultScheduler(), timing: LoopTiming = DEFAULT_TIMING) {
    this.post = post;
    this.scheduler = scheduler;
    this.timing = timing;
    this.boundaryThrottle = new Throttle(timing.boundaryMs);
  }

  get trainer(): Trainer | null { return this.current; }
  get status(): TrainStatus { return this.state; }

  /** Take a new trainer (at step 0); posts a 'ready' snapshot with the data set. */
  load(trainer: Trainer): void {
    if (this.current) this.detach(this.current);
    this.current = trainer;
    this.painter = trainer.dataset.inputWidth === 2 ? new BoundaryPainter(trainer) : null;
    this.pendingSteps = new DecimatingSeries(stepColumns(trainer.net.layers.length), PENDING_ROWS);
    trainer.stepSinks.push(this.pendingSteps);
    this.pendingEvals.clear();
    // The evaluations made before the loop listened (the step-0 one): the page's curves start there.
    const history = trainer.evalHistory, row = new Float64Array(history.columns);
    for (let r = 0; r < history.rows; r++) {
      for (let c = 0; c < history.columns; c++) row[c] = history.at(r, c);
      this.pendingEvals.offer(row);
    }
    trainer.evalSinks.push(this.pendingEvals);
    this.sendDataset = true;
    this.afterReset();
  }

  /** The same trainer back at step 0; posts a 'ready' snapshot. */
  reset(): void {
    const t = this.requireTrainer();
    this.pendingSteps!.clear();
    this.pendingEvals.clear();
    t.reset(); // offers the step-0 evaluation to pendingEvals
    this.afterReset();
  }

  /** Change live settings (LIVE_KEYS); false if the config needs a new trainer. */
  applyLive(config: Config): boolean {
    return this.current !== null && this.current.applyLive(config);
  }

  play(): void {
    const t = this.requireTrainer();
    this.target = null;
    if (t.divergence) return this.emit('diverged');
    if (this.state === 'running') return;
    this.start();
  }

  /** Train count more steps, then pause (a snapshot at the end, and meanwhile as when playing). */
  step(count: number): void {
    const t = this.requireTrainer();
    if (t.divergence) return this.emit('diverged');
    this.target = t.step + Math.max(0, Math.floor(count));
    if (this.state !== 'running') this.start();
  }

  /** Stop before the next chunk; posts a 'paused' snapshot (or the current state if not running). */
  pause(): void {
    const t = this.requireTrainer();
    this.target = null;
    this.emit(t.divergence ? 'diverged' : this.state === 'ready' && t.step === 0 ? 'ready' : 'paused');
  }

  /** Stop for good (the worker is switching trainers or shutting down). */
  dispose(): void {
    if (this.current) this.detach(this.current);
    this.current = null;
    this.state = 'paused';
  }

  private requireTrainer(): Trainer {
    if (!this.current) throw new Error('no training run: send "reset" with a config first');
    return this.current;
  }

  private detach(t: Trainer): void {
    t.stepSinks.length = 0;
    t.evalSinks.length = 0;
  }

  private afterReset(): void {
    this.target = null;
    this.probeThrottle.clear();
    this.boundaryThrottle.clear();
    this.emit('ready');
  }

  private start(): void {
    this.state = 'running';
    this.lastPost = this.scheduler.now();
    this.lastPostStep = this.current!.step;
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.scheduler.defer(this.tick);
  }

  private readonly tick = (): void => {
    this.scheduled = false;
    const t = this.current;
    if (!t || this.state !== 'running') return;
    const clock = this.scheduler;
    const started = clock.now();
    // One step at least per chunk; the clock is read once per step (~0.1 us against >= 10 us a step).
    do {
      if (this.target !== null && t.step >= this.target) break;
      if (!t.trainStep()) break;
    } while (clock.now() - started < this.timing.chunkMs);
    if (t.divergence) return this.emit('diverged');
    if (this.target !== null && t.step >= this.target) {
      this.target = null;
      return this.emit('paused');
    }
    if (clock.now() - this.lastPost >= this.timing.snapshotMs) this.emit('running');
    this.schedule();
  };

  /** Post one snapshot in the given status, and make it the loop's status. */
  private emit(status: TrainStatus): void {
    const t = this.requireTrainer();
    this.state = status;
    const time = this.scheduler.now();
    const elapsed = time - this.lastPost;
    const stepsPerSecond = status === 'running' && elapsed > 0 ? ((t.step - this.lastPostStep) * 1000) / elapsed : 0;
    const evals = this.pendingEvals.chunk();
    const settled = status !== 'running';
    const clock = this.scheduler;
    let probe: ProbeData | null = null;
    if (settled || this.probeThrottle.due(time)) {
      probe = measureTraining(t);
      this.probeThrottle.done(time, clock.now());
    }
    let boundary: BoundaryGrid | null = null;
    if (this.painter && (settled || this.boundaryThrottle.due(time))) {
      const start = clock.now();
      boundary = this.painter.paint();
      this.boundaryThrottle.done(start, clock.now());
    }
    const snapshot: TrainSnapshot = {
      status,
      metrics: t.metrics,
      divergence: t.divergence?.message ?? null,
      stepsPerSecond,
      probe,
      steps: this.pendingSteps!.chunk(),
      evals,
      norm: normState(t),
      boundary,
      testPredictions: evals.rows > 0 ? Int32Array.from(t.testPredictions) : null,
      dataset: this.sendDataset ? datasetView(t) : null,
    };
    this.sendDataset = false;
    this.pendingSteps!.clear();
    this.pendingEvals.clear();
    this.lastPost = time;
    this.lastPostStep = t.step;
    this.post(snapshot);
  }
}
