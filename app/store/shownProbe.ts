/**
 * Which per-layer probe the initialization lab's charts show. Without a data set: the probe of
 * the config (synthetic input, with theory). With one: the training run's latest batch, hidden
 * layers only (the run also measures the output head), so the same charts follow training live;
 * the theory holds at initialization only and is absent from those probes (NaN).
 */
import { useShallow } from 'zustand/react/shallow';
import { variantsOf, type Config } from '../../engine/contract/config.ts';
import type { ProbeData } from '../../engine/contract/probeLayout.ts';
import { useLab } from './LabContext.tsx';
import type { LabState } from './labStore.ts';

export interface ShownProbe {
  readonly probe: ProbeData | null;
  /** The numbers belong to an older config than the one in the controls. */
  readonly stale: boolean;
  /** The probe is of a training batch (no theory); null step when it is the config's own probe. */
  readonly trainingStep: number | null;
  /** The A/B variants' probes (`vs`), in order; null where one is missing or was refused. */
  readonly variants: readonly (ProbeData | null)[];
}

const NONE: readonly (ProbeData | null)[] = [];
const variantViews = new WeakMap<readonly unknown[], (ProbeData | null)[]>();

/** The variants' training probes, hidden layers only, as one array that keeps its identity while they do. */
function trainingVariants(runs: LabState['trainVariants'], configs: Config[]): readonly (ProbeData | null)[] {
  if (runs.length === 0) return NONE;
  const key = runs as readonly unknown[];
  let view = variantViews.get(key);
  if (!view) {
    view = runs.map((r, i) => (r.probe && configs[i] ? hiddenOnly(r.probe, configs[i].depth) : null));
    variantViews.set(key, view);
  }
  return view;
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
    if (!run?.probe || !config) return { probe: null, stale: true, trainingStep: null, variants: NONE };
    return {
      probe: hiddenOnly(run.probe, config.depth),
      stale: config.depth !== s.config.depth || config.width !== s.config.width,
      trainingStep: run.metrics.step,
      variants: trainingVariants(s.trainVariants, variantConfigsOf(config)),
    };
  }
  return { probe: s.probe, stale: s.probeConfig !== s.config, trainingStep: null, variants: s.variantProbes };
}

export function useShownProbe(): ShownProbe {
  return useLab(useShallow(selectShownProbe));
}

const configsByRun = new WeakMap<Config, Config[]>();
function variantConfigsOf(config: Config): Config[] {
  let c = configsByRun.get(config);
  if (!c) {
    c = variantsOf(config);
    configsByRun.set(config, c);
  }
  return c;
}
