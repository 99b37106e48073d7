/**
 * The runs the training panels draw: the primary and, when the link has `vs`, every variant (up to
 * three), each with its config, its name in words ("without batch norm" beside "with batch norm",
 * the same on every panel) and its colour. Re-rendered about 4 times a second while training runs (a
 * snapshot arrives every frame; charts of 2,000 points need not follow each one).
 */
import { useEffect, useMemo, useState } from 'react';
import { describeRuns, variantsOf, type Config } from '../../../engine/contract/config.ts';
import { seriesColor } from '../../charts/chartColors.ts';
import { useLab } from '../../store/LabContext.tsx';
import type { LabState } from '../../store/labStore.ts';
import type { RunView, TrainUiStatus } from '../../store/trainSlice.ts';

export interface ShownRun {
  readonly role: 'primary' | 'variant';
  /** 'primary', 'variant-1', 'variant-2', 'variant-3': unique among the runs, for keys and line ids. */
  readonly id: string;
  readonly run: RunView;
  readonly config: Config;
  /** '' when there is no variant; else the run in words (describeRuns): "with batch norm", "30 layers, plain". */
  readonly name: string;
  readonly color: string;
}

export interface ShownRuns {
  /** The primary first, then every variant in vs order; empty before the first snapshot. */
  readonly runs: readonly ShownRun[];
  readonly status: TrainUiStatus;
  /** A new run is being built: what is drawn belongs to the previous one. */
  readonly busy: boolean;
}

/** Charts over steps redraw about four times a second while a run runs. */
export const RUNNING_REFRESH_MS = 250;

/** Every run's name in words, the primary first (describeRuns): '' for each when there is no variant. */
export function runNames(config: Config): string[] {
  return describeRuns(config);
}

/** "test loss" alone, "test loss (with batch norm)" beside a variant. */
export function named(quantity: string, run: ShownRun): string {
  return run.name ? `${quantity} (${run.name})` : quantity;
}

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** What a run is called above its chart: its name, said with its batch norm when the name does not. */
export function runTitle(run: ShownRun, runs: readonly ShownRun[]): string {
  const bn = run.config.norm === 'batch' ? 'With batch norm' : 'Without batch norm';
  if (!run.name || runs.length < 2) return bn;
  return /batch norm/.test(run.name) ? capitalized(run.name) : `${bn}, ${run.name}`;
}

export interface Latest {
  readonly train: RunView | null;
  readonly variants: readonly RunView[];
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
  const variants = s.trainVariants ?? [];
  if (v && v.train === s.train && v.variants === variants && v.config === s.trainConfig && v.status === s.trainStatus) return v;
  if (v && c && v.status === 'running' && s.trainStatus === 'running' && v.config === s.trainConfig && now - c.at < RUNNING_REFRESH_MS) return v;
  const value: Latest = { train: s.train, variants, config: s.trainConfig, status: s.trainStatus };
  latestByStore.set(s.trainSnapshotArrived, { value, at: now });
  return value;
}

export function useShownRuns(): ShownRuns {
  const shown = useLab((s) => selectLatestThrottled(s, performance.now()));
  const runs = useMemo(() => {
    const { train: t, variants, config: c } = shown;
    if (!t || !c) return [];
    const configs = variantsOf(c);
    const names = runNames(c);
    const out: ShownRun[] = [{ role: 'primary', id: 'primary', run: t, config: c, name: names[0] ?? '', color: seriesColor(0) }];
    variants.forEach((v, i) => {
      if (configs[i]) out.push({ role: 'variant', id: `variant-${i + 1}`, run: v, config: configs[i], name: names[i + 1] ?? '', color: seriesColor(i + 1) });
    });
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
