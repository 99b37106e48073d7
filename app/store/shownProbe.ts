/**
 * Which per-layer probe the initialization lab's charts show. Without a data set: the probe of
 * the config (synthetic input, with theory). With one: the training run's latest batch, hidden
 * layers only (the run also measures the output head), so the same charts follow training live;
 * the theory holds at initialization only and is absent from those probes (NaN).
 */
import { useShallow } from 'zustand/react/shallow';
import type { ProbeData } from '../../engine/probe/layout.ts';
import { useLab } from './LabContext.tsx';
import type { LabState } from './labStore.ts';

export interface ShownProbe {
  readonly probe: ProbeData | null;
  /** The numbers belong to an older config than the one in the controls. */
  readonly stale: boolean;
  /** The probe is of a training batch (no theory); null step when it is the config's own probe. */
  readonly trainingStep: number | null;
}

const hiddenViews = new WeakMap<ProbeData, ProbeData>();

/** The probe without its last layer (the output head): same arrays, one layer fewer. */
export function hiddenOnly(probe: ProbeData, depth: number): ProbeData {
  if (probe.depth <= depth) return probe;
  let view = hiddenViews.get(probe);
  if (!view) {
    view = { ...probe, depth, widths: probe.widths.subarray(0, depth) };
    hiddenViews.set(probe, view);
  }
  return view;
}

export function selectShownProbe(s: LabState): ShownProbe {
  if (s.config.data !== 'none') {
    const run = s.train, config = s.trainConfig;
    if (!run?.probe || !config) return { probe: null, stale: true, trainingStep: null };
    return { probe: hiddenOnly(run.probe, config.depth), stale: config.depth !== s.config.depth || config.width !== s.config.width, trainingStep: run.metrics.step };
  }
  return { probe: s.probe, stale: s.probeConfig !== s.config, trainingStep: null };
}

export function useShownProbe(): ShownProbe {
  return useLab(useShallow(selectShownProbe));
}
