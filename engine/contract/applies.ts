/**
 * Which of a config's keys the initialization probe does not use, and why: a number that silently
 * ignores a key teaches the wrong lesson, so the CLI prints these (`notApplied`) and the page shows
 * them beside the probe. Only keys set away from their default are listed. Pure, free of the
 * engine's kernels, so the page can call it.
 */
import { CONFIG_FIELDS, type Config, type ConfigKey } from './schema.ts';
import { hiddenWidths, usesWidths } from './widths.ts';
import { trainCountOf } from './training.ts';
import { SIZED_KEYS, sizedDefault } from './config.ts';

export interface NotApplied {
  readonly key: ConfigKey;
  readonly value: string;
  readonly why: string;
}

export interface ProbeCircumstances {
  /** Whether the data set's examples gave the input batch (false: its file was not at hand, or data=none). */
  readonly dataLoaded: boolean;
  /** The batch the probe used (config.batch, or the training split's size when that is smaller). */
  readonly batch: number;
}

const TRAINING_ONLY = 'a training key: the probe takes no step';
const HE = new Set(['he_normal', 'he_uniform']);

/** Why the probe of `config` does not use `key`, or null when it does. */
export function whyNotApplied(config: Config, key: ConfigKey, at: ProbeCircumstances): string | null {
  const toy = config.data !== 'none' && config.data !== 'digits';
  const plainLayers = config.residual !== 1 || config.depth % 2 === 1;
  switch (key) {
    case 'opt': case 'lr': case 'mom': case 'wd': case 'evalevery': case 'prior': case 'decay':
      return TRAINING_ONLY;
    case 'aug':
      return 'augmentations change training batches: the probe takes no step (train with --steps N to apply them)';
    case 'testbn':
      return 'a test-set key: the probe has no test set (its batch norm runs in train mode on the probe batch)';
    case 'aux1': case 'aux2': case 'auxw':
      return 'auxiliary classifiers take part in training; the probe feeds its seeded gradient at the last hidden layer only';
    case 'data':
      return config.data !== 'none' && !at.dataLoaded ? `the ${config.data} file is not loaded here: the probe used its synthetic input` : null;
    case 'points': case 'noise':
      return toy && at.dataLoaded ? null : 'a 2D toy set\'s key: no toy set gives this probe its inputs';
    case 'classes':
      return (config.data === 'spiral' || config.data === 'blobs') && at.dataLoaded ? null : 'classes of the spiral and blobs sets only (and the probe has no output layer)';
    case 'split':
      return config.data !== 'none' && at.dataLoaded ? null : 'no data set gives this probe its inputs';
    case 'ntrain':
      if (config.data === 'none' || !at.dataLoaded) return 'no data set gives this probe its inputs';
      return config.ntrain >= trainCountOf({ ...config, ntrain: 0 }) ? `the training split has ${trainCountOf({ ...config, ntrain: 0 })} examples, none of its classes more than ntrain: the whole split is used` : null;
    case 'input':
      return at.dataLoaded ? `the probe's inputs are the ${config.data} set's training examples` : null;
    case 'batch':
      return at.batch < config.batch ? `the training split has ${at.batch} examples: the probe used ${at.batch}` : null;
    case 'std':
      return config.init === 'normal' ? null : 'the "normal" initializer\'s key';
    case 'const':
      return config.init === 'constant' ? null : 'the "constant" initializer\'s key';
    case 'gain':
      return config.init === 'zeros' ? 'zeros are zeros at any gain' : null;
    case 'fan':
      if (!HE.has(config.init)) return 'He initializers\' key';
      if (usesWidths(config) && hiddenWidths(config).some((w, l, all) => w !== (l === 0 ? config.width : all[l - 1]))) return null;
      return config.data === 'none' || !at.dataLoaded ? 'every layer is square here (fan_in = fan_out = width; a widths list makes them differ), so fan=in and fan=out give the same weights' : null;
    case 'bias':
      return config.norm === 'batch' && config.bnpos === 'before' && config.residual !== 1 ? 'batch norm before the activation subtracts each feature\'s batch mean, bias included' : null;
    case 'bnpos':
      if (config.norm !== 'batch') return 'batch norm\'s key (norm=none)';
      return plainLayers ? null : 'in a residual block the form fixes where batch norm sits (bnpos applies to a plain layer)';
    case 'bnmom': case 'bneps':
      return config.norm === 'batch' ? null : 'batch norm\'s key (norm=none)';
    case 'resform':
      return config.residual === 1 ? null : 'residual blocks\' key (residual=0)';
    case 'alpha':
      if (config.residual !== 1) return 'residual blocks\' key (residual=0)';
      return config.alpha === 'invsqrt' && Math.floor(config.depth / 2) <= 1 ? 'one block: 1/sqrt(1) = 1' : null;
    case 'widths':
      return config.residual === 1 ? 'residual blocks keep width (widths shapes a plain stack)' : null;
    case 'arch':
      return 'an architecture (arch=) trains in the Convolutions lab (lab=conv) and the command line (npm run probe); this probe is the MLP of depth and width';
    case 'size': case 'channels':
      return 'input image keys of arch= (the MLP\'s input is width wide)';
    case 'pretrain':
      return 'pretraining is a training phase: this probe shows the initialization; train (npm run probe -- "<link>" --steps N, or the Regularization lab) to see the per-layer signal before and after it';
    case 'ptsteps': case 'ptlr':
      return config.pretrain === 'none' ? 'a pretraining key (pretrain=none)' : 'a pretraining key: the probe shows the initialization, before any pretraining step';
    case 'ptnoise':
      return config.pretrain !== 'dae' ? 'the denoising autoencoder\'s masking noise (pretrain=dae)' : 'a pretraining key: the probe shows the initialization, before any pretraining step';
    case 'depth':
      return usesWidths(config) ? `widths gives ${hiddenWidths(config).length} hidden layers` : null;
    default:
      return null;
  }
}

/** The keys set away from their default that the probe did not use, in table order. */
export function probeNotApplied(config: Config, at: ProbeCircumstances): NotApplied[] {
  const out: NotApplied[] = [];
  for (const key of Object.keys(CONFIG_FIELDS) as ConfigKey[]) {
    if (config[key] === CONFIG_FIELDS[key].default && key !== 'batch') continue;
    const why = whyNotApplied(config, key, at);
    if (why !== null) out.push({ key, value: String(config[key]), why });
  }
  return out;
}

const MLP_SHAPE = 'the MLP\'s key: an architecture (arch=) names its own layers';

/** Why training an architecture (config.arch set) does not use `key`, or null when it does. */
export function whyNotAppliedToArch(config: Config, key: ConfigKey): string | null {
  switch (key) {
    case 'depth': case 'width': case 'widths': case 'residual': case 'resform': case 'alpha': case 'aux1': case 'aux2':
      return MLP_SHAPE;
    case 'act':
      return config.act === 'leaky_relu' && HE.has(config.init) ? null : 'each layer\'s activation is in the spec (act only sets He\'s leaky-ReLU factor)';
    case 'norm': case 'bnpos':
      return 'batch norm is in the spec (bn after a conv, and inside res, bneck, dense and trans blocks)';
    case 'bnmom': case 'bneps':
      return 'an architecture\'s batch norms use PyTorch\'s momentum 0.1 and eps 1e-5';
    case 'testbn':
      return 'an architecture\'s test set is evaluated in eval mode (running estimates)';
    case 'input':
      return 'the image data set gives the inputs';
    case 'size': case 'channels':
      return 'the image data set fixes the input size and channels';
    case 'points': case 'noise': case 'classes':
      return 'a 2D toy set\'s key: an architecture trains on images';
    default:
      return null;
  }
}

/** The keys set away from their default that training an architecture does not use, in table order. */
export function archNotApplied(config: Config): NotApplied[] {
  const out: NotApplied[] = [];
  for (const key of Object.keys(CONFIG_FIELDS) as ConfigKey[]) {
    // depth and width at the data set's training size were not chosen: nothing to report
    const unchosen = (SIZED_KEYS as readonly string[]).includes(key) ? sizedDefault(key as (typeof SIZED_KEYS)[number], config.data) : CONFIG_FIELDS[key].default;
    if (config[key] === unchosen) continue;
    const why = whyNotAppliedToArch(config, key);
    if (why !== null) out.push({ key, value: String(config[key]), why });
  }
  return out;
}
