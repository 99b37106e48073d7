/**
 * The typed messages between the page and the engine's worker. Each side switches on `type`
 * exhaustively. Typed arrays cross as transferables. Training adds 'reset', 'play', 'step' and
 * 'pause' (to the worker) and 'trainSnapshot' (back).
 */
import type { ComparisonLineResult } from './comparison.ts';
import type { Config } from './config.ts';
import type { ErfRequest, ErfResult } from './erf.ts';
import type { ProbeData } from './probeLayout.ts';
import type { TrainSnapshot } from './trainLayout.ts';
import type { TrainabilityCell, TrainabilityResult } from './trainability.ts';

export type ToWorker =
  /** Run the signal probe for this config. requestId lets the page drop stale answers. */
  /** quick: a first look on config.batch (one) examples by quickProbe where it applies (engine/probe/quickProbe.ts). */
  | { readonly type: 'configure'; readonly requestId: number; readonly config: Config; readonly quick?: boolean }
  /** Run one line of the initializer comparison (COMPARISON_LINES[lineIndex]) for this config. */
  | { readonly type: 'compareLine'; readonly requestId: number; readonly config: Config; readonly lineIndex: number }
  /**
   * Training (engine/train/trainHandler.ts). 'reset': a run of this config at step 0, answered by
   * one 'trainSnapshot' (status 'ready', with the data set). 'play': train until 'pause' or
   * divergence, snapshots at most once per ~16 ms. 'step': train `count` steps, then one snapshot
   * (status 'paused'). 'pause': stop between chunks, one snapshot (status 'paused'). 'play' and
   * 'step' keep the current run when the config differs from its own only in live keys (lr, wd,
   * mom, evalevery, testbn: applied at once), and start a new run at step 0 otherwise. A config
   * with vs also trains its A/B variants (variantsOf(config), up to 3) in lockstep; their
   * snapshots ride in TrainSnapshot.variants (the first also in .variant). vs is not a live key:
   * another vs starts every run again.
   * dataUrl: where the page serves the config's data file (dataFileOf(config), resolved against
   * the page), needed only for data sets read from a file.
   */
  | TrainMessage
  /**
   * The model as JSON for NumPy and PyTorch (engine/export/model.ts): the probe's export without
   * a data set, else the trained model at `step`, rebuilt by replaying the run. Answered by one
   * 'modelExport' (or 'error').
   */
  | ExportModelMessage
  /**
   * The page drew the last 'trainSnapshot' (sent once per animation frame at most). A page that
   * says it is paced by it: a running loop then waits for it (up to ~1 s) before the next snapshot.
   */
  | DrawnMessage
  /**
   * An architecture run's feature maps are of test image `index` (config: the run the page means;
   * the current run takes it whatever it says), and a run
   * that is not playing answers with a 'trainSnapshot' showing them (a playing one, with its next).
   */
  | InspectMessage
  /** The effective receptive field of a layer of a small net (engine/arch/erf.ts): one 'receptiveField' (or 'error', with the builder's refusal). */
  | ReceptiveFieldMessage
  /**
   * Two inputs of correlation c0 through the config's network (the probe's weights): answered by
   * one 'correlation' with the pre-activations' correlation per hidden layer (or 'error' where the
   * config is not a plain dense stack). Quick (a batch of two), so it never waits on a sliced job.
   */
  | CorrelationMessage
  /**
   * One cell of the trainability map (engine/trainability/cell.ts): a short training run, answered
   * by one 'trainabilityCell' (or 'error'). The page sends these to workers of their own, one cell
   * at a time each; it cancels by ending those workers.
   */
  | TrainabilityCellMessage;

export interface TrainabilityCellMessage { readonly type: 'trainabilityCell'; readonly requestId: number; readonly cell: TrainabilityCell }
export interface ReceptiveFieldMessage { readonly type: 'receptiveField'; readonly requestId: number; readonly request: ErfRequest }
export interface CorrelationMessage { readonly type: 'correlation'; readonly requestId: number; readonly config: Config; readonly c0: number }

export type TrainMessage =
  | { readonly type: 'reset'; readonly requestId: number; readonly config: Config; readonly dataUrl?: string }
  | { readonly type: 'play'; readonly requestId: number; readonly config: Config; readonly dataUrl?: string }
  | { readonly type: 'step'; readonly requestId: number; readonly config: Config; readonly count: number; readonly dataUrl?: string }
  /** config: the run the page means to pause (the current run is paused whatever it says). */
  | { readonly type: 'pause'; readonly requestId: number; readonly config: Config };

export interface ExportModelMessage { readonly type: 'exportModel'; readonly requestId: number; readonly config: Config; readonly step: number; readonly dataUrl?: string }

export interface InspectMessage { readonly type: 'inspect'; readonly requestId: number; readonly config: Config; readonly index: number }

/** The page drew the last training snapshot (see TrainLoop.drawn): handled at once, never queued. */
export interface DrawnMessage { readonly type: 'drawn' }

export type FromWorker =
  /**
   * The probe of the config, and of each of its A/B variants (variantsOf(config), in vs order):
   * variantProbes[i] is null when variant i is too big for a tab (variantProblems[i] says why: the
   * page should check budgetProblem on each variant as it checks the config's; this is the
   * worker's guard against a frozen tab); [] without vs. Every probe's arrays are transferred.
   */
  | {
    readonly type: 'snapshot'; readonly requestId: number; readonly probe: ProbeData;
    readonly variantProbes: readonly (ProbeData | null)[]; readonly variantProblems: readonly (string | null)[];
    readonly elapsedMs: number;
  }
  /** The model export's JSON text (see 'exportModel'). */
  | { readonly type: 'modelExport'; readonly requestId: number; readonly json: string }
  /** The effective receptive field asked for; its map is transferred. */
  | { readonly type: 'receptiveField'; readonly requestId: number; readonly result: ErfResult }
  | { readonly type: 'comparisonLine'; readonly requestId: number; readonly lineIndex: number; readonly result: ComparisonLineResult; readonly elapsedMs: number }
  | { readonly type: 'error'; readonly requestId: number; readonly message: string }
  /** c_l for layers 1..depth (see 'correlation'). */
  | { readonly type: 'correlation'; readonly requestId: number; readonly c0: number; readonly measured: readonly number[] }
  /** The trained cell's accuracy and loss (see 'trainabilityCell'). */
  | { readonly type: 'trainabilityCell'; readonly requestId: number; readonly result: TrainabilityResult }
  /** A training run's state; requestId is the newest training message's. Arrays are transferred. */
  | { readonly type: 'trainSnapshot'; readonly requestId: number; readonly snapshot: TrainSnapshot }
  /**
   * The browser worker holds its Web Lock (app/engine/probe.worker.ts): from now on the page may
   * ask for the same lock to learn when the worker ends. Asked for any earlier, the page could be
   * granted it before the worker: a live worker reported dead.
   */
  | { readonly type: 'holding' };

export function assertNever(x: never): never {
  throw new Error(`unhandled message ${JSON.stringify(x)}`);
}
