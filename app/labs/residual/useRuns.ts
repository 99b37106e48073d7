/**
 * The runs the residual panels draw, read from the store. By layer: without a data set the probes
 * of the config and its variants (initialization, synthetic input); with one, each training run's
 * latest batch, so the same charts follow training live. Over steps: every training run's history.
 * Both are redrawn at most a few times a second while training runs.
 */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Config } from '../../../engine/contract/config.ts';
import { useLab } from '../../store/LabContext.tsx';
import { useShownProbe } from '../../store/shownProbe.ts';
import type { TrainUiStatus } from '../../store/trainSlice.ts';
import { useThrottled } from '../training/useThrottled.ts';
import type { LayerRun } from './layerRows.ts';
import { runConfigs, runNames } from './runs.ts';
import type { StepRun } from './stepRows.ts';

/** Redraw at most this often while training runs, ms. */
const REDRAW_MS = 250;

export interface LayerRuns {
  readonly runs: readonly LayerRun[];
  /** The numbers belong to an older config than the controls'. */
  readonly stale: boolean;
  /** The step of the training batch measured, or null for the initialization probe (data=none). */
  readonly trainingStep: number | null;
  /** Whether any probe has arrived. */
  readonly ready: boolean;
}

const NO_CONFIG: readonly Config[] = [];

export function useLayerRuns(): LayerRuns {
  const shown = useThrottled(useShownProbe(), REDRAW_MS);
  const base = useLab((s) => (s.config.data !== 'none' ? s.trainConfig : s.probeConfig));
  return useMemo(() => {
    const configs = base ? runConfigs(base) : NO_CONFIG;
    const names = base ? runNames(base, configs) : [];
    const probes = [shown.probe, ...shown.variants];
    const runs: LayerRun[] = probes.map((probe, i) => ({
      name: names[i]?.name ?? `variant ${i}`,
      color: names[i]?.color ?? 'currentColor',
      probe: probe ?? null,
    }));
    return { runs, stale: shown.stale, trainingStep: shown.trainingStep, ready: shown.probe !== null };
  }, [shown, base]);
}

export interface StepRuns {
  readonly runs: readonly StepRun[];
  readonly status: TrainUiStatus;
  /** A new run is being built: what is drawn belongs to the previous one. */
  readonly busy: boolean;
}

export function useStepRuns(): StepRuns {
  const live = useLab(useShallow((s) => ({ train: s.train, variants: s.trainVariants, config: s.trainConfig })));
  const status = useLab((s) => s.trainStatus);
  const shown = useThrottled(live, status === 'running' ? REDRAW_MS : 0);
  const runs = useMemo(() => {
    const { train, variants, config } = shown;
    if (!train || !config) return [];
    const configs = runConfigs(config);
    const names = runNames(config, configs);
    const out: StepRun[] = [{ ...names[0], config, run: train }];
    variants.forEach((run, i) => {
      if (configs[i + 1]) out.push({ ...names[i + 1], config: configs[i + 1], run });
    });
    return out;
  }, [shown]);
  return { runs, status, busy: status === 'loading' };
}
