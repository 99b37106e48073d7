/**
 * The trainability map's run on the page: the cells of the plan for the lab's seed, trained across
 * workers of their own (app/engine/trainabilityPool.ts), each result written in as it arrives;
 * cancelled on Cancel, on a new run, and when the panel goes away.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { planCells, TRAINABILITY_PLAN, type TrainabilityPlan } from '../../../engine/contract/trainability.ts';
import { mapWorkerCount, runTrainabilityMap, type MapRun } from '../../engine/trainabilityPool.ts';
import { createProbeWorker } from '../../engine/workerHost.ts';

export type MapStatus = 'idle' | 'running' | 'finished' | 'cancelled' | 'failed';

export interface MapState {
  readonly plan: TrainabilityPlan;
  /** The seed the cells were (are being) trained with. */
  readonly seed: number;
  /** rows x columns, row-major (row 0 the shallowest); NaN: not trained (yet). */
  readonly accuracy: Float64Array;
  readonly done: number;
  readonly status: MapStatus;
  readonly workers: number;
  readonly ms: number;
  readonly message: string | null;
}

const empty = (seed: number, plan: TrainabilityPlan): MapState => ({
  plan, seed, accuracy: new Float64Array(plan.rows * plan.columns).fill(NaN), done: 0, status: 'idle', workers: 0, ms: 0, message: null,
});

export function useTrainabilityMap(seed: number, plan: TrainabilityPlan = TRAINABILITY_PLAN) {
  const [state, setState] = useState<MapState>(() => empty(seed, plan));
  const run = useRef<MapRun | null>(null);

  const cancel = useCallback(() => run.current?.cancel(), []);
  const start = useCallback(() => {
    run.current?.cancel();
    const cells = planCells(seed, plan);
    const accuracy = new Float64Array(plan.rows * plan.columns).fill(NaN);
    const t0 = performance.now();
    let done = 0;
    const workers = mapWorkerCount(typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency);
    const mine = runTrainabilityMap(cells, workers, createProbeWorker, (result) => {
      accuracy[result.index] = result.testAccuracy;
      done++;
      if (run.current === mine) setState((s) => ({ ...s, accuracy: Float64Array.from(accuracy), done, ms: performance.now() - t0 }));
    });
    run.current = mine;
    setState({ ...empty(seed, plan), status: 'running', workers: mine.workers });
    void mine.done.then((outcome) => {
      if (run.current !== mine) return;
      run.current = null;
      setState((s) => ({ ...s, status: outcome.kind, ms: performance.now() - t0, message: outcome.kind === 'failed' ? outcome.message : null }));
    });
  }, [seed, plan]);

  // Another seed is another map: the old one (or its run) goes.
  useEffect(() => {
    setState((s) => (s.seed === seed ? s : empty(seed, plan)));
    return () => { run.current?.cancel(); run.current = null; };
  }, [seed, plan]);

  return { state, start, cancel };
}
