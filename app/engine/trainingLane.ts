/**
 * Training and model exports. They bypass the probe's one-at-a-time gate: training runs in the
 * same worker in ~10 ms chunks between messages, and an export is answered by its own request id.
 */
import type { Config } from '../../engine/contract/config.ts';
import { dataFileOf } from '../../engine/contract/datasets.ts';
import type { TrainSnapshot } from '../../engine/contract/trainLayout.ts';
import type { Answer, WorkerHost } from './workerHost.ts';

/** A training command: 'reset' (a run at step 0), 'play', 'step' (count steps), 'pause'. */
export type TrainCommand =
  | { readonly type: 'reset' | 'play' | 'pause' }
  | { readonly type: 'step'; readonly count: number }
  /** An architecture run's feature maps of test image `index` (the run and its playing state go on). */
  | { readonly type: 'inspect'; readonly index: number };

export interface TrainingEvents {
  /** A training snapshot for the run of this config (the config of the newest training command). */
  trainSnapshot(config: Config, snapshot: TrainSnapshot): void;
  /** A training command failed (the run is over; 'reset' starts another). */
  trainFailed(config: Config, message: string): void;
}

/** What the lane made of a worker's message: not its own, its own, or its own and the run stopped playing. */
export type Heard = 'other' | 'handled' | 'stopped';

export interface TrainingLane {
  /** Training is running (Play, until a pause, a reset or a run that stops): background work waits. */
  readonly playing: boolean;
  /** The config of the newest training command, while its run lasts. */
  config(): Config | null;
  send(command: TrainCommand, config: Config): void;
  exportModel(config: Config, step: number): Promise<string>;
  receive(message: Answer): Heard;
  /** The worker ended: the run is forgotten and waiting exports are rejected. */
  end(): void;
}

/** A training snapshot drawn slower than this (ms, from arrival to its frame) delays the next one as long again, up to MAX_DRAWN_DELAY_MS. */
const SLOW_FRAME_MS = 50;
const MAX_DRAWN_DELAY_MS = 1000;

/** Where the page serves the config's data file (the worker fetches it from the page's own origin), if it has one. */
function dataUrlOf(config: Config): string | undefined {
  const file = dataFileOf(config);
  return file === null || typeof document === 'undefined' ? undefined : new URL(file, document.baseURI).href;
}

export function createTrainingLane(host: WorkerHost, events: TrainingEvents, now: () => number): TrainingLane {
  /** The newest training command's id and config; snapshots for older ones are still this run's. */
  let training: { requestId: number; config: Config } | null = null;
  let playing = false;
  /** Whether a 'drawn' for the newest training snapshot is already on its way. */
  let drawnScheduled = false;
  /** Model exports waiting for their answer, by request id. */
  const exports = new Map<number, { resolve(json: string): void; reject(error: Error): void }>();

  /**
   * Tell the worker the training snapshot just handed to the store has been drawn: on the next
   * animation frame, after React has rendered it. The worker holds the next snapshot until then
   * (TrainLoop.drawn), so a page that draws slowly is sent fewer snapshots rather than a backlog.
   * A hidden tab runs no frames; the worker then posts about once a second anyway.
   * When drawing took longer than SLOW_FRAME_MS (a slow or throttled machine), the answer waits
   * as long again, so snapshots take at most about half the main thread and a click or a key is
   * still handled (at 6x CPU throttling a Pause click was not, for 30 s).
   */
  function acknowledgeDrawn(arrived: number): void {
    if (drawnScheduled) return;
    drawnScheduled = true;
    const w = host.current();
    const send = () => {
      drawnScheduled = false;
      if (w !== null && w === host.current()) w.postMessage({ type: 'drawn' });
    };
    const afterFrame = () => {
      const took = now() - arrived;
      if (took > SLOW_FRAME_MS) setTimeout(send, Math.min(took, MAX_DRAWN_DELAY_MS));
      else send();
    };
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(afterFrame);
    else setTimeout(afterFrame, 0);
  }

  return {
    get playing() { return playing; },
    config: () => training?.config ?? null,
    send(command, config) {
      const w = host.worker();
      const requestId = host.nextRequestId();
      if (command.type === 'inspect') {
        if (training) w.postMessage({ type: 'inspect', requestId, config, index: command.index });
        return;
      }
      training = { requestId, config };
      const dataUrl = dataUrlOf(config);
      if (command.type === 'step') w.postMessage({ type: 'step', requestId, config, count: command.count, dataUrl });
      else if (command.type === 'pause') w.postMessage({ type: 'pause', requestId, config });
      else w.postMessage({ type: command.type, requestId, config, dataUrl });
      playing = command.type === 'play';
    },
    exportModel(config, step) {
      const w = host.worker();
      const requestId = host.nextRequestId();
      const answer = new Promise<string>((resolve, reject) => exports.set(requestId, { resolve, reject }));
      w.postMessage({ type: 'exportModel', requestId, config, step, dataUrl: dataUrlOf(config) });
      return answer;
    },
    receive(message) {
      if (message.type === 'trainSnapshot') {
        if (training) {
          const arrived = now();
          events.trainSnapshot(training.config, message.snapshot);
          acknowledgeDrawn(arrived);
        }
        if (!playing || message.snapshot.status === 'running') return 'handled';
        playing = false;
        return 'stopped';
      }
      const waiting = exports.get(message.requestId);
      if (waiting && (message.type === 'modelExport' || message.type === 'error')) {
        exports.delete(message.requestId);
        if (message.type === 'modelExport') waiting.resolve(message.json);
        else waiting.reject(new Error(message.message));
        return 'handled';
      }
      if (message.type !== 'error' || !training || message.requestId !== training.requestId) return 'other';
      events.trainFailed(training.config, message.message);
      playing = false;
      return 'stopped';
    },
    end() {
      for (const waiting of exports.values()) waiting.reject(new Error('the engine stopped before the export was done'));
      exports.clear();
      training = null;
      playing = false;
    },
  };
}
