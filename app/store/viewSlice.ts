import type { StateCreator } from 'zustand';
import type { LabState } from './labStore.ts';

/** How things are shown; never part of the URL. */
export interface ViewSlice {
  readonly showTable: boolean;
  readonly toggleTable: () => void;
}

export const createViewSlice: StateCreator<LabState, [], [], ViewSlice> = (set) => ({
  showTable: false,
  toggleTable: () => set((s) => ({ showTable: !s.showTable })),
});
