/**
 * The one module in app/ that owns the engine's Worker. It keeps at most one request in flight.
 * A newer config replaces a full probe or a comparison line at once (the worker runs those in
 * slices and abandons them); during a quick preview, configs that arrive collapse into one pending
 * request (the newest wins, stale ones are dropped, nothing queues). Answers to anything but the
 * newest config are thrown away.
 * The initializer comparison runs one line per request, only when no probe is waiting, so a
 * slider being dragged is never held up by it.
 */
import { COMPARISON_LINES, comparisonKey, type ComparisonLineResult } from '../../engine/contract/comparison.ts';
import { toQuery, type Config } from '../../engine/contract/config.ts';
import { dataFileOf } from '../../engine/contract/datasets.ts';
import { assertNever } from '../../engine/contract/protocol.ts';
import type { ProbeData } from '../../engine/contract/probeLayout.ts';
import type { TrainSnapshot } from '../../engine/contract/trainLayout.ts';
import { previewOf, variantProbesOf, type Preview, type VariantProbes } from './previews.ts';
import { createWorkerHost, type Answer, type WorkerLike } from './workerHost.ts';

export { PREVIEW_BATCH, QUICK_BATCH, previewOf, type Preview, type VariantProbes } from './previews.ts';
export { createProbeWorker, type WorkerLike } from './workerHost.ts';

/** A training command: 'reset' (a run at step 0), 'play', 'step' (count steps), 'pause'. */
export type TrainCommand =
  | { readonly type: 'reset' | 'play' | 'pause' }
  | { readonly type: 'step'; readonly count: number };

export interface EngineEvents {
  /** A request for this config was sent to the worker. */
  started(config: Config): void;
  /**
   * The newest config's probe arrived, with its A/B variants' (`vs`; null where a variant was refused).
   * previewBatch: this is a quick first look from that many examples; the full probe follows.
   */
  snapshot(config: Config, probe: ProbeData, elapsedMs: number, variants: VariantProbes, previewBatch?: number): void;
  /** The engine refused the config, or the worker threw or died; restart() recovers. */
  failed(config: Config, message: string): void;
  /** stop() ended the request in flight. */
  stopped(config: Config): void;
  /** One line of the initializer comparison for this config arrived. */
  comparisonLine(config: Config, lineIndex: number, result: ComparisonLineResult): void;
  /** A training snapshot for the run of this config (the config of the newest training command). */
  trainSnapshot(config: Config, snapshot: TrainSnapshot): void;
  /** A training command failed (the run is over; 'reset' starts another). */
  trainFailed(config: Config, message: string): void;
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
  dispose(): void;
}

/** Quick previews kept from anticipate(): a slider's neighbourhood, a few moves deep. */
const QUICK_CACHE_SIZE = 24;

/** A training snapshot drawn slower than this (ms, from arrival to its frame) delays the next one as long again, up to MAX_DRAWN_DELAY_MS. */
const SLOW_FRAME_MS = 50;
const MAX_DRAWN_DELAY_MS = 1000;

/** Where the page serves the config's data file (the worker fetches it from the page's own origin), if it has one. */
function dataUrlOf(config: Config): string | undefined {
  const file = dataFileOf(config);
  return file === null || typeof document === 'undefined' ? undefined : new URL(file, document.baseURI).href;
}

/**
 * A full probe or comparison line in flight this long is abandoned for a newer config; a younger
 * one is not (the newer config waits as pending), so a drag over a net whose probe is quick sends
 * one request at a time instead of a queue of them, each with its first slice to run.
 */
const PREEMPT_AFTER_MS = 50;

export function createEngineClient(
  createWorker: () => WorkerLike, events: EngineEvents,
  options: { readonly previews?: boolean; readonly now?: () => number } = {},
): EngineClient {
  const previews = options.previews ?? true;
  const now = options.now ?? (() => performance.now());
  const host = createWorkerHost(createWorker, { message: receive, crash });
  let inFlight: {
    readonly requestId: number; readonly config: Config; readonly kind: 'probe' | 'preview' | 'compare' | 'anticipate';
    readonly previewBatch?: number; readonly sentAt?: number;
  } | null = null;
  /** Quick previews computed ahead (anticipate), by their config's query; the newest QUICK_CACHE_SIZE. */
  const quickPreviews = new Map<string, { probe: ProbeData; elapsedMs: number; variants: VariantProbes }>();
  /** Configs to preview ahead, most likely first. */
  let anticipated: readonly Config[] = [];
  /** The config whose preview the page was last shown, so a preview is not shown twice. */
  let previewShown: Config | null = null;
  let pending: Config | null = null;
  let latest: Config | null = null;
  /** The newest training command's id and config; snapshots for older ones are still this run's. */
  let training: { requestId: number; config: Config } | null = null;
  /** Model exports waiting for their answer, by request id. */
  const exports = new Map<number, { resolve(json: string): void; reject(error: Error): void }>();
  /** The comparison being filled in: its config and the next line to ask for. */
  let comparison: { config: Config; key: string; nextLine: number } | null = null;

  /** Show the preview computed ahead for this config, if there is one; true if shown (or already). */
  function showAnticipated(config: Config, preview: Preview | null): boolean {
    if (!preview?.quick) return false;
    if (previewShown === config) return true;
    const known = quickPreviews.get(toQuery(preview.config));
    if (!known) return false;
    previewShown = config;
    events.started(config);
    events.snapshot(config, known.probe, known.elapsedMs, known.variants, preview.config.batch);
    return true;
  }

  /** Probe this config: first a quick preview on a few examples when the full probe is slow. */
  function send(config: Config, preview = previews ? previewOf(config) : null): void {
    if (showAnticipated(config, preview)) preview = null; // computed ahead: straight to the full batch
    const w = host.worker();
    inFlight = preview
      ? { requestId: host.nextRequestId(), config, kind: 'preview', previewBatch: preview.config.batch }
      : { requestId: host.nextRequestId(), config, kind: 'probe', sentAt: now() };
    events.started(config);
    w.postMessage(preview
      ? { type: 'configure', requestId: inFlight.requestId, config: preview.config, ...(preview.quick ? { quick: true } : {}) }
      : { type: 'configure', requestId: inFlight.requestId, config });
  }

  /**
   * Ask for the next quick preview ahead, else the comparison's next line, if nothing else is
   * waiting and no training runs (background work would take half the worker from it).
   */
  function sendBackground(): void {
    if (inFlight || pending || playing) return;
    const ahead = anticipated.map((c) => previewOf(c)).find((p) => p?.quick && !quickPreviews.has(toQuery(p.config)));
    if (ahead) {
      const w = host.worker();
      inFlight = { requestId: host.nextRequestId(), config: ahead.config, kind: 'anticipate' };
      w.postMessage({ type: 'configure', requestId: inFlight.requestId, config: ahead.config, quick: true });
      return;
    }
    if (!comparison || comparison.nextLine >= COMPARISON_LINES.length) return;
    const w = host.worker();
    inFlight = { requestId: host.nextRequestId(), config: comparison.config, kind: 'compare', sentAt: now() };
    w.postMessage({ type: 'compareLine', requestId: inFlight.requestId, config: comparison.config, lineIndex: comparison.nextLine });
  }

  /** The in-flight request is over: start the pending probe, if any. Returns true if it did. */
  function sendPending(): boolean {
    inFlight = null;
    if (pending === null) return false;
    const next = pending;
    pending = null;
    send(next);
    return true;
  }

  /** Point the comparison at this config, unless it already serves an equivalent one. */
  function retargetComparison(config: Config): void {
    const key = comparisonKey(config);
    if (comparison && comparison.key === key) return;
    comparison = { config, key, nextLine: 0 };
  }

  /** Training is running (Play, until a pause, a reset or a run that stops): background work waits. */
  let playing = false;

  /** Whether a 'drawn' for the newest training snapshot is already on its way. */
  let drawnScheduled = false;

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

  function receive(message: Answer): void {
    if (message.type === 'trainSnapshot') {
      if (training) {
        const arrived = now();
        events.trainSnapshot(training.config, message.snapshot);
        acknowledgeDrawn(arrived);
      }
      if (playing && message.snapshot.status !== 'running') setPlaying(false);
      return;
    }
    const waiting = exports.get(message.requestId);
    if (waiting && (message.type === 'modelExport' || message.type === 'error')) {
      exports.delete(message.requestId);
      if (message.type === 'modelExport') waiting.resolve(message.json);
      else waiting.reject(new Error(message.message));
      return;
    }
    if (message.type === 'error' && training && message.requestId === training.requestId) {
      events.trainFailed(training.config, message.message);
      setPlaying(false);
      return;
    }
    if (inFlight === null || message.requestId !== inFlight.requestId) return; // an answer nobody waits for
    const { config, kind, previewBatch } = inFlight;
    switch (message.type) {
      case 'snapshot':
        if (kind === 'anticipate') {
          remember(toQuery(config), { probe: message.probe, elapsedMs: message.elapsedMs, variants: variantProbesOf(message) });
          if (!sendPending()) sendBackground();
          return;
        }
        if (kind === 'preview') {
          if (sendPending()) return; // a newer config is waiting: preview that instead
          events.snapshot(config, message.probe, message.elapsedMs, variantProbesOf(message), previewBatch);
          send(config, null); // now the whole batch
          return;
        }
        if (!sendPending()) events.snapshot(config, message.probe, message.elapsedMs, variantProbesOf(message));
        sendBackground();
        return;
      case 'comparisonLine':
        if (comparison && comparison.config === config && comparison.nextLine === message.lineIndex) {
          comparison.nextLine++;
          events.comparisonLine(config, message.lineIndex, message.result);
        }
        if (!sendPending()) sendBackground();
        return;
      case 'modelExport':
        return; // answered above, by its own request id
      case 'error':
        if (kind === 'anticipate') {
          anticipated = []; // the probe of that config, if ever asked for, reports the problem
          if (!sendPending()) sendBackground();
          return;
        }
        if (kind === 'compare') {
          comparison = null; // the probe of the same config reports the real problem
          if (!sendPending()) sendBackground();
          return;
        }
        if (!sendPending()) events.failed(config, message.message);
        return;
      default:
        assertNever(message);
    }
  }

  function remember(key: string, preview: { probe: ProbeData; elapsedMs: number; variants: VariantProbes }): void {
    quickPreviews.delete(key);
    quickPreviews.set(key, preview);
    if (quickPreviews.size > QUICK_CACHE_SIZE) quickPreviews.delete(quickPreviews.keys().next().value as string);
  }

  function setPlaying(value: boolean): void {
    playing = value;
    if (!playing) sendBackground(); // the background work waited for the run
  }

  function crash(message: string): void {
    const config = latest ?? inFlight?.config;
    const trainingConfig = training?.config;
    endWorker();
    if (config) events.failed(config, message);
    if (trainingConfig) events.trainFailed(trainingConfig, message);
  }

  function endWorker(): void {
    for (const waiting of exports.values()) waiting.reject(new Error('the engine stopped before the export was done'));
    exports.clear();
    host.end();
    inFlight = null;
    pending = null;
    comparison = null;
    training = null;
    playing = false;
  }

  return {
    run(config) {
      latest = config;
      previewShown = null;
      retargetComparison(config);
      if (inFlight && (inFlight.kind === 'probe' || inFlight.kind === 'compare') && now() - (inFlight.sentAt ?? 0) >= PREEMPT_AFTER_MS) {
        // A full probe or a comparison line runs in slices: the worker abandons it for this one.
        pending = null;
        send(config);
      } else if (inFlight) {
        pending = config; // a quick preview: a few tens of ms
        showAnticipated(config, previews ? previewOf(config) : null);
      } else send(config);
    },
    anticipate(configs) {
      anticipated = configs;
      sendBackground();
    },
    restart() {
      endWorker();
      if (latest) {
        retargetComparison(latest);
        send(latest);
      }
    },
    train(command, config) {
      const w = host.worker();
      const requestId = host.nextRequestId();
      training = { requestId, config };
      const dataUrl = dataUrlOf(config);
      if (command.type === 'step') w.postMessage({ type: 'step', requestId, config, count: command.count, dataUrl });
      else if (command.type === 'pause') w.postMessage({ type: 'pause', requestId, config });
      else w.postMessage({ type: command.type, requestId, config, dataUrl });
      setPlaying(command.type === 'play');
    },
    exportModel(config, step) {
      const w = host.worker();
      const requestId = host.nextRequestId();
      const answer = new Promise<string>((resolve, reject) => exports.set(requestId, { resolve, reject }));
      w.postMessage({ type: 'exportModel', requestId, config, step, dataUrl: dataUrlOf(config) });
      return answer;
    },
    stop() {
      const config = inFlight?.config;
      endWorker();
      if (config) events.stopped(config);
    },
    dispose() {
      endWorker();
    },
  };
}
