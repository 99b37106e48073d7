/**
 * The one store of the lab, built from slices. A vanilla store (not a hook) so the URL and the
 * engine can subscribe to it outside React; components reach it through LabContext.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ViewParams } from '../url/viewQuery.ts';
import { createConfigSlice, type ConfigSlice, type InitialLink } from './configSlice.ts';
import { createRunSlice, type RunSlice } from './runSlice.ts';
import { createTrainSlice, type TrainSlice } from './trainSlice.ts';
import { createViewSlice, type ViewSlice } from './viewSlice.ts';

export type LabState = ConfigSlice & RunSlice & TrainSlice & ViewSlice;
export type LabStore = StoreApi<LabState>;

export function createLabStore(initial: InitialLink, view?: ViewParams): LabStore {
  return createStore<LabState>()((...a) => ({
    ...createConfigSlice(initial)(...a),
    ...createRunSlice(...a),
    ...createTrainSlice(...a),
    ...createViewSlice(view)(...a),
  }));
}
