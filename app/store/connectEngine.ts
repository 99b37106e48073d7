import type { Config } from '../../engine/contract/config.ts';
import { budgetProblem } from '../../engine/contract/limits.ts';
import type { EngineClient, EngineEvents, WorkerLike } from '../engine/engineClient.ts';
import { createEngineClient } from '../engine/engineClient.ts';
import type { LabStore } from './labStore.ts';

/** Run the engine on the store's config now and whenever it changes; report back into the store. */
export function connectEngine(store: LabStore, createWorker: () => WorkerLike): EngineClient {
  const s = store.getState;
  const events: EngineEvents = {
    started: () => s().runStarted(),
    snapshot: (config, probe, elapsedMs, variants, previewBatch) => s().runSucceeded(config, probe, elapsedMs, variants, previewBatch),
    failed: (_config, message) => s().runFailed(message),
    stopped: () => s().runStopped(),
    comparisonLine: (config, lineIndex, result) => s().comparisonLineArrived(config, lineIndex, result),
    trainSnapshot: (config, snapshot) => s().trainSnapshotArrived(config, snapshot),
    trainFailed: (_config, message) => s().trainFailed(message),
  };
  const client = createEngineClient(createWorker, events);
  // A config beyond what a tab can run is refused before the worker sees it (engine/limits.ts).
  const run = (config: Config) => {
    const problem = budgetProblem(config);
    if (problem === null) {
      client.run(config);
      return;
    }
    client.stop(); // whatever was computing is for an older config
    s().runRefused(problem);
  };
  run(s().config);
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.config !== previous.config) run(state.config);
    if (state.anticipated !== previous.anticipated || state.config !== previous.config) {
      client.anticipate(state.anticipated.map((patch) => ({ ...state.config, ...patch })).filter((c) => budgetProblem(c) === null));
    }
  });
  return {
    ...client,
    dispose() {
      unsubscribe();
      client.dispose();
    },
  };
}
