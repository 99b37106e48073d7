import type { StateCreator } from 'zustand';
import { variantsOf, type Config } from '../../engine/contract/config.ts';
import type { BoundaryGrid, WeightHistograms } from '../../engine/contract/trainLayout.ts';
import type { DatasetView, TrainSnapshot } from '../../engine/contract/trainLayout.ts';
import type { TrainMetrics } from '../../engine/contract/trainLayout.ts';
import type { ProbeData } from '../../engine/contract/probeLayout.ts';
import type { AugmentedBatchView } from '../../engine/contract/augmentLayout.ts';
import type { PretrainView } from '../../engine/contract/pretrain.ts';
import type { ArchState } from '../../engine/contract/archLayout.ts';
import { createRunHistory, recordSnapshot, type RunHistory } from './runHistory.ts';
import type { LabState } from './labStore.ts';

/**
 * 'off': the config has no data set (data=none: the initialization lab only). 'loading': a run was
 * asked for and its first snapshot has not come back. The rest are the worker's own states.
 */
export type TrainUiStatus = 'off' | 'loading' | 'ready' | 'running' | 'paused' | 'diverged' | 'error';

/** One training run as the page shows it: its latest state and its bounded history. */
export interface RunView {
  readonly status: TrainSnapshot['status'];
  readonly metrics: TrainMetrics;
  readonly divergence: string | null;
  /** The parameters' fingerprint at a settled snapshot (the CLI's --steps prints the same), else null. */
  readonly fingerprint: string | null;
  readonly stepsPerSecond: number;
  /** The latest per-layer probe (kept when a snapshot skipped it). */
  readonly probe: ProbeData | null;
  /** NORM_FIELDS x width per normalized layer, or null without batch norm. */
  readonly norm: Float32Array | null;
  readonly boundary: BoundaryGrid | null;
  /** The weights' histograms per layer at the latest probe (kept when a snapshot skipped it). */
  readonly weights: WeightHistograms | null;
  /** An architecture run's conv panels (kept when a snapshot skipped them); null for the MLP. */
  readonly arch?: ArchState | null;
  readonly testPredictions: Int32Array | null;
  /** The latest augmented training batch's first examples (aug=), or null (absent) without. */
  readonly augmented?: AugmentedBatchView | null;
  /** Grows in place (bounded); `version` changes whenever it did, so charts re-render. */
  readonly history: RunHistory;
  readonly version: number;
  /**
   * Greedy layer-wise pretraining (pretrain=ae|dae): its latest view, with the probes before and
   * after it kept from the snapshots that carried them; null without pretraining.
   */
  readonly pretrain?: RunPretrain | null;
}

export interface RunPretrain {
  readonly view: PretrainView;
  readonly before: ProbeData | null;
  readonly after: ProbeData | null;
}

export interface TrainSlice {
  readonly trainStatus: TrainUiStatus;
  /** The config of the run shown (it may lag behind `config` while a new run is built). */
  readonly trainConfig: Config | null;
  readonly trainError: string | null;
  readonly dataset: DatasetView | null;
  readonly train: RunView | null;
  /** The first A/B variant's run (the `vs` key), in lockstep with `train`. */
  readonly trainVariant: RunView | null;
  /** Every variant's run, in `vs` order (trainVariant is the first). */
  readonly trainVariants: readonly RunView[];
  /**
   * Play or Pause was pressed and the worker has not answered yet (a step of a big network can
   * take seconds): the page shows the new state at once, the worker's snapshot confirms it.
   */
  readonly trainPending: 'play' | 'pause' | null;
  readonly trainPendingSet: (pending: 'play' | 'pause' | null) => void;
  readonly trainRequested: (config: Config) => void;
  readonly trainSnapshotArrived: (config: Config, snapshot: TrainSnapshot) => void;
  readonly trainFailed: (message: string) => void;
  readonly trainOff: () => void;
}

/** Fold one snapshot into a run view (a new run when `previous` is null or from another config). */
export function nextRunView(previous: RunView | null, snapshot: TrainSnapshot, normLayers: number): RunView {
  const history = previous?.history ?? createRunHistory();
  recordSnapshot(history, snapshot, normLayers);
  return {
    status: snapshot.status,
    metrics: snapshot.metrics,
    divergence: snapshot.divergence,
    fingerprint: snapshot.fingerprint ?? null,
    stepsPerSecond: snapshot.stepsPerSecond,
    probe: snapshot.probe ?? previous?.probe ?? null,
    norm: snapshot.norm ?? (previous && snapshot.status === 'running' ? previous.norm : null),
    boundary: snapshot.boundary ?? previous?.boundary ?? null,
    weights: snapshot.weights ?? previous?.weights ?? null,
    arch: snapshot.arch ?? previous?.arch ?? null,
    testPredictions: snapshot.testPredictions ?? previous?.testPredictions ?? null,
    augmented: snapshot.augmented ?? null,
    history,
    version: (previous?.version ?? 0) + 1,
    pretrain: snapshot.pretrain ? {
      view: snapshot.pretrain,
      before: snapshot.pretrain.before ?? previous?.pretrain?.before ?? null,
      after: snapshot.pretrain.after ?? previous?.pretrain?.after ?? null,
    } : null,
  };
}

type WithVariant = TrainSnapshot & { readonly variant?: TrainSnapshot | null; readonly variants?: readonly TrainSnapshot[] };

/** Hidden layers with batch norm (whose statistics the norm arrays carry). */
function normLayers(config: Config): number {
  return config.norm === 'batch' ? config.depth : 0;
}

export const createTrainSlice: StateCreator<LabState, [], [], TrainSlice> = (set) => ({
  trainStatus: 'off',
  trainConfig: null,
  trainError: null,
  dataset: null,
  train: null,
  trainVariant: null,
  trainVariants: [],
  trainPending: null,
  trainPendingSet: (pending) => set({ trainPending: pending }),
  trainRequested: () => set((s) => (s.trainStatus === 'off' || s.trainStatus === 'error' ? { trainStatus: 'loading', trainError: null } : { trainError: null })),
  trainSnapshotArrived: (config, snapshot) =>
    set((s) => {
      // A 'ready' snapshot with the data set starts a run: its history starts empty.
      // So does a reset of the same run (back at step 0, or any step backwards): its history starts over.
      const previousStep = s.train?.metrics.step ?? 0;
      const fresh = snapshot.dataset !== null || s.train === null || s.trainConfig === null
        || (snapshot.status === 'ready' && snapshot.metrics.step === 0) || snapshot.metrics.step < previousStep;
      const w = snapshot as WithVariant;
      const variants = w.variants ?? (w.variant ? [w.variant] : []);
      const configs = variantsOf(config);
      const train = nextRunView(fresh ? null : s.train, snapshot, normLayers(config));
      const trainVariants = variants.map((v, i) => nextRunView(fresh ? null : s.trainVariants[i] ?? null, v, configs[i] ? normLayers(configs[i]) : 0));
      const trainVariant = trainVariants[0] ?? null;
      const answered = s.trainPending === 'play' ? snapshot.status !== 'paused' && snapshot.status !== 'ready' : snapshot.status !== 'running';
      return {
        trainPending: answered ? null : s.trainPending,
        trainStatus: snapshot.status,
        trainConfig: config,
        trainError: null,
        dataset: snapshot.dataset ?? s.dataset,
        train,
        trainVariant,
        trainVariants,
      };
    }),
  trainFailed: (message) => set({ trainStatus: 'error', trainError: message, trainPending: null }),
  trainOff: () => set({ trainPending: null, trainStatus: 'off', trainConfig: null, trainError: null, dataset: null, train: null, trainVariant: null, trainVariants: [] }),
});


