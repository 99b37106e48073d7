import { COMPARISON_LINES, comparisonTransferables, runComparisonLine } from './compare.ts';
import { variantsOf, type Config } from './config.ts';
import { runProbe } from './experiment.ts';
import { budgetProblem } from './limits.ts';
import { probeTransferables } from './probe/layout.ts';
import { quickProbe, quickProbeSupported } from './probe/quickProbe.ts';
import { assertNever, type FromWorker, type ToWorker } from './protocol.ts';
import type { TrainHandlerOptions } from './train/trainHandler.ts';

/** A quick look is on a handful of examples; a variant that sets a bigger batch takes the full probe. */
const QUICK_MAX_BATCH = 8;

export type Post = (message: FromWorker, transfer: ArrayBuffer[]) => void;

/**
 * The worker's logic without the Worker: it runs the same in a Web Worker, in Node tests and on
 * the main thread. The page sends a new request only when the previous answer has arrived, so
 * stale requests are dropped on the page side instead of queueing here.
 */
export function createWorkerHandler(post: Post, options: TrainHandlerOptions = {}): (message: ToWorker) => void | Promise<void> {
  type TrainMessage = Extract<ToWorker, { type: 'reset' | 'play' | 'step' | 'pause' | 'drawn' }>;
  /**
   * The training handler, loaded with the first training message: the trainer, the data sets and
   * the optimizers stay out of the code the first chart waits for. Messages that arrive while it
   * loads are handled in order (each waits on the same promise).
   */
  let train: Promise<(message: TrainMessage) => Promise<void>> | null = null;
  const fail = (requestId: number, error: unknown) =>
    post({ type: 'error', requestId, message: error instanceof Error ? error.message : String(error) }, []);
  return (message) => {
    const started = performance.now();
    switch (message.type) {
      case 'configure': {
        try {
          const probeOf = (config: Config) =>
            message.quick === true && config.batch <= QUICK_MAX_BATCH && quickProbeSupported(config) ? quickProbe(config) : runProbe(config).probe;
          const probe = probeOf(message.config);
          const variants = variantsOf(message.config);
          const variantProblems = variants.map((v) => budgetProblem(v));
          const variantProbes = variants.map((v, i) => (variantProblems[i] ? null : probeOf(v)));
          const transfer = probeTransferables(probe);
          for (const p of variantProbes) if (p) transfer.push(...probeTransferables(p));
          const said = variantProblems.flatMap((p, i) => (p ? [variants.length > 1 ? `variant ${i + 1}: ${p}` : p] : []));
          post({
            type: 'snapshot', requestId: message.requestId, probe,
            variantProbe: variantProbes[0] ?? null, variantProblem: said.length > 0 ? said.join(' ') : null,
            variantProbes, variantProblems, elapsedMs: performance.now() - started,
          }, transfer);
        } catch (error) {
          fail(message.requestId, error);
        }
        return;
      }
      case 'compareLine': {
        const line = COMPARISON_LINES[message.lineIndex];
        if (!line) {
          fail(message.requestId, `no comparison line ${message.lineIndex}`);
          return;
        }
        try {
          const result = runComparisonLine(message.config, line);
          post({ type: 'comparisonLine', requestId: message.requestId, lineIndex: message.lineIndex, result, elapsedMs: performance.now() - started }, comparisonTransferables(result));
        } catch (error) {
          fail(message.requestId, error);
        }
        return;
      }
      case 'reset':
      case 'play':
      case 'step':
      case 'pause':
        // Training runs in chunks between messages; see engine/train/trainHandler.ts. Created on first use.
        train ??= import('./train/trainHandler.ts').then(({ createTrainHandler }) => createTrainHandler(post, options));
        return train.then((handle) => handle(message), (error: unknown) => fail(message.requestId, error));
      case 'drawn':
        return train?.then((handle) => handle(message), () => {}); // nothing to pace before the first training message
      default:
        assertNever(message);
    }
  };
}
