/**
 * The convolution lab's architectures: the picker's choices, a spec checked against the data set
 * it will train on (grammar problems with their offsets, then the shape pass and the classes), the
 * shape pass's conv and dense rows matched to the engine's units (so one selection reaches every
 * panel), and LeNet's weight-sharing numbers computed from the spec.
 */
import type { ArchProblem } from '../../../engine/contract/arch/grammar.ts';
import { resolveArch } from '../../../engine/contract/arch/named/index.ts';
import { analyseArch, flattenRows, type ArchReport, type ArchRow } from '../../../engine/contract/arch/shapePass.ts';
import type { ArchItem } from '../../../engine/contract/arch/spec.ts';
import type { Config } from '../../../engine/contract/config.ts';
import { DATASETS } from '../../../engine/contract/datasets.ts';
import { archTrainingProblem } from '../../../engine/contract/training.ts';

/**
 * LeNet-5 for 28x28 images: C1 padded by 2, so the digit sits in the paper's 32x32 field and every
 * later shape is the paper's (LeCun et al. 1998 centred the 28x28 MNIST digits in 32x32).
 */
export const LENET5_28 = 'c1:conv5-6p2,tanh,s2:avg2,c3:conv5-16p0,tanh,s4:avg2,c5:conv5-120p0,tanh,f6:fc84,tanh,output:fc10';

/**
 * The smallest CNN that does the job on the 8x8 digits: two 3x3 convs (8 and 16 channels), max
 * pools, global average pooling; 1,418 parameters, 97.5% test accuracy after 2,000 steps of Adam
 * at 0.01, batch 32 (seed 1), at about 590 steps per CPU-second in Node (tiny_vgg: about 160).
 */
export const TINY_CNN = 'conv3-8,relu,max2,conv3-16,relu,max2,gap,fc10';

export const IMAGE_SETS = ['digits', 'mnist', 'fashion'] as const satisfies readonly Config['data'][];

export const ARCH_CHOICES: readonly { readonly value: string; readonly label: string }[] = [
  { value: TINY_CNN, label: 'A tiny CNN: two 3×3 convs' },
  { value: 'tiny_vgg', label: 'VGG: tiny_vgg' },
  { value: 'tiny_nin', label: 'Network in Network: tiny_nin' },
  { value: 'tiny_inception', label: 'Inception: tiny_inception' },
  { value: 'tiny_resnet', label: 'ResNet: tiny_resnet' },
  { value: 'tiny_resnext', label: 'ResNeXt: tiny_resnext' },
  { value: 'tiny_densenet', label: 'DenseNet: tiny_densenet' },
  { value: LENET5_28, label: 'LeNet-5 (28×28: C1 padded by 2)' },
  { value: 'lenet5', label: 'LeNet-5 (32×32, as named)' },
];

/** The picker's value for an arch text: one of the choices, or 'own'. */
export function pickerValue(arch: string): string {
  return ARCH_CHOICES.some((c) => c.value === arch) ? arch : 'own';
}

export interface SpecCheck {
  /** Grammar problems (each with its offset); empty when the text parses. */
  readonly grammar: readonly ArchProblem[];
  /** The shape pass on the data's images, or null when the text does not parse. */
  readonly report: ArchReport | null;
  /** Why it cannot train on this data (shapes, classes), or null. */
  readonly problem: string | null;
}

/** A spec checked against the image set it will train on. */
export function checkSpec(text: string, data: Config['data']): SpecCheck {
  const resolved = resolveArch(text);
  if (!resolved.spec) return { grammar: resolved.problems, report: null, problem: null };
  const shape = data === 'none' ? null : DATASETS[data].inputShape;
  if (!shape || shape.length !== 3) return { grammar: [], report: null, problem: 'choose an image data set (digits, MNIST or Fashion-MNIST)' };
  const report = analyseArch(resolved.spec, shape);
  return { grammar: [], report, problem: archTrainingProblem({ arch: text, data } as Config) };
}

/**
 * The shape pass's rows that are the engine's units (convs and dense layers), in the engine's
 * order (forward order, an auxiliary head's where it branches off): row i is unit i.
 */
export function unitRows(report: ArchReport): ArchRow[] {
  return flattenRows(report.rows).filter((r) => !r.children && (r.kind === 'conv' || r.kind === 'fc'));
}

/** The first conv item of a spec, groups and repeats opened. */
function firstConv(items: readonly ArchItem[]): Extract<ArchItem, { kind: 'conv' }> | null {
  for (const item of items) {
    if (item.kind === 'conv') return item;
    if (item.kind === 'group') { const c = firstConv(item.items); if (c) return c; }
    if (item.kind === 'repeat') { const c = firstConv([item.item]); if (c) return c; }
    if (item.kind !== 'act' && item.kind !== 'bn') return null; // a pool or block first: the first layer is not a plain conv on the input
  }
  return null;
}

export interface WeightSharing {
  /** The conv's input as it sees it: [C, H + 2p, W + 2p] (the padded field). */
  readonly field: readonly number[];
  readonly out: readonly number[];
  readonly convParams: number;
  /** A dense layer from every field value to every output value, with a bias per output. */
  readonly denseParams: number;
}

/** The first conv's parameters against a dense layer between the same (padded) input and output. */
export function weightSharing(text: string, report: ArchReport): WeightSharing | null {
  const spec = resolveArch(text).spec;
  const conv = spec ? firstConv(spec.items) : null;
  const row = unitRows(report)[0];
  if (!conv || !row || row.kind !== 'conv' || report.input.length !== 3) return null;
  const [c, h, w] = report.input;
  const d = conv.dilation ?? 1;
  const pad = (k: number) => (conv.padding === 'half' ? Math.floor((d * (k - 1)) / 2) : conv.padding ?? 0);
  const field = [c, h + 2 * pad(conv.kernel[0]), w + 2 * pad(conv.kernel[1])];
  const inputs = field[0] * field[1] * field[2], outputs = row.out.reduce((a, b) => a * b, 1);
  return { field, out: row.out, convParams: row.params, denseParams: inputs * outputs + outputs };
}
