/**
 * The block explorer: the lecture's comparisons, each a few small specs on one input, counted by the
 * same shape pass as the table. Every variant is editable (its spec and its input); the numbers
 * below are never typed in, only computed.
 */
import { analyse } from './archRows.ts';

export interface Variant {
  readonly label: string;
  /** A spec in the grammar, or a named architecture; specs joined by " | " run side by side on the input, concatenated. */
  readonly spec: string;
  /** C×H×W, or null for a named net's own input. */
  readonly input: string | null;
  /** Count the main path only (auxiliary heads dropped, as at inference). */
  readonly mainOnly?: boolean;
}

export interface Comparison {
  readonly id: string;
  readonly title: string;
  readonly note: string;
  readonly variants: readonly Variant[];
}

export const COMPARISONS: readonly Comparison[] = [
  {
    id: 'stack5', title: 'Two 3x3 convolutions vs one 5x5',
    note: 'Same receptive field (5), weights 18C² against 25C² (18/25), and a nonlinearity more.',
    variants: [{ label: 'two 3x3', spec: 'conv3-64nb,relu,conv3-64nb,relu', input: '64×56×56' }, { label: 'one 5x5', spec: 'conv5-64nb,relu', input: '64×56×56' }],
  },
  {
    id: 'stack7', title: 'Three 3x3 convolutions vs one 7x7',
    note: 'Same receptive field (7), weights 27C² against 49C² (27/49): VGG\'s argument.',
    variants: [{ label: 'three 3x3', spec: 'conv3-64nb,conv3-64nb,conv3-64nb', input: '64×56×56' }, { label: 'one 7x7', spec: 'conv7-64nb', input: '64×56×56' }],
  },
  {
    id: 'inception', title: 'Inception (3a) with and without 1x1 reductions',
    note: 'The 1x1 reductions shrink the input of the 3x3 and 5x5 branches from 192 channels to 96 and 16.',
    variants: [
      { label: 'with reductions', spec: 'inc64-96-128-16-32-32', input: '192×28×28' },
      { label: 'naive (no reductions)', spec: 'conv1-64 | conv3-128 | conv5-32 | max3s1p1', input: '192×28×28' },
    ],
  },
  {
    id: 'bottleneck', title: 'Plain 3x3 pair vs bottleneck at 256 channels',
    note: 'The bottleneck 256 → 64 → 64 → 256 does its 3x3 at a quarter of the width.',
    variants: [
      { label: 'two 3x3 at 256', spec: 'conv3-256nb,conv3-256nb', input: '256×56×56' },
      { label: 'bottleneck 256→64→64→256', spec: 'conv1-64nb,conv3-64nb,conv1-256nb', input: '256×56×56' },
    ],
  },
  {
    id: 'resnext', title: 'ResNeXt: 32 paths of width 4 vs 8 paths of width 32 vs one plain 3x3',
    note: 'The slide\'s 256(32 + 4·9 + 32)·8 is eight paths of width 32: 204,800 weights, against 589,824 for one 3x3 at 256.',
    variants: [
      { label: 'ResNeXt 32×4d (grouped)', spec: 'conv1-128nb,conv3-128g32nb,conv1-256nb', input: '256×56×56' },
      { label: '8 paths of width 32', spec: 'conv1-256nb,conv3-256g8nb,conv1-256nb', input: '256×56×56' },
      { label: 'plain 3x3 at 256', spec: 'conv3-256nb', input: '256×56×56' },
    ],
  },
  {
    id: 'dense', title: 'A dense block and its transition',
    note: 'Each layer adds the growth rate k = 32 channels: 64 + 6·32 = 256; the transition halves channels and size.',
    variants: [
      { label: 'dense block (6 layers, k = 32)', spec: 'dense6-32', input: '64×56×56' },
      { label: 'then the transition', spec: 'dense6-32,trans128', input: '64×56×56' },
    ],
  },
  {
    id: 'head', title: 'NiN\'s global average pooling vs VGG-16\'s dense head',
    note: 'Most of VGG-16\'s 138M parameters sit in its first dense layer (25088 × 4096); a 1x1 conv and global pooling need 0.5M.',
    variants: [
      { label: 'VGG-16 dense head', spec: 'flatten,fc4096,relu,fc4096,relu,fc1000', input: '512×7×7' },
      { label: 'NiN-style 1x1 conv + GAP', spec: 'conv1-1000,gap', input: '512×7×7' },
      { label: 'VGG-16 whole', spec: 'vgg16', input: null },
    ],
  },
  {
    id: 'aux', title: 'GoogLeNet\'s auxiliary heads: training vs inference',
    note: 'The two side heads are trained with the net and dropped after: 13.0M parameters in training, 6.6M in the released model.',
    variants: [
      { label: 'training (with aux heads)', spec: 'googlenet', input: null },
      { label: 'inference (main path)', spec: 'googlenet', input: null, mainOnly: true },
    ],
  },
  {
    id: 'lenet', title: 'LeNet\'s first layer vs a dense layer between the same shapes',
    note: 'Weight sharing: 6 kernels of 5×5 (+6 biases) against one weight per input–output pair.',
    variants: [
      { label: 'conv 5x5, 6 maps', spec: 'conv5-6p0', input: '1×32×32' },
      { label: 'dense 1024 → 4704', spec: 'flatten,fc4704', input: '1×32×32' },
    ],
  },
];

export interface VariantCounts {
  readonly params: number;
  readonly macs: number;
  readonly output: readonly number[] | null;
  readonly rf: number;
  readonly problem: string | null;
}

/** "192×28×28" (also with x or *) as a shape; null when it does not read as 1 to 3 sizes. */
export function parseShape(text: string): number[] | null {
  const parts = text.trim().split(/\s*[×x*,]\s*/);
  if (parts.length < 1 || parts.length > 3 || !parts.every((p) => /^\d{1,5}$/.test(p))) return null;
  const nums = parts.map(Number);
  return nums.every((n) => n >= 1 && n <= 4096) ? nums : null;
}

/** A variant's counts from the shape pass. Never throws. */
export function countVariant(v: Variant): VariantCounts {
  const none = (problem: string): VariantCounts => ({ params: 0, macs: 0, output: null, rf: 0, problem });
  let input: number[] | null = null;
  if (v.input !== null) {
    input = parseShape(v.input);
    if (input === null) return none(`input "${v.input.slice(0, 20)}" is not C×H×W`);
  }
  const branches = v.spec.split('|').map((b) => b.trim());
  const counts = branches.map((spec): VariantCounts => {
    const a = analyse(spec, null, input);
    if (a.report === null) return none(a.problems[0] ? `${branches.length > 1 ? `"${spec.slice(0, 24)}" ` : ''}${a.problems[0].message}` : 'no spec');
    const r = a.report;
    if (r.problems.length > 0) return none(r.problems[0]);
    const totals = v.mainOnly ? r.mainTotals : r.totals;
    const lastMain = [...r.rows].reverse().find((row) => row.kind !== 'aux');
    return { params: totals.params, macs: totals.macs, output: r.output, rf: lastMain?.rf ?? 1, problem: null };
  });
  const bad = counts.find((c) => c.problem !== null);
  if (bad) return bad;
  if (counts.length === 1) return counts[0];
  const outs = counts.map((c) => c.output!);
  const concat = outs.every((o) => o.length === 3 && o[1] === outs[0][1] && o[2] === outs[0][2]);
  if (!concat) return none('the branches\' outputs differ in size: they cannot be concatenated');
  return {
    params: counts.reduce((a, c) => a + c.params, 0),
    macs: counts.reduce((a, c) => a + c.macs, 0),
    output: [outs.reduce((a, o) => a + o[0], 0), outs[0][1], outs[0][2]],
    rf: Math.max(...counts.map((c) => c.rf)),
    problem: null,
  };
}

/** The first variant's parameters as a multiple of another's: "0.72×", or "1/30,908" when far below one. */
export function ratioText(a: VariantCounts, b: VariantCounts): string {
  if (a.problem || b.problem || b.params === 0 || a.params === 0) return '—';
  const r = a.params / b.params;
  return r < 0.01 ? `1/${Math.round(1 / r).toLocaleString('en-US')}` : `${r.toFixed(2)}×`;
}
