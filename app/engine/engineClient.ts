/**
 * The one module in app/ that owns the engine's Worker, as three lanes over one worker host:
 * probes and previews through a one-request-in-flight gate (probeLane.ts), what the worker does
 * when idle (backgroundLane.ts: quick previews ahead, the initializer comparison) and training with
 * model exports, which bypass the gate (trainingLane.ts). This file routes each message to its lane.
 */
import type { Config } from '../../engine/contract/config.ts';
import type { ErfRequest, ErfResult } from '../../engine/contract/erf.ts';
import { createErfLane } from './erfLane.ts';
import { createBackgroundLane, type BackgroundEvents } from './backgroundLane.ts';
import { createProbeLane, type ProbeEvents } from './probeLane.ts';
import { createTrainingLane, type TrainCommand, type TrainingEvents } from './trainingLane.ts';
import { createWorkerHost, type Answer, type WorkerLike } from './workerHost.ts';

export { PREVIEW_BATCH, QUICK_BATCH, previewOf, type Preview, type VariantProbes } from './previews.ts';
export { createProbeWorker, type WorkerLike } from './workerHost.ts';
export type { TrainCommand } from './trainingLane.ts';

export interface EngineEvents extends ProbeEvents, BackgroundEvents, TrainingEvents {
  /** stop() ended the request in flight. */
  stopped(config: Config): void;
}

export interface EngineClient {
  /** Ask for this config's probe; returns at once. */
  run(config: Config): void;
  /** A fresh worker, re-running the newest config. */
  restart(): void;
  /**
   * Send a training command for this config now: training runs in the same worker in ~10 ms chunks
   * between messages, so it is never queued behind the probe's one-at-a-time gate.
   */
  train(command: TrainCommand, config: Config): void;
  /** Give up on the request in flight by ending the worker (a probe cannot be interrupted). */
  stop(): void;
  /**
   * Configs the user may ask for next (a slider's values one step either side), most likely
   * first. When the worker is idle it computes their quick previews, so that moving there shows
   * one at once, even while an older full probe still runs. Replaces the previous list.
   */
  anticipate(configs: readonly Config[]): void;
  /**
   * The model as JSON (the probe's export without a data set, else the trained model at `step`),
   * built in the engine's worker; rejects with the engine's message.
   */
  exportModel(config: Config, step: number): Promise<string>;
  /** A layer's effective receptive field, measured in the engine's worker; rejects with the engine's message (a net over the cost cap). */
  receptiveField(request: ErfRequest): Promise<ErfResult>;
  /** c_l per hidden layer for two inputs of correlation c0 through the config's network. */
  correlation(config: Config, c0: number): Promise<readonly number[]>;
  dispose(): void;
}

export function createEngineClient(
  createWorker: () => WorkerLike, events: EngineEvents,
  options: { readonly previews?: boolean; readonly now?: () => number } = {},
): EngineClient {
  const now = options.now ?? (() => performance.now());
  const host = createWorkerHost(createWorker, { message: route, crash });
  const training = createTrainingLane(host, events, now);
  const erf = createErfLane(host);
  const background = createBackgroundLane(events, () => training.playing);
  const probes = createProbeLane(host, events, background, { previews: options.previews ?? true, now });

  /** Training's and exports' answers first (they carry their own ids), then the one the gate waits for. */
  const correlations = new Map<number, { resolve: (c: readonly number[]) => void; reject: (e: Error) => void }>();

  function route(message: Answer): void {
    if (erf.receive(message)) return;
    const waiting = correlations.get(message.requestId);
    if (waiting && (message.type === 'correlation' || message.type === 'error')) {
      correlations.delete(message.requestId);
      if (message.type === 'correlation') waiting.resolve(message.measured);
      else waiting.reject(new Error(message.message));
      return;
    }
    const heard = training.receive(message);
    if (heard === 'stopped') probes.fill(); // the background work waited for the run
    else if (heard === 'other') probes.receive(message);
  }

  function crash(message: string): void {
    const config = probes.latest() ?? probes.inFlight();
    const trainingConfig = training.config();
    end();
    if (config) events.failed(config, message);
    if (trainingConfig) events.trainFailed(trainingConfig, message);
  }

  function end(): void {
    for (const waiting of correlations.values()) waiting.reject(new Error('the engine stopped before the correlation probe was done'));
    correlations.clear();
    training.end();
    erf.end();
    host.end();
    probes.end();
    background.end();
  }

  return {
    run(config) {
      background.retarget(config);
      probes.run(config);
    },
    anticipate(configs) {
      background.anticipate(configs);
      probes.fill();
    },
    restart() {
      end();
      const latest = probes.latest();
      if (latest) {
        background.retarget(latest);
        probes.send(latest);
      }
    },
    train(command, config) {
      training.send(command, config);
      if (!training.playing) probes.fill(); // anything but Play lets the background work go on
    },
    exportModel: (config, step) => training.exportModel(config, step),
    receptiveField: (request) => erf.request(request),
    correlation(config, c0) {
      const requestId = host.nextRequestId();
      const answer = new Promise<readonly number[]>((resolve, reject) => correlations.set(requestId, { resolve, reject }));
      host.worker().postMessage({ type: 'correlation', requestId, config, c0 });
      return answer;
    },
    stop() {
      const config = probes.inFlight();
      end();
      if (config) events.stopped(config);
    },
    dispose: end,
  };
}
