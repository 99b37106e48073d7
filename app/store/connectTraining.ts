import { variantName, variantsOf, type Config } from '../../engine/contract/config.ts';
import { budgetProblem, estimateProbeCost } from '../../engine/contract/limits.ts';
import { differsOnlyLive, trainingProblem } from '../../engine/contract/training.ts';
import type { EngineClient } from '../engine/engineClient.ts';
import type { LabStore } from './labStore.ts';

/** What the page can ask of training; the config is always the store's current one. */
export interface TrainingControls {
  play(): void;
  pause(): void;
  /** Train `count` steps (default 1), then pause. */
  step(count?: number): void;
  /** The same run back at step 0 (same weights, same batch order). */
  reset(): void;
  /** After the worker was restarted: rebuild the run of the current config at step 0. */
  restart(): void;
  /** Show the feature maps of test image `index` (architecture runs; the run goes on as it was). */
  inspect?(index: number): void;
}

/** Silence that means the worker is gone: while running (a snapshot comes every frame), and while a run is built. */
export const RUNNING_SILENCE_MS = 5000;
export const LOADING_SILENCE_MS = 30_000;

export interface WatchdogClock {
  now(): number;
  /** Call fn every ms milliseconds; returns a function that stops it. */
  every(ms: number, fn: () => void): () => void;
}

const browserClock: WatchdogClock = {
  now: () => performance.now(),
  every: (ms, fn) => {
    const id = setInterval(fn, ms);
    return () => clearInterval(id);
  },
};

/**
 * Keep a training run for the store's config whenever it names a data set: a new run (at step 0,
 * paused) when a setting that shapes the run changes; live settings (learning rate, decay, ...)
 * go to a running trainer at once. data=none switches training off.
 */
export function connectTraining(store: LabStore, client: Pick<EngineClient, 'train'>, clock: WatchdogClock = browserClock): TrainingControls & { dispose(): void } {
  const s = store.getState;
  // A running worker posts a snapshot every frame; silence means it died without a word (closed,
  // killed by the browser). Say so, with the restart the error notice offers, instead of a frozen step count.
  let lastHeard = clock.now();
  const watchdog = clock.every(1000, () => {
    const status = s().trainStatus;
    // A step (or an evaluation) of a big net can take seconds: allow 50x the probe's estimated work at 1 GFLOP/s.
    const slack = 50 * (estimateProbeCost(s().config).flops / 1e9) * 1000;
    const limit = status === 'running' ? RUNNING_SILENCE_MS + slack : status === 'loading' ? LOADING_SILENCE_MS + slack : Infinity;
    if (clock.now() - lastHeard > limit) {
      s().trainFailed(`The engine stopped responding: no word from the worker for ${Math.round(limit / 1000)} s while ${status === 'running' ? 'training' : 'building the run'}. Restart it to go on.`);
      s().runFailed('The engine stopped responding. Restart it to go on.');
    }
  });
  const heard = store.subscribe((state, previous) => {
    if (state.train !== previous.train || state.trainStatus !== previous.trainStatus) lastHeard = clock.now();
  });
  /** Why this config cannot be trained (then the store says so and nothing is sent), or null. */
  const problemOf = (config: Config): string | null => {
    const own = budgetProblem(config) ?? trainingProblem(config);
    if (own) return own;
    for (const [i, v] of variantsOf(config).entries()) {
      const problem = budgetProblem(v) ?? trainingProblem(v);
      if (problem) return `${variantName(config, i)}: ${problem}`;
    }
    return null;
  };

  function send(type: 'reset' | 'play' | 'pause', config = s().config): void {
    const problem = problemOf(config);
    if (problem) {
      s().trainFailed(problem);
      return;
    }
    s().trainRequested(config);
    client.train({ type }, config);
  }

  function sync(config: Config, previous: Config | null): void {
    if (config.data === 'none') {
      if (s().trainStatus !== 'off') {
        if (s().train) client.train({ type: 'pause' }, config);
        s().trainOff();
      }
      return;
    }
    const running = s().trainStatus === 'running';
    if (previous && previous.data !== 'none' && differsOnlyLive(previous, config) && s().train) {
      // The worker applies live keys with the next command; a running run takes them now.
      if (running) client.train({ type: 'play' }, config);
      // Settings whose effect is shown at once when paused (the test set in the new mode; the prior's term and curve).
      else if (config.testbn !== previous.testbn || config.evalevery !== previous.evalevery || config.prior !== previous.prior || config.decay !== previous.decay) client.train({ type: 'step', count: 0 }, config);
      return;
    }
    send('reset', config);
  }

  sync(s().config, null);
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.config !== previous.config) sync(state.config, previous.config);
  });

  return {
    play: () => {
      s().trainPendingSet('play');
      send('play');
    },
    pause: () => {
      if (!s().train) return;
      s().trainPendingSet('pause');
      client.train({ type: 'pause' }, s().config);
    },
    step: (count = 1) => {
      const config = s().config;
      const problem = problemOf(config);
      if (problem) return s().trainFailed(problem);
      s().trainRequested(config);
      client.train({ type: 'step', count }, config);
    },
    reset: () => send('reset'),
    inspect: (index) => {
      if (s().train) client.train({ type: 'inspect', index }, s().config);
    },
    restart: () => {
      if (s().config.data !== 'none') send('reset');
    },
    dispose: () => {
      unsubscribe();
      heard();
      watchdog();
    },
  };
}
