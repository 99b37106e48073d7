/**
 * The runs the training panels draw: the primary and, when the link has `vs`, its A/B variant,
 * each with its config, a short name built from the overridden keys ("norm:none" beside
 * "norm:batch") and its colour. Re-rendered about 4 times a second while training runs (a
 * snapshot arrives every frame; charts of 2,000 points need not follow each one).
 */
import { useEffect, useMemo, useState } from 'react';
import { parseOverrides, variantOf, type Config } from '../../../engine/contract/config.ts';
import { seriesColor } from '../../charts/chartColors.ts';
import { useLab } from '../../store/LabContext.tsx';
import type { LabState } from '../../store/labStore.ts';
import type { RunView, TrainUiStatus } from '../../store/trainSlice.ts';

export interface ShownRun {
  readonly role: 'primary' | 'variant';
  readonly run: RunView;
  readonly config: Config;
  /** '' when there is no variant; else the overridden keys with this run's values: "norm:batch". */
  readonly name: string;
  readonly color: string;
}

export interface ShownRuns {
  /** The primary first, then the variant if there is one; empty before the first snapshot. */
  readonly runs: readonly ShownRun[];
  readonly status: TrainUiStatus;
  /** A new run is being built: what is drawn belongs to the previous one. */
  readonly busy: boolean;
}

/** Charts over steps redraw about four times a second while a run runs. */
export const RUNNING_REFRESH_MS = 250;

/** Primary and variant names: the keys `vs` overrides, with each run's value. */
export function runNames(config: Config): { primary: string; variant: string } {
  // The first variant (the training panels draw the primary and the first variant).
  const { overrides } = parseOverrides(config.vs.split(';')[0] ?? '');
  const keys = Object.keys(overrides) as (keyof Config)[];
  if (keys.length === 0) return { primary: '', variant: '' };
  return {
    primary: keys.map((k) => `${k}:${String(config[k])}`).join(', '),
    variant: keys.map((k) => `${k}:${String(overrides[k])}`).join(', '),
  };
}

/** "test loss" alone, "test loss (norm:batch)" beside a variant. */
export function named(quantity: string, run: ShownRun): string {
  return run.name ? `${quantity} (${run.name})` : quantity;
}

/** What a run is called above its chart: by its batch norm, and by its overrides too when both runs agree on that. */
export function runTitle(run: ShownRun, runs: readonly ShownRun[]): string {
  const bn = run.config.norm === 'batch' ? 'With BN' : 'Without BN';
  const sameNorm = runs.length > 1 && runs.every((r) => r.config.norm === run.config.norm);
  return sameNorm && run.name ? `${bn} (${run.name})` : bn;
}

export interface Latest {
  readonly train: RunView | null;
  readonly variant: RunView | null;
  readonly config: Config | null;
  readonly status: TrainUiStatus;
}

/** The latest throttled value per store, keyed by one of its actions (a function made once per store). */
const latestByStore = new WeakMap<object, { value: Latest; at: number }>();

/**
 * The store's training fields, but while a run is running, new only every RUNNING_REFRESH_MS: the
 * selector hands back the previous object until then, so a panel does not even re-render for the
 * snapshots in between (one arrives every frame). Every panel shares one value per store, so they
 * all move in the same render and a run's columns are copied once. Any other change passes at
 * once; while running the next snapshot is at most a frame away, so the latest always lands.
 */
export function selectLatestThrottled(s: LabState, now: number): Latest {
  const c = latestByStore.get(s.trainSnapshotArrived);
  const v = c?.value;
  if (v && v.train === s.train && v.variant === s.trainVariant && v.config === s.trainConfig && v.status === s.trainStatus) return v;
  if (v && c && v.status === 'running' && s.trainStatus === 'running' && v.config === s.trainConfig && now - c.at < RUNNING_REFRESH_MS) return v;
  const value: Latest = { train: s.train, variant: s.trainVariant, config: s.trainConfig, status: s.trainStatus };
  latestByStore.set(s.trainSnapshotArrived, { value, at: now });
  return value;
}

export function useShownRuns(): ShownRuns {
  const shown = useLab((s) => selectLatestThrottled(s, performance.now()));
  const runs = useMemo(() => {
    const { train: t, variant: v, config: c } = shown;
    if (!t || !c) return [];
    const variantConfig = v ? variantOf(c) : null;
    const names = variantConfig ? runNames(c) : { primary: '', variant: '' };
    const out: ShownRun[] = [{ role: 'primary', run: t, config: c, name: names.primary, color: seriesColor(0) }];
    if (v && variantConfig) out.push({ role: 'variant', run: v, config: variantConfig, name: names.variant, color: seriesColor(1) });
    return out;
  }, [shown]);
  return { runs, status: shown.status, busy: shown.status === 'loading' };
}

/**
 * The runs a table shows: the latest while the run is not running, else the last ones from before
 * it ran. A table of 60 rows rewritten four times a second costs the page a layout each time and
 * cannot be read anyway; it catches up the moment training pauses.
 */
export function useTableRuns(shown: ShownRuns): readonly ShownRun[] {
  const running = shown.status === 'running';
  const [settled, setSettled] = useState(shown.runs);
  useEffect(() => {
    if (!running) setSettled(shown.runs);
  }, [shown.runs, running]);
  return running ? settled : shown.runs;
}
