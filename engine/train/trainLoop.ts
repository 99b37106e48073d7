/**
 * Training in a worker without blocking it: steps run in chunks of ~10 ms, then the loop yields
 * to the event loop (so a 'pause' message is handled between chunks) and posts at most one
 * snapshot per ~16 ms (an animation frame), never one per step. The clock and the yield are
 * injected, so tests drive the loop by hand in Node.
 */
import { variantsOf, type Config } from '../contract/config.ts';
import { weightHistograms } from './weightHistogram.ts';
import { type BoundaryGrid } from '../contract/trainLayout.ts';
import { EVAL_FIELDS } from '../contract/trainLayout.ts';
import { DecimatingSeries } from '../contract/series.ts';
import { type TrainSnapshot, type TrainStatus } from '../contract/trainLayout.ts';
import type { LoopRun } from './loopRun.ts';
import { differsOnlyLive } from '../contract/training.ts';
import { parametersFingerprint } from '../contract/fingerprint.ts';

export { createDefaultScheduler, type Scheduler } from '../scheduler.ts';
import { createDefaultScheduler, type Scheduler } from '../scheduler.ts';
import type { PretrainView } from '../contract/pretrain.ts';
import { pretrainView } from '../pretrain/view.ts';
import { Trainer } from './trainer.ts';

export interface LoopTiming {
  /** Training time per chunk before yielding, ms. */
  readonly chunkMs: number;
  /** Least time between two snapshots while running, ms (one animation frame). */
  readonly snapshotMs: number;
  /** Least time between two decision-boundary grids while running, ms. */
  readonly boundaryMs: number;
  /**
   * Longest wait for the page to say it drew the last snapshot before posting the next anyway, ms
   * (a hidden tab draws nothing, and still gets a snapshot this often). Default 1000.
   */
  readonly drawWaitMs?: number;
  /**
   * Longest time between two evaluations of the test set while running, ms (default 500): the
   * test numbers on the page are never older than this, whatever evalevery says, unless one
   * evaluation costs more than 1/COST_FACTOR of it (LeNet-5 on 1,200 test images: ~0.65 s), when
   * it waits COST_FACTOR times its cost, like the other extras, so it never takes more than ~1/9 of
   * the time. Pause, the end of a Step and every settled snapshot evaluate too, so a paused run's
   * test numbers are its own.
   */
  readonly evalMs?: number;
}

export const DEFAULT_TIMING: LoopTiming = { chunkMs: 10, snapshotMs: 16, boundaryMs: 100, drawWaitMs: 1000, evalMs: 500 };

/**
 * While running, an extra (the per-layer probe, the boundary grid) is recomputed only when at
 * least COST_FACTOR times its last cost has passed since it was last done, so it never takes more
 * than ~1/(1 + COST_FACTOR) of the time, and the two together ~1/5: every frame for small nets,
 * less often for big ones. (At 4 each, with the ICS passes' own 1/4, a 20 x 128 net on spiral
 * trained only half the time.)
 */
const COST_FACTOR = 8;

class Throttle {
  private lastEnd = -Infinity;
  private cost = 0;
  private readonly minMs: number;
  constructor(minMs: number) { this.minMs = minMs; }
  due(now: number): boolean { return now - this.lastEnd >= Math.max(this.minMs, COST_FACTOR * this.cost); }
  done(start: number, end: number): void { this.lastEnd = end; this.cost = end - start; }
  /** Done at `end` without measuring (nothing was computed): the last cost stands. */
  skipped(end: number): void { this.lastEnd = end; }
  clear(): void { this.lastEnd = -Infinity; this.cost = 0; }
}

/** Step rows kept between two snapshots before thinning (>60,000 steps/s at one snapshot per 16 ms). */
const PENDING_ROWS = 1024;

/** One trainer in the loop, with what its next snapshot will carry. */
class Lane {
  readonly trainer: LoopRun;
  readonly painter: { paint(): BoundaryGrid } | null;
  readonly pendingSteps: DecimatingSeries;
  readonly pendingEvals = new DecimatingSeries(EVAL_FIELDS.length, 256);
  readonly pendingIcs: DecimatingSeries;
  lastPostStep = 0;
  /** An extra evaluation since the last snapshot: its predictions go with the next one. */
  evaluated = false;
  /** Whether the probes before and after pretraining went with a snapshot since the run was (re)built. */
  sentBefore = false;
  sentAfter = false;

  constructor(trainer: LoopRun) {
    this.trainer = trainer;
    this.painter = trainer.boundaryPainter();
    this.pendingSteps = new DecimatingSeries(trainer.stepRow.length, PENDING_ROWS);
    this.pendingIcs = new DecimatingSeries(trainer.icsHistory.columns, 256);
    trainer.stepSinks.push(this.pendingSteps);
    // What was recorded before the loop listened (the step-0 evaluation): the page's curves start there.
    copyRows(trainer.evalHistory, this.pendingEvals);
    copyRows(trainer.icsHistory, this.pendingIcs);
    trainer.evalSinks.push(this.pendingEvals);
    trainer.icsSinks.push(this.pendingIcs);
  }

  detach(): void {
    const t = this.trainer;
    t.stepSinks.length = 0;
    t.evalSinks.length = 0;
    t.icsSinks.length = 0;
  }

  clear(): void {
    this.pendingSteps.clear();
    this.pendingEvals.clear();
    this.pendingIcs.clear();
  }
}

function copyRows(from: DecimatingSeries, to: DecimatingSeries): void {
  const row = new Float64Array(from.columns);
  for (let r = 0; r < from.rows; r++) {
    for (let c = 0; c < from.columns; c++) row[c] = from.at(r, c);
    to.offer(row);
  }
}

/**
 * The loop trains one run, or several in LOCKSTEP (the config's A/B variants, vs: up to 3): each
 * pass of a chunk takes one step of each run still going, so all are at the same step until one
 * diverges; the others then go on without it until paused. The chunk's time budget covers all.
 */
export class TrainLoop {
  private lanes: Lane[] = [];
  private state: TrainStatus = 'ready';
  private scheduled = false;
  /** Stop (paused) when the leading run reaches this step; null while playing freely. */
  private target: number | null = null;
  private lastPost = 0;
  /** When the test set was last evaluated for the page (extra), and what it cost, loop clock. */
  private readonly evalThrottle: Throttle;
  /** Counts Play, Step and Pause: a paused snapshot's deferred extras are dropped when another came since. */
  private settling = 0;
  /** The first tick after Play posts a light 'running' snapshot after one lockstep pass. */
  private answerPlay = false;
  private readonly probeThrottle = new Throttle(0);
  private readonly boundaryThrottle: Throttle;
  private sendDataset = false;
  /**
   * Pacing by the page: once it has said 'drawn' (it acknowledges every snapshot after drawing
   * it), a running loop posts the next snapshot only when the last one is drawn. A page that draws
   * slower than one snapshot a frame (a slow laptop, every panel open) then gets fewer snapshots,
   * each carrying more steps, instead of a queue of them that grows for as long as the run goes on.
   * Pages and callers that never say 'drawn' (the CLI, tests) get one per snapshotMs as before.
   */
  private paced = false;
  private awaitingDraw = false;
  private readonly post: (snapshot: TrainSnapshot) => void;
  private readonly scheduler: Scheduler;
  private readonly timing: LoopTiming;

  constructor(post: (snapshot: TrainSnapshot) => void, scheduler: Scheduler = createDefaultScheduler(), timing: LoopTiming = DEFAULT_TIMING) {
    this.post = post;
    this.scheduler = scheduler;
    this.timing = timing;
    this.boundaryThrottle = new Throttle(timing.boundaryMs);
    this.evalThrottle = new Throttle(timing.evalMs ?? 500);
  }

  /** The primary run. */
  get trainer(): LoopRun | null { return this.lanes[0]?.trainer ?? null; }
  /** The first A/B variant's run, trained in lockstep, or null. */
  get variant(): LoopRun | null { return this.lanes[1]?.trainer ?? null; }
  /** Every A/B variant's run, in vs order. */
  get variants(): LoopRun[] { return this.lanes.slice(1).map((lane) => lane.trainer); }
  get status(): TrainStatus { return this.state; }

  /**
   * Take a new run at step 0 (and its A/B variants', variantsOf(config), on the same data: one
   * trainer, a list, or null); posts a 'ready' snapshot with the data set.
   */
  load(trainer: LoopRun, variants: LoopRun | readonly LoopRun[] | null = null): void {
    for (const lane of this.lanes) lane.detach();
    const others = variants === null ? [] : Array.isArray(variants) ? variants : [variants as LoopRun];
    this.lanes = [trainer, ...others].map((t) => new Lane(t));
    this.sendDataset = true;
    this.afterReset();
  }

  /** The same run(s) back at step 0; posts a 'ready' snapshot. */
  reset(): void {
    this.requireTrainer();
    for (const lane of this.lanes) {
      lane.clear();
      lane.sentBefore = lane.sentAfter = false;
      lane.trainer.reset(); // offers the step-0 evaluation to pendingEvals
    }
    this.afterReset();
  }

  /**
   * Change live settings (LIVE_KEYS) of the run and of its variants (each keeps the ones vs
   * overrides); false if the config needs new trainers (changing nothing).
   */
  applyLive(config: Config): boolean {
    const [primary, ...variants] = this.lanes;
    if (!primary) return false;
    const configs = variantsOf(config);
    if (configs.length !== variants.length) return false;
    // Check every run first, so a refusal leaves all of them as they were.
    const probe = (t: LoopRun, c: Config) => differsOnlyLive(c, t.config);
    if (!probe(primary.trainer, config) || !variants.every((v, i) => probe(v.trainer, configs[i]))) return false;
    primary.trainer.applyLive(config);
    variants.forEach((v, i) => v.trainer.applyLive(configs[i]));
    return true;
  }

  play(): void {
    this.requireTrainer();
    this.target = null;
    this.settling++;
    if (this.allDiverged()) return this.emit('diverged');
    if (this.state === 'running') return;
    this.start();
    // Answer after the first lockstep pass rather than after a whole chunk and a frame.
    this.answerPlay = true;
  }

  /** Train count more steps (each run), then pause (a snapshot at the end, and meanwhile as when playing). */
  step(count: number): void {
    this.requireTrainer();
    if (this.allDiverged()) return this.emit('diverged');
    this.settling++;
    this.target = this.lead() + Math.max(0, Math.floor(count));
    if (this.state !== 'running') this.start();
  }

  /** Stop before the next chunk; posts a 'paused' snapshot (or the current state if not running). */
  pause(): void {
    this.requireTrainer();
    this.target = null;
    const status = this.allDiverged() ? 'diverged' : this.state === 'ready' && this.lead() === 0 ? 'ready' : 'paused';
    if (status !== 'paused') return this.emit(status);
    // Answer at once with the numbers (the test set evaluated at this step); the per-layer probe
    // and the decision boundary follow in a task of their own, unless a Play or Step comes first.
    this.emit('paused', true);
    const settling = ++this.settling;
    this.scheduler.defer(() => {
      if (this.settling === settling && this.state === 'paused' && this.lanes.length > 0) this.emit('paused');
    });
  }

  /**
   * Show test image `index`'s feature maps (architecture runs): every run takes it; a run that is
   * not running posts a snapshot with them at once, a running one with its next full snapshot.
   */
  inspect(index: number): void {
    for (const lane of this.lanes) if (lane.trainer.inspectIndex !== undefined) lane.trainer.inspectIndex = index;
    if (this.lanes.length > 0 && this.state !== 'running') {
      this.probeThrottle.clear();
      this.emit(this.state);
    }
  }

  /** The page has drawn the last snapshot: the next may be posted (see `paced`). */
  drawn(): void {
    this.paced = true;
    this.awaitingDraw = false;
  }

  /** Stop for good (the worker is switching trainers or shutting down). */
  dispose(): void {
    for (const lane of this.lanes) lane.detach();
    this.lanes = [];
    this.state = 'paused';
  }

  private requireTrainer(): LoopRun {
    const t = this.trainer;
    if (!t) throw new Error('no training run: send "reset" with a config first');
    return t;
  }

  /**
   * The furthest progress of the runs (pretraining steps plus training steps: they move together
   * until one diverges, and a run without pretraining waits while another pretrains).
   */
  private lead(): number {
    let step = 0;
    for (const lane of this.lanes) step = Math.max(step, lane.trainer.progress);
    return step;
  }

  private allDiverged(): boolean {
    return this.lanes.every((lane) => lane.trainer.divergence !== null);
  }

  private afterReset(): void {
    this.target = null;
    this.settling++;
    this.probeThrottle.clear();
    this.boundaryThrottle.clear();
    this.emit('ready');
  }

  private start(): void {
    this.state = 'running';
    this.lastPost = this.scheduler.now();
    this.evalThrottle.skipped(this.lastPost);
    for (const lane of this.lanes) lane.lastPostStep = lane.trainer.progress;
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.scheduler.defer(this.tick);
  }

  private readonly tick = (): void => {
    this.scheduled = false;
    const lanes = this.lanes;
    if (lanes.length === 0 || this.state !== 'running') return;
    const clock = this.scheduler;
    const started = clock.now();
    // One lockstep pass at least per chunk; the clock is read once per pass (~0.1 us against >= 10 us a step).
    do {
      if (this.target !== null && this.lead() >= this.target) break;
      // While any run pretrains, only the pretraining runs move: every run takes its first training
      // step together, so the A/B compares the same number of steps with labels.
      let pretraining = false;
      for (let i = 0; i < lanes.length; i++) if (lanes[i].trainer.pretraining) pretraining = true;
      let moved = false;
      for (let i = 0; i < lanes.length; i++) {
        const t = lanes[i].trainer;
        if (pretraining ? t.pretrainStep() : t.trainStep()) moved = true;
      }
      if (!moved) break;
    } while (!this.answerPlay && clock.now() - started < this.timing.chunkMs);
    if (this.allDiverged()) return this.emit('diverged');
    if (this.target !== null && this.lead() >= this.target) {
      this.target = null;
      return this.emit('paused');
    }
    if (this.evalThrottle.due(clock.now())) this.evaluateExtra();
    if (this.answerPlay) {
      this.answerPlay = false;
      this.emit('running', true);
      return this.schedule();
    }
    const sincePost = clock.now() - this.lastPost;
    const drawn = !this.awaitingDraw || sincePost >= (this.timing.drawWaitMs ?? 1000);
    if (sincePost >= this.timing.snapshotMs && drawn) this.emit('running');
    this.schedule();
  };

  /** A lane's pretraining view, with the probes before and after it the first time each is there. */
  private pretrainOf(lane: Lane): PretrainView | null {
    const trainer = lane.trainer;
    if (!(trainer instanceof Trainer)) return null; // pretraining is the MLP's
    const { before, after } = trainer.pretrainProbes;
    const view = pretrainView(trainer, { before: !lane.sentBefore, after: !lane.sentAfter });
    if (before) lane.sentBefore = true;
    if (after) lane.sentAfter = true;
    return view;
  }

  /** Every run's test set at its current step, unless already evaluated there (see Trainer.evaluateExtra). */
  private evaluateExtra(): void {
    const start = this.scheduler.now();
    let any = false;
    for (const lane of this.lanes) if (lane.trainer.evaluateExtra()) lane.evaluated = any = true;
    const end = this.scheduler.now();
    // An evaluation that had nothing to do (the step was evaluated already) keeps the last cost.
    if (any) this.evalThrottle.done(start, end);
    else this.evalThrottle.skipped(end);
  }

  /**
   * Post one snapshot in the given status, and make it the loop's status. A light one skips the
   * per-layer probe and the boundary grid (the page keeps its last): Play and Pause answer with it.
   */
  private emit(status: TrainStatus, light = false): void {
    this.requireTrainer();
    this.state = status;
    const clock = this.scheduler;
    const time = clock.now();
    const elapsed = time - this.lastPost;
    const settled = status !== 'running';
    if (settled) this.evaluateExtra();
    // The extras are throttled on what they cost for every run together.
    const probing = !light && (settled || this.probeThrottle.due(time));
    const probes = this.lanes.map((lane) => (probing ? lane.trainer.measure() : null));
    const archs = this.lanes.map((lane) => (probing && lane.trainer.archState ? lane.trainer.archState() : null));
    if (probing) this.probeThrottle.done(time, clock.now());
    const painting = !light && this.lanes[0].painter !== null && (settled || this.boundaryThrottle.due(time));
    const paintStart = clock.now();
    const boundaries = this.lanes.map((lane): BoundaryGrid | null => (painting && lane.painter ? lane.painter.paint() : null));
    if (painting) this.boundaryThrottle.done(paintStart, clock.now());
    // The augmented batches, when any run augments (then every run's, the plain one's too, for the side-by-side grid).
    const augmenting = this.lanes.some((lane) => lane.trainer.augmenter !== null);
    const snapshots = this.lanes.map((lane, i): TrainSnapshot => {
      const t = lane.trainer;
      const evals = lane.pendingEvals.chunk();
      return {
        status: i === 0 || !t.divergence ? status : 'diverged',
        metrics: t.shownMetrics,
        divergence: t.divergence?.message ?? null,
        fingerprint: settled ? parametersFingerprint(t.params.map((p) => p.value)) : null,
        stepsPerSecond: status === 'running' && elapsed > 0 ? ((t.progress - lane.lastPostStep) * 1000) / elapsed : 0,
        probe: probes[i],
        steps: lane.pendingSteps.chunk(),
        evals,
        ics: lane.pendingIcs.chunk(),
        norm: t.normState(),
        arch: archs[i],
        boundary: boundaries[i],
        weights: probing ? weightHistograms(t.net) : null,
        testPredictions: evals.rows > 0 || lane.evaluated ? Int32Array.from(t.shownPredictions) : null,
        dataset: i === 0 && this.sendDataset ? t.datasetView() : null,
        variant: null,
        variants: [],
        augmented: augmenting ? (t.batchPreview?.view() ?? null) : null,
        ...(t instanceof Trainer && t.pretrainer ? { pretrain: this.pretrainOf(lane) } : {}),
      };
    });
    this.sendDataset = false;
    for (const lane of this.lanes) {
      lane.clear();
      lane.evaluated = false;
      lane.lastPostStep = lane.trainer.progress;
    }
    this.awaitingDraw = this.paced;
    const variants = snapshots.slice(1);
    this.post({ ...snapshots[0], variant: variants[0] ?? null, variants });
    // Stamped once posted, not when begun (nor just before posting: a GC pause there made two posts
    // 11.7 ms apart on a loaded machine): the page sees posts >= snapshotMs apart even when this
    // one took long (a decision-boundary grid) and the next will not.
    this.lastPost = clock.now();
  }
}
