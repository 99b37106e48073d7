/**
 * The worker's training messages ('reset', 'play', 'pause', 'step') over one TrainLoop, and the model export. Messages
 * are handled in order; one that needs the digits file waits for it, and the ones behind it wait
 * too, so a 'pause' never overtakes the 'play' before it. Every training message is answered:
 * snapshots carry the requestId of the newest training message handled; failures go back as
 * 'error' with the failing message's requestId, and end the current run (send 'reset' again).
 */
import { toQuery, variantName, variantsOf, type Config } from '../contract/config.ts';
import { DATASETS } from '../contract/datasets.ts';
import { needsDataFile, parseDataFile } from '../data/files.ts';
import { exportModel } from '../export/model.ts';
import type { DrawnMessage, ExportModelMessage, FromWorker, InspectMessage, TrainMessage } from '../contract/protocol.ts';
import { trainSnapshotTransferables } from '../train/snapshot.ts';
import { createDefaultScheduler, DEFAULT_TIMING, TrainLoop, type LoopTiming, type Scheduler } from '../train/trainLoop.ts';
import { trainingProblem } from '../contract/training.ts';
import { Trainer } from '../train/trainer.ts';
import type { LoopRun } from '../train/loopRun.ts';
import { createArchRun } from '../arch/run.ts';
import type { DataFile } from '../data/files.ts';

/** An architecture run replayed to `step`, exported as the CLI's --export writes it. */
function exportArchAt(config: Config, step: number, data: DataFile | null): unknown {
  const run = createArchRun(config, data);
  for (let i = 0; i < step && run.trainStep(); i++);
  return run.exportJson();
}

/** The run of a config: an architecture's (arch=) or the MLP's. */
function runOf(config: Config, data: DataFile | null): LoopRun {
  return config.arch !== '' ? createArchRun(config, data) : new Trainer(config, data);
}

export interface TrainHandlerOptions {
  readonly scheduler?: Scheduler;
  readonly timing?: LoopTiming;
  /** Fetch a file's bytes (default: fetch()). Tests and Node hand in their own. */
  readonly fetchBytes?: (url: string) => Promise<Uint8Array>;
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

export function createTrainHandler(
  post: (message: FromWorker, transfer: ArrayBuffer[]) => void,
  options: TrainHandlerOptions = {},
): (message: TrainMessage | ExportModelMessage | DrawnMessage | InspectMessage) => Promise<void> {
  let requestId = 0;
  const loop = new TrainLoop(
    (snapshot) => post({ type: 'trainSnapshot', requestId, snapshot }, trainSnapshotTransferables(snapshot)),
    options.scheduler ?? createDefaultScheduler(),
    options.timing ?? DEFAULT_TIMING,
  );
  const load = options.fetchBytes ?? fetchBytes;
  const filesByUrl = new Map<string, Promise<DataFile>>();
  let queue: Promise<void> = Promise.resolve();

  /** The config's data file (fetched once per URL), or null for a generated data set. */
  function dataFile(config: Config, url: string | undefined): Promise<DataFile | null> {
    if (!needsDataFile(config)) return Promise.resolve(null);
    const name = config.data;
    if (!url) return Promise.reject(new Error(`data=${name} needs the page to say where ${DATASETS[name].file} is served (dataUrl)`));
    let d = filesByUrl.get(url);
    if (!d) {
      d = load(url).then((bytes) => parseDataFile(name, bytes)).catch((error: unknown) => {
        const why = error instanceof Error ? error.message : String(error);
        throw new Error(`The ${DATASETS[name].title} could not be read (${why}). Choose another data set (the 2D sets are generated and need no file), or reload the page.`);
      });
      d.catch(() => filesByUrl.delete(url)); // let a later request try again
      filesByUrl.set(url, d);
    }
    return d;
  }

  /**
   * The loop's trainers for this config (its run, and its A/B variant's when vs is set): kept
   * (with live keys applied to both), or new ones at step 0. The comparison is of the whole
   * query, vs included.
   */
  async function trainerFor(config: Config, dataUrl: string | undefined, fresh: boolean): Promise<void> {
    const t = loop.trainer;
    if (!fresh && t && (toQuery(t.config) === toQuery(config) || loop.applyLive(config))) return;
    const problem = trainingProblem(config);
    if (problem) throw new Error(problem);
    const variants = variantsOf(config);
    variants.forEach((variant, i) => {
      const variantProblem = trainingProblem(variant);
      if (variantProblem) throw new Error(`${variantName(config, i)}: ${variantProblem}`);
    });
    const data = await dataFile(config, dataUrl);
    // All on the same data set (vs cannot change it); stops the old run, if any; posts a 'ready' snapshot.
    loop.load(runOf(config, data), variants.map((v) => runOf(v, data)));
  }

  async function handle(message: TrainMessage): Promise<void> {
    requestId = message.requestId;
    try {
      switch (message.type) {
        case 'reset':
          if (loop.trainer && toQuery(loop.trainer.config) === toQuery(message.config)) loop.reset();
          else await trainerFor(message.config, message.dataUrl, true);
          return;
        case 'play':
          await trainerFor(message.config, message.dataUrl, false);
          loop.play();
          return;
        case 'step':
          await trainerFor(message.config, message.dataUrl, false);
          loop.step(message.count);
          return;
        case 'pause':
          if (loop.trainer) loop.pause();
          else post({ type: 'error', requestId, message: 'nothing to pause: no training run yet' }, []);
          return;

      }
    } catch (error) {
      // A run the page asked to replace and could not have is over: stop it rather than let it continue unseen.
      loop.dispose();
      post({ type: 'error', requestId: message.requestId, message: error instanceof Error ? error.message : String(error) }, []);
    }
  }

  /** The model export: a replay of its own, queued behind the training messages; the run goes on. */
  async function exportOne(message: ExportModelMessage): Promise<void> {
    try {
      const data = await dataFile(message.config, message.dataUrl);
      post({ type: 'modelExport', requestId: message.requestId, json: JSON.stringify(message.config.arch !== '' ? exportArchAt(message.config, message.step, data) : exportModel(message.config, message.step, data)) }, []);
    } catch (error) {
      post({ type: 'error', requestId: message.requestId, message: error instanceof Error ? error.message : String(error) }, []);
    }
  }

  return (message) => {
    if (message.type === 'exportModel') {
      queue = queue.then(() => exportOne(message));
      return queue;
    }
    if (message.type === 'drawn') {
      loop.drawn();
      return Promise.resolve();
    }
    if (message.type === 'inspect') {
      // Queued: it applies to the run the messages before it built.
      queue = queue.then(() => { if (loop.trainer) loop.inspect(message.index); });
      return queue;
    }
    queue = queue.then(() => handle(message));
    return queue;
  };
}
