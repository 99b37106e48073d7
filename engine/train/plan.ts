/**
 * From a config to what training builds: the hidden layers' specs, the training-set size, and why
 * a config cannot be trained. Pure functions of the config (the UI can call them before asking).
 */
import type { Config } from '../config.ts';
import { NO_DATA_PROBLEM, testCountOf } from '../data/dataset.ts';
import { DIGITS_COUNT } from '../data/digits.ts';
import { hiddenLayerSpecs } from '../experiment.ts';
import type { AuxHeadSpec } from '../model/layers/auxHead.ts';
import type { LayerSpec } from '../model/network.ts';

/** Config keys a running trainer takes without being rebuilt (the sliders a student drags mid-run). */
export const LIVE_KEYS = ['lr', 'wd', 'mom', 'evalevery', 'testbn'] as const satisfies readonly (keyof Config)[];

/** The hidden layers training builds: the probe's (experiment.ts), with batch norm where norm=batch puts it. */
export function hiddenSpecs(config: Config): LayerSpec[] {
  return hiddenLayerSpecs(config, true);
}

/**
 * The auxiliary heads of a config (aux1, then aux2; 0 = none) and, per slot, the head's index in
 * the list or -1. A head reads hidden layer auxN (1-based), so its spec's `at` is auxN - 1.
 */
export function auxHeadSpecs(config: Config, classes: number): { heads: AuxHeadSpec[]; slots: number[] } {
  const heads: AuxHeadSpec[] = [], slots: number[] = [];
  for (const layer of [config.aux1, config.aux2]) {
    if (layer > 0 && layer <= config.depth) {
      slots.push(heads.length);
      heads.push({ at: layer - 1, classes });
    } else slots.push(-1);
  }
  return { heads, slots };
}

/** Training examples of the config's data set, without building it. */
export function trainCountOf(config: Config): number {
  const count = config.data === 'digits' ? DIGITS_COUNT : config.points;
  return count - testCountOf(count, config.split);
}

/** Why the config cannot be trained, or null. */
export function trainingProblem(config: Config): string | null {
  if (config.data === 'none') return NO_DATA_PROBLEM;
  const batch = Math.min(config.batch, trainCountOf(config));
  if (config.norm === 'batch' && batch < 2) return `batch norm needs at least 2 examples per batch to estimate a variance; batch is ${batch}`;
  for (const key of ['aux1', 'aux2'] as const) {
    if (config[key] > config.depth) return `${key}=${config[key]} puts an auxiliary classifier on hidden layer ${config[key]}, but the network has ${config.depth} hidden layer${config.depth === 1 ? '' : 's'}; use 1..${config.depth} (0 for none)`;
  }
  return null;
}
