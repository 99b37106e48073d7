import type { StateCreator } from 'zustand';
import type { Config, ConfigProblem, ParsedConfig } from '../../engine/config.ts';
import type { LabState } from './labStore.ts';

/** The experiment config; mirrors the URL (see connectUrl). */
export interface ConfigSlice {
  readonly config: Config;
  /** What was wrong with the link the page opened with; cleared when dismissed. */
  readonly problems: readonly ConfigProblem[];
  readonly setConfig: (patch: Partial<Config>) => void;
  readonly dismissProblems: () => void;
}

export const createConfigSlice = (initial: ParsedConfig): StateCreator<LabState, [], [], ConfigSlice> => (set) => ({
  config: initial.config,
  problems: initial.problems,
  setConfig: (patch) =>
    set((s) => {
      const changed = (Object.keys(patch) as (keyof Config)[]).some((k) => patch[k] !== s.config[k]);
      return changed ? { config: { ...s.config, ...patch } } : {};
    }),
  dismissProblems: () => set({ problems: [] }),
});
