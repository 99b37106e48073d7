/**
 * Every number the lecture's sentences quote, by name. A sentence writes `{name}`; `fill` puts the
 * number in. Two kinds:
 * - counted here from the layer shapes (the architecture explorer's shape pass, engine/contract),
 *   never typed in;
 * - measured by the engine on the step's link (seed 1, as the link carries it): the probe, or
 *   training for the steps a sentence names. lecture.numbers.test.ts runs the engine on each
 *   step's link and checks that every such number reads the same as the engine's own.
 */
import { arithmetic } from '../labs/architectures/convArithmetic.ts';
import { COMPARISONS, countVariant, type VariantCounts } from '../labs/architectures/blocks.ts';

/** How a number reads: "589,824"; two significant digits ("0.33", "2.7e-9"); two decimals ("1.02"); a percentage ("96.7%"); millions ("123.6M"). */
export type NumberStyle = 'int' | 'sig2' | 'fixed2' | 'pct' | 'millions';

export interface Quoted {
  readonly value: number;
  readonly style: NumberStyle;
}

export function formatQuoted({ value, style }: Quoted): string {
  switch (style) {
    case 'int': return Math.round(value).toLocaleString('en-US');
    case 'fixed2': return value.toFixed(2);
    case 'pct': return `${(value * 100).toFixed(1)}%`;
    case 'millions': return `${(value / 1e6).toFixed(1)}M`;
    case 'sig2': {
      const m = Math.abs(value);
      if (m === 0) return '0';
      if (m >= 1e-3 && m < 1e4) return String(Number(value.toPrecision(2)));
      const [mantissa, exponent] = value.toExponential(1).split('e');
      return `${mantissa.replace(/\.0$/, '')}e${Number(exponent)}`;
    }
  }
}

/** Measured by the engine (probe or training, seed 1) on the step's link; checked by the test. */
export const MEASURED: Readonly<Record<string, Quoted>> = {
  // vanishing: act=tanh&init=normal&std=0.01
  'vanishing.l1': { value: 0.025, style: 'sig2' },
  'vanishing.l10': { value: 1.1e-16, style: 'sig2' },
  'vanishing.grad10': { value: 0.99, style: 'sig2' },
  'vanishing.grad1': { value: 4.3e-15, style: 'sig2' },
  // exploding: depth=40&act=relu&init=normal&std=1
  'exploding.l1': { value: 251, style: 'sig2' },
  'exploding.l20': { value: 3.9e42, style: 'sig2' },
  'exploding.overflow': { value: 36, style: 'int' },
  // Var[y] = n Var[w] Var[x]: act=linear&init=normal&std=0.1
  'variance.l1': { value: 2.51, style: 'sig2' },
  'variance.ratio': { value: 2.556, style: 'sig2' },
  'variance.l10': { value: 1.17e4, style: 'sig2' },
  'variance.theory10': { value: 1.21e4, style: 'sig2' },
  // x 1/3: act=linear&init=standard&vs=init:xavier_uniform
  'third.l1': { value: 0.33, style: 'sig2' },
  'third.ratio': { value: 0.331, style: 'sig2' },
  'third.l10': { value: 1.61e-5, style: 'sig2' },
  'third.xavier10': { value: 0.95, style: 'sig2' },
  // Xavier for tanh: depth=5&width=512&act=tanh&init=standard&vs=init:xavier_uniform
  'xavier.standard5': { value: 0.0022, style: 'sig2' },
  'xavier.standardGradRatio': { value: 142, style: 'int' },
  'xavier.xavier5': { value: 0.13, style: 'sig2' },
  'xavier.xavierGradRatio': { value: 5.8, style: 'sig2' },
  // ReLU and He: depth=30&act=relu&init=xavier_normal&vs=init:he_normal
  'he.xavier30': { value: 2.7e-9, style: 'sig2' },
  'he.min': { value: 1.751, style: 'fixed2' },
  'he.max': { value: 3.2755, style: 'fixed2' },
  // Figure 1 on the digits (bn-figure-1), trained as the page trains
  'ics.median0': { value: 4.6, style: 'sig2' },
  'ics.median400': { value: 7.4, style: 'sig2' },
  'ics.bnP15': { value: -0.94, style: 'sig2' },
  'ics.bnP85': { value: 0.94, style: 'sig2' },
  'bn.plainAcc': { value: 0.9136, style: 'pct' },
  'bn.bnAcc': { value: 0.9666, style: 'pct' },
  // auxiliary heads (residual-aux-sigmoid), step 1000
  'aux.without': { value: 0.114, style: 'pct' },
  'aux.with': { value: 0.685, style: 'pct' },
  // residual connections (residual-gradient-50)
  'residual.plainJmin': { value: 0.478, style: 'fixed2' },
  'residual.plainJmax': { value: 0.536, style: 'fixed2' },
  'residual.resJmin': { value: 1.016, style: 'fixed2' },
  'residual.resJmax': { value: 1.14, style: 'fixed2' },
  'residual.plainGrad1': { value: 1.1e-5, style: 'sig2' },
  'residual.resGrad1': { value: 2.1e3, style: 'sig2' },
};

const counts = (comparison: string, variant: number): VariantCounts => {
  const c = COMPARISONS.find((x) => x.id === comparison);
  if (!c || !c.variants[variant]) throw new Error(`no block comparison ${comparison}[${variant}]`);
  return countVariant(c.variants[variant]);
};
const params = (comparison: string, variant: number, style: NumberStyle = 'int'): Quoted => ({ value: counts(comparison, variant).params, style });
const channels = (comparison: string, variant: number): Quoted => ({ value: counts(comparison, variant).output?.[0] ?? NaN, style: 'int' });

/** The convolution on the output-size slide: an 8×8 input, a 5×5 kernel, stride 1, no padding. */
export const CONV_SLIDE = { n: 8, k: 5, s: 1, p: 0, d: 1, transposed: false, op: 0, cin: 1, cout: 6 } as const;

/** Counted from the layer shapes, on the page, by the same shape pass as the architecture explorer. */
export const COUNTED: Readonly<Record<string, Quoted>> = {
  'conv.out': { value: arithmetic(CONV_SLIDE).out, style: 'int' },
  'lenet.out': { value: counts('lenet', 0).output?.[1] ?? NaN, style: 'int' },
  'lenet.conv': params('lenet', 0),
  'lenet.dense': params('lenet', 1),
  'stack5.two': params('stack5', 0),
  'stack5.one': params('stack5', 1),
  'stack7.three': params('stack7', 0),
  'stack7.one': params('stack7', 1),
  'head.dense': params('head', 0, 'millions'),
  'head.gap': params('head', 1, 'millions'),
  'head.vgg': params('head', 2, 'millions'),
  'inception.with': params('inception', 0),
  'inception.naive': params('inception', 1),
  'aux.train': params('aux', 0),
  'aux.infer': params('aux', 1),
  'bottleneck.plain': params('bottleneck', 0),
  'bottleneck.neck': params('bottleneck', 1),
  'resnext.grouped': params('resnext', 0),
  'resnext.paths8': params('resnext', 1),
  'resnext.plain': params('resnext', 2),
  'dense.out': channels('dense', 0),
  'dense.trans': channels('dense', 1),
};

export const NUMBERS: Readonly<Record<string, Quoted>> = { ...MEASURED, ...COUNTED };

const PLACEHOLDER = /\{([A-Za-z0-9.]+)\}/g;

/** The names a sentence quotes, in order. */
export function placeholders(sentence: string): string[] {
  return [...sentence.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

/** The sentence with its numbers in. A name without a number is a bug the tests catch; on the page it reads "?". */
export function fill(sentence: string, numbers: Readonly<Record<string, Quoted>> = NUMBERS): string {
  return sentence.replace(PLACEHOLDER, (_, name: string) => (numbers[name] ? formatQuoted(numbers[name]) : '?'));
}
