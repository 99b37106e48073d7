/**
 * What the training loop needs of a run: the MLP's Trainer and the architectures' ArchTrainer
 * both are one, so the worker drives either through the same protocol, in lockstep with A/B
 * variants, with the same snapshots (each run fills the parts that are its own).
 */
import type { ArchState } from '../contract/archLayout.ts';
import type { Config } from '../contract/config.ts';
import type { ProbeData } from '../contract/probeLayout.ts';
import type { DecimatingSeries } from '../contract/series.ts';
import type { BoundaryGrid, DatasetView, Divergence, TrainMetrics } from '../contract/trainLayout.ts';
import type { Param } from '../optim/optimizer.ts';
import type { AugmentedBatchView } from '../contract/augmentLayout.ts';
import type { Network } from '../model/network.ts';

export interface LoopRun {
  readonly config: Config;
  readonly step: number;
  /** Steps taken so far, pretraining steps included (pretrain=ae|dae, the MLP's); else the step. */
  readonly progress: number;
  /** Whether the run still pretrains, so the other runs of the lockstep wait for it. */
  readonly pretraining: boolean;
  /** One pretraining step; false when there is none to take. */
  pretrainStep(): boolean;
  /** aug=: the run augments its training batches (the loop then sends every run's batch preview). */
  readonly augmenter: object | null;
  /** The first examples of the latest (augmented) training batch, for the page's grid; null or absent when not kept. */
  readonly batchPreview?: { view(): AugmentedBatchView | null } | null;
  readonly divergence: Divergence | null;
  readonly params: readonly Param[];
  /** The network (its units' weights are what the weight histograms and the prior read). */
  readonly net: Network;
  /** The latest step's row (its length is the step rows' width). */
  readonly stepRow: Float64Array;
  readonly stepSinks: DecimatingSeries[];
  readonly evalSinks: DecimatingSeries[];
  readonly icsSinks: DecimatingSeries[];
  readonly evalHistory: DecimatingSeries;
  readonly icsHistory: DecimatingSeries;
  readonly shownMetrics: TrainMetrics;
  readonly shownPredictions: Int32Array;
  reset(): void;
  applyLive(config: Config): boolean;
  trainStep(): boolean;
  evaluateExtra(): boolean;
  /** The per-layer probe of the latest batch (the MLP's), or null. */
  measure(): ProbeData | null;
  /** The MLP's batch-norm state (NORM_FIELDS x width per layer), or null. */
  normState(): Float32Array | null;
  datasetView(): DatasetView;
  /** Paints the decision boundary (2D data), or null. */
  boundaryPainter(): { paint(): BoundaryGrid } | null;
  /** The conv panels' state (architecture runs only). */
  archState?(): ArchState;
  /** The test image whose feature maps archState carries. */
  inspectIndex?: number;
}
