import type { StateCreator } from 'zustand';
import { SIZED_KEYS, withData, type Config, type ConfigProblem, type ParsedConfig } from '../../engine/contract/config.ts';
import type { LabState } from './labStore.ts';

/** The experiment config; mirrors the URL (see connectUrl). */
export interface ConfigSlice {
  readonly config: Config;
  /** What was wrong with the link the page opened with; cleared when dismissed. */
  readonly problems: readonly ConfigProblem[];
  /**
   * The query of the link as the page opened it ('' for none), kept to show beside its problems:
   * the address bar then carries the corrected link, so the broken one is seen only here.
   */
  readonly openedLink: string;
  readonly setConfig: (patch: Partial<Config>) => void;
  /**
   * Changes the user may make next, most likely first (a slider's values a step either side), each
   * relative to the config at the time; connectEngine previews them ahead while the worker is idle.
   */
  readonly anticipated: readonly Partial<Config>[];
  readonly anticipate: (patches: readonly Partial<Config>[]) => void;
  readonly dismissProblems: () => void;
}

/** The parsed link, and optionally its text as opened (for the problems notice). */
export type InitialLink = ParsedConfig & { readonly openedLink?: string };

export const createConfigSlice = (initial: InitialLink): StateCreator<LabState, [], [], ConfigSlice> => (set) => ({
  config: initial.config,
  problems: initial.problems,
  openedLink: initial.openedLink ?? '',
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
