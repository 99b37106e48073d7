import type { StateCreator } from 'zustand';
import { DEFAULT_VIEW, type ViewParams } from '../url/viewQuery.ts';
import type { LabState } from './labStore.ts';
import { DEFAULT_STEP_AXIS, type StepAxis } from '../charts/stepAxisContext.ts';

export type Theme = 'light' | 'dark';
/** Which signal the "signal by layer" panel plots: pre-activations h or activations phi(h). */
export type SignalKind = 'pre' | 'act';

/** How things are shown: `view` is in the link (presentation, embeds, hidden controls); the rest is not. */
export interface ViewSlice {
  readonly view: ViewParams;
  readonly setView: (patch: Partial<ViewParams>) => void;
  /** The keyboard-shortcut overlay ("?"). */
  readonly shortcutsOpen: boolean;
  readonly setShortcutsOpen: (open: boolean) => void;
  /** Panels whose "table" toggle is on, by panel id. */
  readonly tablesOpen: Readonly<Record<string, boolean>>;
  readonly toggleTable: (panelId: string) => void;
  readonly signal: SignalKind;
  readonly setSignal: (signal: SignalKind) => void;
  /** The steps axis of every chart over training steps: linear or log, all steps or the last N. */
  readonly stepAxis: StepAxis;
  readonly setStepAxis: (patch: Partial<StepAxis>) => void;
  readonly theme: Theme;
  readonly setTheme: (theme: Theme) => void;
}

export const createViewSlice = (initialView: ViewParams = DEFAULT_VIEW): StateCreator<LabState, [], [], ViewSlice> => (set) => ({
  view: initialView,
  setView: (patch) => set((s) => ({ view: { ...s.view, ...patch } })),
  shortcutsOpen: false,
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
  tablesOpen: {},
  toggleTable: (panelId) => set((s) => ({ tablesOpen: { ...s.tablesOpen, [panelId]: !s.tablesOpen[panelId] } })),
  signal: 'pre',
  setSignal: (signal) => set({ signal }),
  stepAxis: DEFAULT_STEP_AXIS,
  setStepAxis: (patch) => set((s) => ({ stepAxis: { ...s.stepAxis, ...patch } })),
  theme: 'light',
  setTheme: (theme) => set({ theme }),
});
