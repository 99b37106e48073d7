/**
 * An architecture as data: a sequence of layers and blocks, no weights. The `arch` URL key carries
 * it in the grammar of grammar.ts; the shape pass turns it into shapes, parameters and MACs.
 * Every field is explicit (the parser fills the defaults), so a spec compares with plain equality.
 */
import { ACTIVATION_NAMES, type ActivationName } from '../names.ts';

export { ACTIVATION_NAMES, type ActivationName };

interface Labelled {
  /** A name for the rows of this item ("layer1", "inception3a"); without one the shape pass names it. */
  readonly label?: string;
}

export interface ConvSpec extends Labelled {
  readonly kind: 'conv';
  readonly kernel: readonly [number, number];
  readonly out: number;
  readonly stride: number;
  /** Zeros on each side, or 'half': floor(d(k - 1) / 2) per axis, which keeps the size at stride 1. */
  readonly padding: number | 'half';
  readonly dilation: number;
  readonly groups: number;
  readonly bias: boolean;
}

export interface PoolSpec extends Labelled {
  readonly kind: 'pool';
  readonly op: 'max' | 'avg';
  readonly kernel: number;
  readonly stride: number;
  readonly padding: number;
  readonly ceil: boolean;
}

export interface GlobalAvgPoolSpec extends Labelled { readonly kind: 'gap' }
export interface AdaptiveAvgPoolSpec extends Labelled { readonly kind: 'adaptive'; readonly size: number }
export interface FlattenSpec extends Labelled { readonly kind: 'flatten' }
export interface DenseSpec extends Labelled { readonly kind: 'fc'; readonly out: number; readonly bias: boolean }
export interface BatchNormSpec extends Labelled { readonly kind: 'bn' }
export interface ActivationSpec extends Labelled { readonly kind: 'act'; readonly fn: ActivationName }

/**
 * ResNet's basic block: conv3x3(stride)-BN-ReLU-conv3x3-BN, plus the input, then ReLU (He et al. 2015).
 * The shortcut is a 1x1 conv with BN (a projection) when the stride or the width changes, as torchvision.
 */
export interface ResidualSpec extends Labelled { readonly kind: 'res'; readonly out: number; readonly stride: number }

/**
 * The bottleneck: 1x1 to `width`, 3x3 (grouped for ResNeXt), 1x1 to `out`, each with BN, plus the
 * shortcut, then ReLU. The stride sits on the 3x3, as torchvision's "ResNet v1.5"; the paper put
 * it on the first 1x1.
 */
export interface BottleneckSpec extends Labelled {
  readonly kind: 'bneck';
  readonly width: number;
  readonly out: number;
  readonly stride: number;
  readonly groups: number;
}

/**
 * GoogLeNet's Inception module: four branches concatenated (Szegedy et al. 2014, Figure 2b): a 1x1;
 * a 1x1 reduction then a 3x3; a 1x1 reduction then a "5x5"; a 3x3 max pool then a 1x1 projection.
 */
export interface InceptionSpec extends Labelled {
  readonly kind: 'inception';
  readonly c1: number;
  readonly r3: number;
  readonly c3: number;
  readonly r5: number;
  readonly c5: number;
  readonly pool: number;
  /** Kernel of the "5x5" branch: torchvision's GoogLeNet uses 3 there (a known slip it keeps for its weights). */
  readonly k5: number;
  /** Each conv as torchvision's BasicConv2d (conv without bias, BN, ReLU) instead of the paper's conv and ReLU. */
  readonly bn: boolean;
}

/**
 * DenseNet's dense block: `layers` layers, each BN-ReLU-1x1 conv to bottleneck*growth-BN-ReLU-3x3 conv
 * to `growth`, concatenated onto everything before it (Huang et al. 2017, DenseNet-BC). bottleneck 0
 * leaves out the 1x1 (plain DenseNet).
 */
export interface DenseBlockSpec extends Labelled { readonly kind: 'dense'; readonly layers: number; readonly growth: number; readonly bottleneck: number }

/** DenseNet's transition: BN-ReLU-1x1 conv to `out`-2x2 average pool. */
export interface TransitionSpec extends Labelled { readonly kind: 'transition'; readonly out: number }

/** An auxiliary classifier: a side head read at this point of the main path, which it leaves unchanged (GoogLeNet). */
export interface AuxSpec extends Labelled { readonly kind: 'aux'; readonly items: readonly ArchItem[] }

/** A sequence of items, numbered from 0 inside (as a torch Sequential). */
export interface GroupSpec extends Labelled { readonly kind: 'group'; readonly items: readonly ArchItem[] }

/** The same item `times` times in a row; unlabelled, the copies join the enclosing sequence. */
export interface RepeatSpec extends Labelled { readonly kind: 'repeat'; readonly times: number; readonly item: ArchItem }

export type LayerSpec = ConvSpec | PoolSpec | GlobalAvgPoolSpec | AdaptiveAvgPoolSpec | FlattenSpec | DenseSpec | BatchNormSpec | ActivationSpec;
export type BlockSpec = ResidualSpec | BottleneckSpec | InceptionSpec | DenseBlockSpec | TransitionSpec;
export type ArchItem = LayerSpec | BlockSpec | AuxSpec | GroupSpec | RepeatSpec;

export interface ArchSpec {
  readonly items: readonly ArchItem[];
}

/** Limits that keep hostile input cheap: no valid architecture comes near them. */
export const ARCH_LIMITS = {
  /** Characters in an `arch` value. */
  maxLength: 8192,
  /** Nested brackets: groups, aux heads. */
  maxDepth: 8,
  /** Copies in one repeat. */
  maxRepeat: 256,
  /** Layers after every repeat is expanded (ResNet-152 has about 520 rows). */
  maxRows: 20_000,
  /** Channels, units, kernel sizes and the like. */
  maxChannels: 65_536,
  maxKernel: 64,
  maxStride: 64,
  /** Problems reported before the parser stops. */
  maxProblems: 20,
} as const;
