/**
 * The gate that keeps at most one probe, preview or background request in flight. A newer config
 * replaces a full probe or a comparison line at once (the worker runs those in slices and abandons
 * them); during a quick preview, configs that arrive collapse into one pending request (the newest
 * wins, stale ones are dropped, nothing queues). Answers to anything but the request in flight are
 * thrown away. When the gate is free, the background lane's next request goes out.
 */
import type { Config } from '../../engine/contract/config.ts';
import type { ProbeData } from '../../engine/contract/probeLayout.ts';
import { requestOf, type BackgroundJob, type BackgroundLane } from './backgroundLane.ts';
import { previewOf, resultOf, type Preview, type VariantProbes } from './previews.ts';
import type { Answer, WorkerHost } from './workerHost.ts';

export interface ProbeEvents {
  /** A request for this config was sent to the worker. */
  started(config: Config): void;
  /**
   * The newest config's probe arrived, with its A/B variants' (`vs`; null where a variant was refused).
   * previewBatch: this is a quick first look from that many examples; the full probe follows.
   */
  snapshot(config: Config, probe: ProbeData, elapsedMs: number, variants: VariantProbes, previewBatch?: number): void;
  /** The engine refused the config, or the worker threw or died; restart() recovers. */
  failed(config: Config, message: string): void;
}

export interface ProbeLane {
  /** Probe this config now, after the request in flight, or instead of it (see PREEMPT_AFTER_MS). */
  run(config: Config): void;
  /** Probe this config at once, a preview first if it is slow (the gate must be free). */
  send(config: Config): void;
  /** If nothing is in flight, send the background lane's next request. */
  fill(): void;
  receive(message: Answer): void;
  /** The config last run. */
  latest(): Config | null;
  /** The config of the request in flight. */
  inFlight(): Config | null;
  /** The worker ended: nothing is in flight or pending. */
  end(): void;
}

/**
 * A full probe or comparison line in flight this long is abandoned for a newer config; a younger
 * one is not (the newer config waits as pending), so a drag over a net whose probe is quick sends
 * one request at a time instead of a queue of them, each with its first slice to run.
 */
const PREEMPT_AFTER_MS = 50;

/** The request in flight; sentAt is set only for those the worker abandons for a newer config. */
type Ticket = { readonly requestId: number; readonly sentAt: number | null } & (
  | { readonly kind: 'probe'; readonly config: Config }
  | { readonly kind: 'preview'; readonly config: Config; readonly previewBatch: number }
  | BackgroundJob
);

export function createProbeLane(
  host: WorkerHost, events: ProbeEvents, background: BackgroundLane,
  options: { readonly previews: boolean; readonly now: () => number },
): ProbeLane {
  const { now } = options;
  let inFlight: Ticket | null = null;
  let pending: Config | null = null;
  let latest: Config | null = null;
  /** The config whose preview the page was last shown, so a preview is not shown twice. */
  let previewShown: Config | null = null;

  const previewFor = (config: Config): Preview | null => (options.previews ? previewOf(config) : null);

  /** Show the preview computed ahead for this config, if there is one; true if shown (or already). */
  function showComputed(config: Config, preview: Preview | null): boolean {
    if (!preview?.quick) return false;
    if (previewShown === config) return true;
    const known = background.computed(preview.config);
    if (!known) return false;
    previewShown = config;
    events.started(config);
    events.snapshot(config, known.probe, known.elapsedMs, known.variants, preview.config.batch);
    return true;
  }

  function send(config: Config, preview = previewFor(config)): void {
    if (showComputed(config, preview)) preview = null; // computed ahead: straight to the full batch
    const w = host.worker();
    const requestId = host.nextRequestId();
    inFlight = preview
      ? { requestId, config, kind: 'preview', previewBatch: preview.config.batch, sentAt: null }
      : { requestId, config, kind: 'probe', sentAt: now() };
    events.started(config);
    w.postMessage(preview
      ? { type: 'configure', requestId, config: preview.config, ...(preview.quick ? { quick: true } : {}) }
      : { type: 'configure', requestId, config });
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

  function fill(): void {
    if (inFlight || pending) return;
    const job = background.next();
    if (!job) return;
    const w = host.worker();
    inFlight = { ...job, requestId: host.nextRequestId(), sentAt: job.kind === 'compare' ? now() : null };
    w.postMessage(requestOf(job, inFlight.requestId));
  }

  function receive(message: Answer): void {
    if (inFlight === null || message.requestId !== inFlight.requestId) return; // an answer nobody waits for
    const ticket = inFlight;
    if (ticket.kind === 'anticipate' || ticket.kind === 'compare') {
      background.answer(ticket, message);
      if (!sendPending()) fill();
      return;
    }
    if (message.type === 'error') {
      if (!sendPending()) events.failed(ticket.config, message.message);
      return;
    }
    if (message.type !== 'snapshot') return; // a probe is answered by a snapshot or an error
    const { probe, elapsedMs, variants } = resultOf(message);
    if (ticket.kind === 'preview') {
      if (sendPending()) return; // a newer config is waiting: preview that instead
      events.snapshot(ticket.config, probe, elapsedMs, variants, ticket.previewBatch);
      send(ticket.config, null); // now the whole batch
      return;
    }
    if (!sendPending()) events.snapshot(ticket.config, probe, elapsedMs, variants);
    fill();
  }

  return {
    run(config) {
      latest = config;
      previewShown = null;
      if (inFlight && inFlight.sentAt !== null && now() - inFlight.sentAt >= PREEMPT_AFTER_MS) {
        // A full probe or a comparison line runs in slices: the worker abandons it for this one.
        pending = null;
        send(config);
      } else if (inFlight) {
        pending = config; // a quick preview: a few tens of ms
        showComputed(config, previewFor(config));
      } else send(config);
    },
    send: (config) => send(config),
    fill,
    receive,
    latest: () => latest,
    inFlight: () => inFlight?.config ?? null,
    end() {
      inFlight = null;
      pending = null;
    },
  };
}
