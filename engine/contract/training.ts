/**
 * What the page may ask of training before asking the worker: which keys a running trainer takes
 * as they are, how many training examples a config has, and why a config cannot be trained.
 */
import type { Config } from './config.ts';
import { DATASETS } from './datasets.ts';
import { augSpecOf, geometricOpsOf } from './augment.ts';
import { resolveArch } from './arch/named/index.ts';
import { analyseArch } from './arch/shapePass.ts';

export const NO_DATA_PROBLEM = 'data=none is the probe\'s synthetic input, which has no labels to train on: choose a data set (data=circles, spiral, moons, xor, blobs, digits, mnist or fashion)';


/** How many of count examples the test set takes: round(split count), at least 1, leaving at least 1. */
export function testCountOf(count: number, split: number): number {
  return Math.min(count - 1, Math.max(1, Math.round(split * count)));
}

/** Config keys a running trainer takes without being rebuilt (the sliders a student drags mid-run). */
export const LIVE_KEYS = ['lr', 'wd', 'mom', 'evalevery', 'testbn', 'prior', 'decay'] as const satisfies readonly (keyof Config)[];


/** True when a and b differ only in keys a running trainer takes as they are (lr, wd, ...). */
export function differsOnlyLive(a: Config, b: Config): boolean {
  for (const key of Object.keys(a) as (keyof Config)[]) {
    if (a[key] !== b[key] && !(LIVE_KEYS as readonly string[]).includes(key)) return false;
  }
  return true;
}

/**
 * Training examples of the config's data set, without building it. With ntrain, ntrain per class,
 * at most the split: exact when every class has ntrain examples in the training split (the built
 * data set's trainCount is the truth).
 */
export function trainCountOf(config: Config): number {
  const count = config.data === 'none' ? config.points : DATASETS[config.data].countOf(config);
  const split = count - testCountOf(count, config.split);
  return config.ntrain > 0 && config.data !== 'none' ? Math.min(split, config.ntrain * DATASETS[config.data].classesOf(config)) : split;
}

/**
 * Why an architecture (config.arch set) cannot be trained on the config's data, or null: an
 * image data set, a spec that parses, and a shape pass on the data's [C, H, W] that ends in one
 * logit per class. (The builder's memory and time caps are checked where the net is built.)
 */
export function archTrainingProblem(config: Config): string | null {
  if (config.data === 'none') return NO_DATA_PROBLEM;
  const info = DATASETS[config.data];
  if (info.inputShape.length !== 3) return `arch= trains on images (data=digits, mnist or fashion), not on the 2D ${config.data} set`;
  const resolved = resolveArch(config.arch);
  if (!resolved.spec) return `arch: ${resolved.problems.map((p) => p.message).join('; ')}`;
  const report = analyseArch(resolved.spec, info.inputShape);
  if (report.problems.length > 0) return `arch on ${info.inputShape.join('x')} images: ${report.problems.join('; ')}`;
  const classes = info.classesOf(config), out = report.output;
  if (!out || out.length !== 1 || out[0] !== classes) return `the network ends in ${out ? out.join('x') : 'nothing'}, but the data has ${classes} classes: end it in fc${classes} (or gap,flatten after ${classes} channels)`;
  return null;
}

/** Why the config cannot be trained, or null. */
export function trainingProblem(config: Config): string | null {
  if (config.data === 'none') return NO_DATA_PROBLEM;
  if (config.arch !== '') return archTrainingProblem(config);
  if (config.widths !== '' && config.residual !== 1) return `widths=${config.widths} shapes the probe only; training keeps depth layers of width (leave widths empty to train)`;
  const batch = Math.min(config.batch, trainCountOf(config));
  if (config.norm === 'batch' && batch < 2) return `batch norm needs at least 2 examples per batch to estimate a variance; batch is ${batch}`;
  const aug = augProblem(config);
  if (aug) return aug;
  if (config.pretrain !== 'none') {
    if (config.residual === 1) return `pretrain=${config.pretrain} trains a plain stack layer by layer; a residual block's layers read the stream, not one another (use residual=0, or pretrain=none)`;
    if (config.norm === 'batch') return `pretrain=${config.pretrain} trains each layer as an autoencoder without batch norm; norm=batch would change the codes it learned on (use norm=none, or pretrain=none)`;
  }
  for (const key of ['aux1', 'aux2'] as const) {
    if (config[key] > config.depth) return `${key}=${config[key]} puts an auxiliary classifier on hidden layer ${config[key]}, but the network has ${config.depth} hidden layer${config.depth === 1 ? '' : 's'}; use 1..${config.depth} (0 for none)`;
  }
  return null;
}

/** Why the config's augmentations cannot be applied to its data set, or null. */
export function augProblem(config: Config): string | null {
  if (config.aug === '' || config.data === 'none') return null;
  const spec = augSpecOf(config.aug), shape = DATASETS[config.data].inputShape;
  if (shape.length !== 3) {
    const moving = geometricOpsOf(spec);
    return moving.length > 0 ? `aug=${config.aug}: ${moving.join(', ')} need${moving.length === 1 ? 's' : ''} images; the 2D ${config.data} set takes noise and mixup only` : null;
  }
  const side = Math.min(shape[1], shape[2]);
  if (spec.shift && spec.shift[0] >= side) return `aug=${config.aug}: a shift of ${spec.shift[0]} pixels can move a ${shape[1]}x${shape[2]} image out of its frame; use at most ${side - 1}`;
  if (spec.cutout && spec.cutout[0] > side) return `aug=${config.aug}: a cutout of side ${spec.cutout[0]} is larger than the ${shape[1]}x${shape[2]} image; use at most ${side}`;
  return null;
}
