import type { EngineClient, EngineEvents, WorkerLike } from '../engine/engineClient.ts';
import { createEngineClient } from '../engine/engineClient.ts';
import type { LabStore } from './labStore.ts';

/** Run the engine on the store's config now and whenever it changes; report back into the store. */
export function connectEngine(store: LabStore, createWorker: () => WorkerLike): EngineClient {
  const s = store.getState;
  const events: EngineEvents = {
    started: () => s().runStarted(),
    snapshot: (config, probe, elapsedMs) => s().runSucceeded(config, probe, elapsedMs),
    failed: (_config, message) => s().runFailed(message),
    stopped: () => s().runStopped(),
    comparisonLine: (config, lineIndex, result) => s().comparisonLineArrived(config, lineIndex, result),
  };
  const client = createEngineClient(createWorker, events);
  client.run(s().config);
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.config !== previous.config) client.run(state.config);
  });
  return {
    ...client,
    dispose() {
      unsubscribe();
      client.dispose();
    },
  };
}
