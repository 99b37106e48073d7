import type { StateCreator } from 'zustand';
import type { LabState } from './labStore.ts';

export type Theme = 'light' | 'dark';
/** Which signal the "signal by layer" panel plots: pre-activations h or activations phi(h). */
export type SignalKind = 'pre' | 'act';

/** How things are shown; never part of the URL. */
export interface ViewSlice {
  /** Panels whose "table" toggle is on, by panel id. */
  readonly tablesOpen: Readonly<Record<string, boolean>>;
  readonly toggleTable: (panelId: string) => void;
  readonly signal: SignalKind;
  readonly setSignal: (signal: SignalKind) => void;
  readonly theme: Theme;
  readonly setTheme: (theme: Theme) => void;
}

export const createViewSlice: StateCreator<LabState, [], [], ViewSlice> = (set) => ({
  tablesOpen: {},
  toggleTable: (panelId) => set((s) => ({ tablesOpen: { ...s.tablesOpen, [panelId]: !s.tablesOpen[panelId] } })),
  signal: 'pre',
  setSignal: (signal) => set({ signal }),
  theme: 'light',
  setTheme: (theme) => set({ theme }),
});
