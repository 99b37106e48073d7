import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { EngineClient } from '../engine/engineClient.ts';
import type { TrainingControls } from './connectTraining.ts';
import type { LabState, LabStore } from './labStore.ts';

interface Lab {
  readonly store: LabStore;
  /** Restart and stop the engine, export the model, measure a receptive field or a correlation; running it on config changes happens by itself. */
  readonly engine: Pick<EngineClient, 'restart' | 'stop' | 'exportModel' | 'receptiveField' | 'correlation'>;
  /** Play, pause, step and reset the training run of the current config. */
  readonly training: TrainingControls;
}

const LabContext = createContext<Lab | null>(null);

export function LabProvider({ store, engine, training, children }: Lab & { children: ReactNode }) {
  return <LabContext.Provider value={{ store, engine, training }}>{children}</LabContext.Provider>;
}

function useLabContext(): Lab {
  const lab = useContext(LabContext);
  if (!lab) throw new Error('useLab must be used inside <LabProvider>');
  return lab;
}

/** One field (or one derived value) of the store; re-renders only when it changes. */
export function useLab<T>(selector: (state: LabState) => T): T {
  return useStore(useLabContext().store, selector);
}

export function useEngineControls(): Lab['engine'] {
  return useLabContext().engine;
}

export function useTrainingControls(): TrainingControls {
  return useLabContext().training;
}

/** The store itself, for handlers that read it when an event comes (keyboard shortcuts). */
export function useLabStore(): LabStore {
  return useLabContext().store;
}
