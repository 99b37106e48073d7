/**
 * What the worker does when the page asks for nothing: the quick previews of the configs a slider
 * may move to next (anticipate), kept so that moving there shows one at once, then the initializer
 * comparison's next line. One request at a time, through the probe lane's gate, only when no probe
 * is waiting, and never while training plays (it would take half the worker from the run).
 */
import { COMPARISON_LINES, comparisonKey, type ComparisonLineResult } from '../../engine/contract/comparison.ts';
import { toQuery, type Config } from '../../engine/contract/config.ts';
import type { ToWorker } from '../../engine/contract/protocol.ts';
import { previewOf, resultOf, type ProbeResult } from './previews.ts';
import type { Answer } from './workerHost.ts';

export interface BackgroundEvents {
  /** One line of the initializer comparison for this config arrived. */
  comparisonLine(config: Config, lineIndex: number, result: ComparisonLineResult): void;
}

/** A request to send when the worker is idle: a quick preview ahead, or one comparison line. */
export type BackgroundJob =
  | { readonly kind: 'anticipate'; readonly config: Config }
  | { readonly kind: 'compare'; readonly config: Config; readonly lineIndex: number };

export interface BackgroundLane {
  /** Configs to preview ahead, most likely first; replaces the previous list. */
  anticipate(configs: readonly Config[]): void;
  /** Point the comparison at this config, unless it already serves an equivalent one. */
  retarget(config: Config): void;
  /** The quick preview computed ahead for this preview config, if any. */
  computed(previewConfig: Config): ProbeResult | undefined;
  /** The next request for an idle worker, or null (nothing left, or training plays). */
  next(): BackgroundJob | null;
  /** The worker's answer to that request. */
  answer(job: BackgroundJob, message: Answer): void;
  /** The worker ended: the comparison is filled again for the next config run. */
  end(): void;
}

/** Quick previews kept from anticipate(): a slider's neighbourhood, a few moves deep. */
const QUICK_CACHE_SIZE = 24;

/** The message that asks the worker for this job. */
export function requestOf(job: BackgroundJob, requestId: number): ToWorker {
  return job.kind === 'anticipate'
    ? { type: 'configure', requestId, config: job.config, quick: true }
    : { type: 'compareLine', requestId, config: job.config, lineIndex: job.lineIndex };
}

export function createBackgroundLane(events: BackgroundEvents, playing: () => boolean): BackgroundLane {
  /** Quick previews computed ahead, by their config's query; the newest QUICK_CACHE_SIZE. */
  const quickPreviews = new Map<string, ProbeResult>();
  /** Configs to preview ahead, most likely first. */
  let anticipated: readonly Config[] = [];
  /** The comparison being filled in: its config and the next line to ask for. */
  let comparison: { config: Config; key: string; nextLine: number } | null = null;

  function remember(key: string, preview: ProbeResult): void {
    quickPreviews.delete(key);
    quickPreviews.set(key, preview);
    if (quickPreviews.size > QUICK_CACHE_SIZE) quickPreviews.delete(quickPreviews.keys().next().value as string);
  }

  return {
    anticipate(configs) {
      anticipated = configs;
    },
    retarget(config) {
      const key = comparisonKey(config);
      if (comparison && comparison.key === key) return;
      comparison = { config, key, nextLine: 0 };
    },
    computed: (previewConfig) => quickPreviews.get(toQuery(previewConfig)),
    next() {
      if (playing()) return null;
      const ahead = anticipated.map((c) => previewOf(c)).find((p) => p?.quick && !quickPreviews.has(toQuery(p.config)));
      if (ahead) return { kind: 'anticipate', config: ahead.config };
      if (!comparison || comparison.nextLine >= COMPARISON_LINES.length) return null;
      return { kind: 'compare', config: comparison.config, lineIndex: comparison.nextLine };
    },
    answer(job, message) {
      if (message.type === 'snapshot' && job.kind === 'anticipate') remember(toQuery(job.config), resultOf(message));
      else if (message.type === 'comparisonLine') {
        if (comparison && comparison.config === job.config && comparison.nextLine === message.lineIndex) {
          comparison.nextLine++;
          events.comparisonLine(job.config, message.lineIndex, message.result);
        }
      } else if (message.type === 'error') {
        // The probe of that config, if ever asked for, reports the real problem.
        if (job.kind === 'anticipate') anticipated = [];
        else comparison = null;
      }
    },
    end() {
      comparison = null;
    },
  };
}
