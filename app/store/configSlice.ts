import type { StateCreator } from 'zustand';
import { SIZED_KEYS, withData, type Config, type ConfigProblem, type ParsedConfig } from '../../engine/contract/config.ts';
import type { LabState } from './labStore.ts';

/** The experiment config; mirrors the URL (see connectUrl). */
export interface ConfigSlice {
  readonly config: Config;
  /** What was wrong with the link the page opened with; cleared when dismissed. */
  readonly problems: readonly ConfigProblem[];
  readonly setConfig: (patch: Partial<Config>) => void;
  /**
   * Changes the user may make next, most likely first (a slider's values a step either side), each
   * relative to the config at the time; connectEngine previews them ahead while the worker is idle.
   */
  readonly anticipated: readonly Partial<Config>[];
  readonly anticipate: (patches: readonly Partial<Config>[]) => void;
  readonly dismissProblems: () => void;
}

export const createConfigSlice = (initial: ParsedConfig): StateCreator<LabState, [], [], ConfigSlice> => (set) => ({
  config: initial.config,
  problems: initial.problems,
  setConfig: (patch) =>
    set((s) => {
      const changed = (Object.keys(patch) as (keyof Config)[]).some((k) => patch[k] !== s.config[k]);
      if (!changed) return {};
      // Another data set resizes a network still at the old one's default (withData), unless the patch sizes it.
      const resized = patch.data !== undefined && !SIZED_KEYS.some((k) => k in patch) ? withData(s.config, patch.data) : s.config;
      return { config: { ...resized, ...patch } };
    }),
  anticipated: [],
  anticipate: (patches) => set({ anticipated: patches }),
  dismissProblems: () => set({ problems: [] }),
});
