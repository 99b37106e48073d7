/**
 * The trainability map's workers: up to `workers` engine workers of their own (beside the lab's
 * one), each given one cell at a time from a shared queue until it is empty. Results arrive as the
 * cells finish, in whatever order; cancel ends every worker at once (a cell in flight is dropped).
 * A worker that fails or dies ends the run with its message.
 */
import type { TrainabilityCell, TrainabilityResult } from '../../engine/contract/trainability.ts';
import { createWorkerHost, type WorkerHost, type WorkerLike } from './workerHost.ts';

/** More workers than this do not pay on a laptop: the page, the lab's worker and the GPU process need cores too. */
export const MAX_MAP_WORKERS = 8;

export function mapWorkerCount(hardwareConcurrency: number | undefined): number {
  const n = Number.isFinite(hardwareConcurrency) ? Math.floor(hardwareConcurrency as number) : 2;
  return Math.max(1, Math.min(MAX_MAP_WORKERS, n));
}

export type MapOutcome = { readonly kind: 'finished' } | { readonly kind: 'cancelled' } | { readonly kind: 'failed'; readonly message: string };

export interface MapRun {
  cancel(): void;
  readonly done: Promise<MapOutcome>;
  readonly workers: number;
}

export function runTrainabilityMap(
  cells: readonly TrainabilityCell[], workers: number, createWorker: () => WorkerLike, onResult: (result: TrainabilityResult) => void,
): MapRun {
  const queue = [...cells];
  const count = Math.max(1, Math.min(workers, cells.length));
  let remaining = cells.length, over = false;
  let settle: (outcome: MapOutcome) => void = () => {};
  const done = new Promise<MapOutcome>((resolve) => { settle = resolve; });
  const hosts: WorkerHost[] = [];
  const finish = (outcome: MapOutcome) => {
    if (over) return;
    over = true;
    for (const h of hosts) h.end();
    settle(outcome);
  };
  const next = (host: WorkerHost) => {
    const cell = queue.shift();
    if (cell) host.worker().postMessage({ type: 'trainabilityCell', requestId: host.nextRequestId(), cell });
  };
  for (let i = 0; i < count; i++) {
    const host: WorkerHost = createWorkerHost(createWorker, {
      message(answer) {
        if (over) return;
        if (answer.type === 'trainabilityCell') {
          onResult(answer.result);
          if (--remaining === 0) finish({ kind: 'finished' });
          else next(host);
        } else if (answer.type === 'error') finish({ kind: 'failed', message: answer.message });
      },
      crash: (message) => finish({ kind: 'failed', message }),
    });
    hosts.push(host);
  }
  if (cells.length === 0) finish({ kind: 'finished' });
  else for (const h of hosts) next(h);
  return { cancel: () => finish({ kind: 'cancelled' }), done, workers: count };
}
