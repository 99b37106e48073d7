import { comparisonLineSlices, comparisonTransferables } from '../compare.ts';
import { COMPARISON_LINES } from '../contract/comparison.ts';
import { variantsOf, type Config } from '../contract/config.ts';
import { probeSlices } from '../experiment.ts';
import { budgetProblem } from '../contract/limits.ts';
import { probeTransferables, type ProbeData } from '../contract/probeLayout.ts';
import { quickProbe, quickProbeSupported } from '../probe/quickProbe.ts';
import { correlationProbe } from '../probe/correlationProbe.ts';
import { assertNever, type FromWorker, type ToWorker } from '../contract/protocol.ts';
import { createYieldingScheduler } from '../scheduler.ts';
import type { TrainHandlerOptions } from './trainHandler.ts';

/** A quick look is on a handful of examples; a variant that sets a bigger batch takes the full probe. */
const QUICK_MAX_BATCH = 8;

export type Post = (message: FromWorker, transfer: ArrayBuffer[]) => void;

/** Work between two yields of a sliced job (a full probe, a comparison line), ms: a newer config waits at most this (and one layer). */
export const SLICE_MS = 40;

/**
 * The worker's logic without the Worker: it runs the same in a Web Worker, in Node tests and on
 * the main thread. The page keeps one request in flight and collapses the ones that arrive
 * meanwhile, except that a newer config does not wait for a full probe or a comparison line:
 * those run in slices (a layer's forward or backward at a time, yielding every SLICE_MS), and any
 * newer 'configure' or 'compareLine' abandons the one running, whose answer is never sent.
 */
export function createWorkerHandler(post: Post, options: TrainHandlerOptions = {}): (message: ToWorker) => void | Promise<void> {
  type TrainMessage = Extract<ToWorker, { type: 'reset' | 'play' | 'step' | 'pause' | 'exportModel' | 'drawn' | 'inspect' }>;
  /**
   * The training handler, loaded with the first training message: the trainer, the data sets and
   * the optimizers stay out of the code the first chart waits for. Messages that arrive while it
   * loads are handled in order (each waits on the same promise).
   */
  let train: Promise<(message: TrainMessage) => Promise<void>> | null = null;
  const scheduler = options.scheduler ?? createYieldingScheduler();
  /** The sliced job running, if any; a newer request sets abandoned. */
  let job: { abandoned: boolean } | null = null;
  const fail = (requestId: number, error: unknown) =>
    post({ type: 'error', requestId, message: error instanceof Error ? error.message : String(error) }, []);

  /** Drive slices to their end, yielding every SLICE_MS; null once abandoned. */
  function runSliced<T>(slices: Generator<void, T, void>, mine: { abandoned: boolean }): Promise<T | null> {
    return new Promise((resolve, reject) => {
      const run = () => {
        if (mine.abandoned) {
          resolve(null);
          return;
        }
        const until = scheduler.now() + SLICE_MS;
        try {
          for (;;) {
            const next = slices.next();
            if (next.done) {
              resolve(next.value);
              return;
            }
            if (scheduler.now() >= until) break;
          }
        } catch (error) {
          reject(error);
          return;
        }
        scheduler.defer(run);
      };
      run();
    });
  }

  /** A new job: the one running is abandoned. */
  function startJob(): { abandoned: boolean } {
    if (job) job.abandoned = true;
    job = { abandoned: false };
    return job;
  }

  async function configure(message: Extract<ToWorker, { type: 'configure' }>, mine: { abandoned: boolean }, started: number): Promise<void> {
    const quick = (config: Config) => message.quick === true && config.batch <= QUICK_MAX_BATCH && quickProbeSupported(config);
    const probeOf = async (config: Config) => (quick(config) ? quickProbe(config) : (await runSliced(probeSlices(config), mine))?.probe ?? null);
    const probe = await probeOf(message.config);
    if (probe === null) return;
    const variants = variantsOf(message.config);
    const variantProblems = variants.map((v) => budgetProblem(v));
    const variantProbes: (ProbeData | null)[] = [];
    for (let i = 0; i < variants.length; i++) {
      if (variantProblems[i]) {
        variantProbes.push(null);
        continue;
      }
      const p = await probeOf(variants[i]);
      if (p === null) return;
      variantProbes.push(p);
    }
    if (mine.abandoned) return;
    const transfer = probeTransferables(probe);
    for (const p of variantProbes) if (p) transfer.push(...probeTransferables(p));
    post({
      type: 'snapshot', requestId: message.requestId, probe,
      variantProbes, variantProblems, elapsedMs: performance.now() - started,
    }, transfer);
  }

  async function compareLine(message: Extract<ToWorker, { type: 'compareLine' }>, mine: { abandoned: boolean }, started: number): Promise<void> {
    const line = COMPARISON_LINES[message.lineIndex];
    if (!line) throw new Error(`no comparison line ${message.lineIndex}`);
    const result = await runSliced(comparisonLineSlices(message.config, line), mine);
    if (result === null) return;
    post({ type: 'comparisonLine', requestId: message.requestId, lineIndex: message.lineIndex, result, elapsedMs: performance.now() - started }, comparisonTransferables(result));
  }

  return (message) => {
    const started = performance.now();
    switch (message.type) {
      case 'configure':
      case 'compareLine': {
        const mine = startJob();
        const work = message.type === 'configure' ? configure(message, mine, started) : compareLine(message, mine, started);
        return work
          .catch((error: unknown) => { if (!mine.abandoned) fail(message.requestId, error); })
          .finally(() => { if (job === mine) job = null; });
      }
      case 'reset':
      case 'play':
      case 'step':
      case 'pause':
      case 'exportModel':
        // Training (and the model export, which replays a run) runs in chunks between messages; see engine/train/trainHandler.ts. Created on first use.
        train ??= import('./trainHandler.ts').then(({ createTrainHandler }) => createTrainHandler(post, options));
        return train.then((handle) => handle(message), (error: unknown) => fail(message.requestId, error));
      case 'receptiveField':
        // The conv builder stays out of the first chart's code: loaded with the first such request.
        return import('../arch/erf.ts').then(({ effectiveReceptiveField }) => {
          const result = effectiveReceptiveField(message.request);
          post({ type: 'receptiveField', requestId: message.requestId, result }, [result.map.buffer as ArrayBuffer]);
        }).catch((error: unknown) => fail(message.requestId, error));
      case 'correlation':
        try {
          post({ type: 'correlation', requestId: message.requestId, c0: message.c0, measured: Array.from(correlationProbe(message.config, message.c0)) }, []);
        } catch (error) {
          fail(message.requestId, error);
        }
        return;
      case 'trainabilityCell':
        // The map's own workers run one cell at a time; the trainer's modules load with the first cell.
        return import('../trainability/cell.ts').then(({ trainCell }) => {
          post({ type: 'trainabilityCell', requestId: message.requestId, result: trainCell(message.cell) }, []);
        }).catch((error: unknown) => fail(message.requestId, error));
      case 'drawn': case 'inspect':
        return train?.then((handle) => handle(message), () => {}); // nothing to pace before the first training message
      default:
        assertNever(message);
    }
  };
}
