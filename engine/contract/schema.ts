/**
 * The experiment's schema: one typed table of fields (the whole URL contract), grouped by the lab
 * section each belongs to, and the rules each value is checked by. The query codec (config.ts) and
 * the variant grammar (variants.ts) read it; neither repeats it.
 */
import { ACTIVATION_NAMES, INITIALIZER_NAMES, OPTIMIZER_NAMES } from './names.ts';
import { describeAugAccepted, parseAug } from './augment.ts';
import { PRETRAIN_MODES } from './pretrain.ts';

export const CONFIG_VERSION = 1;

export interface IntField { readonly kind: 'int'; readonly min: number; readonly max: number; readonly default: number; readonly meaning: string }
export interface FloatField { readonly kind: 'float'; readonly min: number; readonly max: number; readonly default: number; readonly meaning: string }
export interface EnumField<T extends string> { readonly kind: 'enum'; readonly choices: readonly T[]; readonly default: T; readonly meaning: string }
/**
 * A list of `key:value` overrides (the A/B variant's `vs`): its own parser (parseOverrides), since
 * one bad pair drops only that pair. The value is always the canonical form or ''.
 */
export interface OverridesField { readonly kind: 'overrides'; readonly default: ''; readonly meaning: string }
/** A network architecture: a name or a spec in the arch grammar (contract/arch/grammar.ts), kept in its canonical form. */
export interface ArchField { readonly kind: 'arch'; readonly default: ''; readonly meaning: string }
/**
 * A list of hidden-layer widths, comma-separated ("64,128,256,512"), or '' for none. The value is
 * always the canonical form (plain integers) or ''; one bad item refuses the whole list.
 */
export interface WidthsField { readonly kind: 'widths'; readonly default: ''; readonly min: number; readonly max: number; readonly maxCount: number; readonly meaning: string }
/** A list of augmentations in the aug grammar (contract/augment.ts), kept in its canonical form; '' for none. */
export interface AugField { readonly kind: 'aug'; readonly default: ''; readonly meaning: string }
export type Field = IntField | FloatField | EnumField<string> | OverridesField | ArchField | WidthsField | AugField;

const int = (min: number, max: number, def: number, meaning: string): IntField => ({ kind: 'int', min, max, default: def, meaning });
const float = (min: number, max: number, def: number, meaning: string): FloatField => ({ kind: 'float', min, max, default: def, meaning });
const oneOf = <const T extends string>(choices: readonly T[], def: NoInfer<T>, meaning: string): EnumField<T> => ({ kind: 'enum', choices, default: def, meaning });

/** The URL contract. Order here is the order keys appear in a link. */
export const CONFIG_FIELDS = {
  v: int(1, CONFIG_VERSION, CONFIG_VERSION, 'version of the link format; older links are upgraded'),
  depth: int(1, 200, 10, 'number of hidden layers'),
  width: int(1, 1024, 256, 'units per hidden layer (and the input width, unless a data set fixes it)'),
  act: oneOf(ACTIVATION_NAMES, 'tanh', 'activation function of every hidden layer'),
  init: oneOf(INITIALIZER_NAMES, 'xavier_uniform', 'weight initializer'),
  gain: float(0, 100, 1, 'multiplier on every initializer\'s standard deviation'),
  std: float(0, 100, 0.01, 'standard deviation of the "normal" initializer'),
  const: float(-100, 100, 0.01, 'the value every weight takes under the "constant" initializer'),
  bias: float(-100, 100, 0, 'the value every bias starts at'),
  fan: oneOf(['in', 'out'] as const, 'in', 'He initializers: keep the forward (in) or backward (out) variance'),
  batch: int(1, 4096, 256, 'examples in the probe batch, and in each training mini-batch (at most the training set)'),
  input: oneOf(['gauss', 'uniform'] as const, 'gauss', 'input distribution: N(0, 1) or U(-sqrt 3, sqrt 3), both of variance 1'),
  seed: int(0, 4294967295, 1, 'seed of every random draw: the same seed gives the same numbers'),
  // Training. The defaults leave every older link's meaning unchanged: data=none is the probe.
  // New data sets go at the end: a link's data value keeps its meaning.
  data: oneOf(['none', 'spiral', 'circles', 'moons', 'xor', 'blobs', 'digits', 'mnist', 'fashion'] as const, 'none', 'training data: none (the probe\'s synthetic input), a 2D toy set, the 8x8 handwritten digits (64 inputs), or 28x28 images, MNIST digits or Fashion-MNIST clothing (784 inputs); the images have 10 classes'),
  points: int(10, 10000, 500, 'examples in a 2D toy set, training and test together (the digits are always 1797)'),
  classes: int(2, 3, 2, 'classes of the spiral (arms) and blobs sets; circles, moons and xor have 2, digits 10'),
  noise: float(0, 1, 0.1, 'standard deviation of the Gaussian jitter on each coordinate of a 2D toy set'),
  split: float(0, 1, 0.2, 'fraction of the examples held out as the test set, chosen by the seed (at least one example stays on each side)'),
  opt: oneOf(OPTIMIZER_NAMES, 'sgd', 'optimizer: sgd, momentum (SGD with momentum) or adam'),
  lr: float(0, 100, 0.1, 'learning rate (up to 100, to watch training diverge)'),
  mom: float(0, 1, 0.9, 'momentum coefficient mu of opt=momentum (v = mu v + g)'),
  wd: float(0, 1, 0, 'strength lambda of the prior on the weights (weight decay): L = mean cross-entropy + lambda R(W), R = ||W||^2 / 2 for prior=gauss (N(0, sigma^2), sigma^2 = 1/(N lambda) on N training examples), ||W||_1 for prior=laplace (b = 1/(N lambda)); 0 = maximum likelihood'),
  norm: oneOf(['none', 'batch'] as const, 'none', 'normalization in every hidden layer: none or batch norm'),
  bnpos: oneOf(['before', 'after'] as const, 'before', 'batch norm before the activation (on x W + b, as Ioffe & Szegedy) or after it'),
  bnmom: float(0, 1, 0.1, 'batch norm momentum: weight of each new batch in the running mean and variance (PyTorch\'s 0.1)'),
  bneps: float(0, 1, 1e-5, 'batch norm epsilon added to the variance (PyTorch\'s 1e-5)'),
  testbn: oneOf(['running', 'batch'] as const, 'running', 'batch norm on the test set: running statistics (eval mode) or each test batch\'s own (train mode)'),
  evalevery: int(1, 100000, 50, 'training steps between evaluations of the test set'),
  // The A/B variant: up to three more experiments run beside this one, the same but for these keys.
  vs: { kind: 'overrides', default: '', meaning: 'up to 3 variants run beside this one, separated by ";": each comma-separated key:value overrides, e.g. norm:batch or depth:6,residual:0;residual:1 (not seed or the data set keys)' } as OverridesField,
  // Residual connections and auxiliary classifiers. Defaults keep every older link's meaning.
  residual: int(0, 1, 0, '1: the hidden stack becomes residual blocks of two dense layers, x + alpha F(x) (with an odd depth the last layer stays plain; a projection W x replaces the identity where widths differ)'),
  resform: oneOf(['post', 'pre'] as const, 'post', 'residual block form: post (He et al. 2015: act(x + F(x)), F = dense, [BN], act, dense, [BN]) or pre (He et al. 2016: x + F(x), F = [BN], act, dense, [BN], act, dense)'),
  alpha: oneOf(['one', 'invsqrt', 'zero'] as const, 'one', 'residual branch scale: 1, 1/sqrt(number of blocks), or zero (the branch\'s last layer starts at zero, as Fixup/SkipInit; scale 1)'),
  aux1: int(0, 200, 0, 'hidden layer carrying an auxiliary softmax classifier in training (GoogLeNet), 0 = none'),
  aux2: int(0, 200, 0, 'hidden layer carrying a second auxiliary classifier, 0 = none'),
  auxw: float(0, 1, 0.3, 'weight lambda of each auxiliary loss: L = L_main + auxw L_aux1 + auxw L_aux2'),
  // Non-uniform widths. The default keeps every older link's meaning.
  widths: { kind: 'widths', default: '', min: 1, max: 1024, maxCount: 200, meaning: 'the probe\'s hidden layer widths, comma-separated (e.g. 64,128,256,512): one layer each, so fan_in and fan_out differ; overrides depth, while width stays the input width; empty: depth layers of width' } as WidthsField,
  // Architectures. Empty arch: the MLP of depth and width, so every older link keeps its meaning.
  arch: { kind: 'arch', default: '', meaning: 'a network by name (tiny_resnet, resnet18, ...) or as a spec such as conv3-16,bn,relu,max2,res16,gap,fc10; empty: the MLP of depth and width' } as ArchField,
  size: int(0, 4096, 0, 'input image height and width for arch= without a data set (0: the architecture\'s own, or 224)'),
  channels: int(0, 4096, 0, 'input image channels for arch= without a data set (0: the architecture\'s own, or 3)'),
  // Scarce data. 0 keeps every older link's meaning: the whole training split.
  ntrain: int(0, 10000, 0, 'training examples per class: a fixed subset of the training split chosen by the seed (nested: the 10 per class are among the 20), 0 = the whole split; the test set and the input standardization (fitted on the whole training split) never change'),
  // Augmentations of the training batch. Empty: none, so every older link keeps its meaning.
  aug: { kind: 'aug', default: '', meaning: 'augmentations of each training batch, drawn on the fly from the seed (never the test set): ops separated by "_", e.g. shift:1_elastic:2:1_noise:0.1 (shift, subpixel, rotate, scale, elastic, noise, cutout, mixup); empty: none' } as AugField,
  // Greedy layer-wise pretraining (Hinton et al. 2006; Bengio et al. 2007). none keeps every older link's meaning.
  pretrain: oneOf(PRETRAIN_MODES, 'none', 'greedy layer-wise pretraining before training with labels: none, ae (each hidden layer in turn as an autoencoder of its input) or dae (a denoising autoencoder: masking noise on its input)'),
  ptsteps: int(1, 100000, 500, 'pretraining steps per hidden layer (mini-batches of batch unlabelled training inputs)'),
  ptnoise: float(0, 1, 0.25, 'pretrain=dae: the fraction of each input\'s features set to zero (masking noise) before encoding; the clean input is the target'),
  ptlr: float(0, 100, 0.01, 'learning rate of pretraining (the optimizer opt, without weight decay)'),
  // The prior on the weights (MAP). The defaults keep wd's meaning: a Gaussian prior, its gradient in the loss's.
  prior: oneOf(['none', 'gauss', 'laplace'] as const, 'gauss', 'prior on the weights (biases, gamma and beta have a flat one), of strength wd: none (maximum likelihood, wd unused), gauss (L2: R = ||W||^2 / 2, gradient lambda W) or laplace (L1: R = ||W||_1, subgradient lambda sign(W), 0 at 0)'),
  decay: oneOf(['coupled', 'decoupled'] as const, 'coupled', 'how the prior\'s gradient lambda R\'(W) enters the update: coupled (added to the loss\'s gradient, so momentum and Adam\'s scaling act on it: L2 regularization) or decoupled (its own step W -= lr lambda R\'(W), as AdamW; the same as coupled for plain SGD only)'),
} as const satisfies Record<string, Field>;

export type ConfigKey = keyof typeof CONFIG_FIELDS;
type ValueOf<F> = F extends EnumField<infer T> ? T : F extends OverridesField | ArchField | WidthsField | AugField ? string : number;
export type Config = { readonly [K in ConfigKey]: ValueOf<(typeof CONFIG_FIELDS)[K]> };

export const CONFIG_KEYS = Object.keys(CONFIG_FIELDS) as ConfigKey[];

export const DEFAULT_CONFIG: Config = Object.fromEntries(
  CONFIG_KEYS.map((k) => [k, CONFIG_FIELDS[k].default]),
) as unknown as Config;

export interface ConfigProblem {
  /** The key as written in the link (may be unknown to us). */
  readonly key: string;
  /** The value as written, truncated for display. */
  readonly value: string;
  /** What the key accepts, e.g. "an integer in 1..200". */
  readonly accepted: string;
  /** What was used instead, e.g. "10", or "ignored". */
  readonly used: string;
  /** One readable sentence. */
  readonly message: string;
}

export interface ParsedConfig {
  readonly config: Config;
  readonly problems: readonly ConfigProblem[];
}

/**
 * The fields by the part of the lab they belong to, in table order (which is a link's key order).
 * Labs show the sections they use; `hide=` folds a section's controls by their keys.
 */
export const CONFIG_SECTIONS = {
  version: ['v'],
  network: ['depth', 'width', 'act'],
  init: ['init', 'gain', 'std', 'const', 'bias', 'fan'],
  probe: ['batch', 'input', 'seed'],
  data: ['data', 'points', 'classes', 'noise', 'split'],
  optimizer: ['opt', 'lr', 'mom', 'wd'],
  norm: ['norm', 'bnpos', 'bnmom', 'bneps', 'testbn'],
  evaluation: ['evalevery'],
  variants: ['vs'],
  residual: ['residual', 'resform', 'alpha', 'aux1', 'aux2', 'auxw'],
  widths: ['widths'],
  arch: ['arch', 'size', 'channels'],
  scarce: ['ntrain'],
  augment: ['aug'],
  pretrain: ['pretrain', 'ptsteps', 'ptnoise', 'ptlr'],
  prior: ['prior', 'decay'],
} as const satisfies Record<string, readonly ConfigKey[]>;
export type ConfigSection = keyof typeof CONFIG_SECTIONS;

const MAX_SHOWN = 40;
export function shorten(s: string): string {
  return s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN)}…` : s;
}

/**
 * Keys a variant may not override: the version and vs itself, the seed, and the data set's keys,
 * so both runs start from the same random draws and see the same examples in the same split.
 */
export const VARIANT_FIXED_KEYS = ['v', 'seed', 'vs', 'data', 'points', 'classes', 'noise', 'split', 'arch', 'size', 'channels', 'ntrain'] as const satisfies readonly ConfigKey[];

/** Keys a variant may override, in CONFIG_KEYS order (the canonical order of the pairs); not a list (its commas would split the pair). */
export const VARIANT_KEYS: readonly ConfigKey[] = CONFIG_KEYS.filter((k) => !(VARIANT_FIXED_KEYS as readonly string[]).includes(k) && CONFIG_FIELDS[k].kind !== 'widths');

/** At most this many variants in one vs (separated by ';'): four runs in lockstep at most. */
export const MAX_VARIANTS = 3;

export function describeAccepted(field: Field): string {
  switch (field.kind) {
    case 'int': return `an integer in ${field.min}..${field.max}`;
    case 'float': return `a number in ${field.min}..${field.max}`;
    case 'enum': return `one of ${field.choices.join(', ')}`;
    case 'arch': return 'an architecture name or a spec in the arch grammar';
    case 'overrides': return `up to ${MAX_VARIANTS} variants separated by ";", each comma-separated key:value pairs of the keys ${VARIANT_KEYS.join(', ')}`;
    case 'widths': return `empty, or 1 to ${field.maxCount} integers in ${field.min}..${field.max} separated by commas`;
    case 'aug': return describeAugAccepted();
  }
}

// Unambiguous (no nested quantifiers that can both take a digit): linear time on hostile input.
const NUMBER_SYNTAX = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
/** No valid value is this long; longer ones are refused before any parsing. */
const MAX_VALUE_LENGTH = 64;

/** Longest widths list: maxCount items of up to 8 digits (leading zeros) and their commas. */
const MAX_LIST_LENGTH = 9 * 200;

/** Parse one raw value for a field: the value, or why it was refused. */
export function parseValue(field: IntField | FloatField | EnumField<string> | WidthsField | AugField, raw: string): { ok: true; value: number | string } | { ok: false; why: string } {
  switch (field.kind) {
    case 'aug': {
      const parsed = parseAug(raw);
      return parsed.ok ? { ok: true, value: parsed.canonical } : { ok: false, why: parsed.why };
    }
    case 'widths': {
      if (raw === '') return { ok: true, value: '' };
      if (raw.length > MAX_LIST_LENGTH) return { ok: false, why: 'is too long' };
      const items = raw.split(',');
      if (items.length > field.maxCount) return { ok: false, why: `has more than ${field.maxCount} layers` };
      const values: number[] = [];
      for (const item of items) {
        if (!/^\d{1,8}$/.test(item)) return { ok: false, why: 'is not a list of whole numbers' };
        const x = Number(item);
        if (x < field.min || x > field.max) return { ok: false, why: 'has a width out of range' };
        values.push(x);
      }
      return { ok: true, value: values.join(',') };
    }
    case 'enum':
      return (field.choices as readonly string[]).includes(raw)
        ? { ok: true, value: raw }
        : { ok: false, why: 'is not a choice' };
    case 'int':
    case 'float': {
      if (raw.length > MAX_VALUE_LENGTH || !NUMBER_SYNTAX.test(raw)) return { ok: false, why: 'is not a number' };
      let x = Number(raw);
      if (!Number.isFinite(x)) return { ok: false, why: 'is out of range' };
      if (x === 0) x = 0; // -0 becomes 0
      if (field.kind === 'int' && !Number.isInteger(x)) return { ok: false, why: 'is not an integer' };
      if (x < field.min || x > field.max) return { ok: false, why: 'is out of range' };
      return { ok: true, value: x };
    }
  }
}

export function isConfigKey(key: string): key is ConfigKey {
  return Object.prototype.hasOwnProperty.call(CONFIG_FIELDS, key);
}

