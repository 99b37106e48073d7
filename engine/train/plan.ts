/**
 * From a config to what training builds: the hidden layers' specs, the training-set size, and why
 * a config cannot be trained. Pure functions of the config (the UI can call them before asking).
 */
import type { Config } from '../config.ts';
import { NO_DATA_PROBLEM, testCountOf } from '../data/dataset.ts';
import { DIGITS_COUNT } from '../data/digits.ts';
import { batchNormSpec, type DenseSpec } from '../network.ts';

/** Config keys a running trainer takes without being rebuilt (the sliders a student drags mid-run). */
export const LIVE_KEYS = ['lr', 'wd', 'mom', 'evalevery', 'testbn'] as const satisfies readonly (keyof Config)[];

export function hiddenSpecs(config: Config): DenseSpec[] {
  const norm = config.norm === 'batch' ? batchNormSpec(config.bnpos, config.bnmom, config.bneps) : undefined;
  return Array.from({ length: config.depth }, () => ({ kind: 'dense' as const, units: config.width, activation: config.act, ...(norm ? { batchNorm: norm } : {}) }));
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
  return null;
}
