import type { StateCreator } from 'zustand';
import type { ComparisonLineResult } from '../../engine/contract/comparison.ts';
import type { Config } from '../../engine/contract/config.ts';
import type { ProbeData } from '../../engine/contract/probeLayout.ts';
import type { LabState } from './labStore.ts';

/** 'refused': the config is beyond what a tab can run (engine/limits.ts); nothing was started. */
export type RunStatus = 'idle' | 'running' | 'ready' | 'error' | 'stopped' | 'refused';

/** What the engine is doing and the last thing it said. Written only by connectEngine. */
export interface RunSlice {
  readonly status: RunStatus;
  /** The last probe, and the config it was computed for (it may lag behind `config`). */
  readonly probe: ProbeData | null;
  readonly probeConfig: Config | null;
  /** The probes of the config's A/B variants (`vs`), in order; null where a variant was refused. */
  readonly variantProbes: readonly (ProbeData | null)[];
  /** Why a variant was not run (too big for a tab), or null. */
  readonly variantProblem: string | null;
  /** Worker compute time of the last probe, in ms. */
  readonly elapsedMs: number | null;
  readonly error: string | null;
  /** The initializer comparison: the config it was run for and its lines as they arrive (COMPARISON_LINES order). */
  readonly comparisonConfig: Config | null;
  readonly comparisonLines: readonly (ComparisonLineResult | null)[];
  readonly comparisonLineArrived: (config: Config, lineIndex: number, result: ComparisonLineResult) => void;
  readonly runStarted: () => void;
  readonly runSucceeded: (config: Config, probe: ProbeData, elapsedMs: number, variants?: { readonly probes: readonly (ProbeData | null)[]; readonly problem: string | null }, previewBatch?: number) => void;
  /** The probe shown is a quick preview from this many examples (the full one is computing), or null. */
  readonly previewBatch: number | null;
  readonly runFailed: (message: string) => void;
  readonly runStopped: () => void;
  readonly runRefused: (message: string) => void;
}

export const createRunSlice: StateCreator<LabState, [], [], RunSlice> = (set) => ({
  status: 'idle',
  probe: null,
  probeConfig: null,
  variantProbes: [],
  variantProblem: null,
  previewBatch: null,
  elapsedMs: null,
  error: null,
  comparisonConfig: null,
  comparisonLines: [],
  comparisonLineArrived: (config, lineIndex, result) =>
    set((s) => {
      const lines = s.comparisonConfig === config ? [...s.comparisonLines] : [];
      lines[lineIndex] = result;
      return { comparisonConfig: config, comparisonLines: lines };
    }),
  runStarted: () => set({ status: 'running', error: null }),
  runSucceeded: (config, probe, elapsedMs, variants, previewBatch) =>
    set({
      // A preview leaves the run going: the status (and the fingerprint) wait for the full probe.
      status: previewBatch ? 'running' : 'ready', probe, probeConfig: config, elapsedMs, error: null,
      variantProbes: variants?.probes ?? [], variantProblem: variants?.problem ?? null, previewBatch: previewBatch ?? null,
    }),
  runFailed: (message) => set({ status: 'error', error: message }),
  runStopped: () => set({ status: 'stopped' }),
  runRefused: (message) => set({ status: 'refused', error: message }),
});
