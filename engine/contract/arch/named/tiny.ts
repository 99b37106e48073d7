/**
 * Small trainable members of each family, sized for the 1x8x8 digits (and as happy on 1x28x28
 * images: global average pooling before the classifier makes them size-agnostic). 4k to 10k
 * parameters and 3 to 8 million multiply-accumulates for a forward pass of 32 digits, so a
 * training step runs live in a browser tab.
 */
import { arch } from './build.ts';

const DIGITS = [1, 8, 8] as const;

export const tiny_vgg = arch('conv3-8,relu,conv3-8,relu,max2,conv3-16,relu,conv3-16,relu,max2,gap,fc10', DIGITS, 'VGG\'s pattern in miniature: pairs of 3x3 convs, then a 2x2 max pool.');
export const tiny_nin = arch(
  'block1:(conv3-16,relu,conv1-16,relu),max2,block2:(conv3-32,relu,conv1-32,relu),max2,block3:(conv3-10,relu,conv1-10),gap,flatten',
  DIGITS,
  'Network in Network in miniature: mlpconv blocks, and the last one writes one map per class for global average pooling, no dense layer.',
);
export const tiny_inception = arch(
  'conv3-16,relu,inception1:inc8-8-16-4-8-8,aux1:aux(gap,fc10),max2,inception2:inc16-12-24-4-8-8,gap,fc10',
  DIGITS,
  'Two Inception modules of the paper\'s form (5x5 branch, no batch norm) and one auxiliary classifier after the first.',
);
export const tiny_resnet = arch('conv3-8nb,bn,relu,res8,res16s2,res16,gap,fc10', DIGITS, 'Three basic residual blocks; the stride-2 one has a projection shortcut.');
export const tiny_resnext = arch('conv3-16nb,bn,relu,bneck8-32g4,bneck16-64s2g8,gap,fc10', DIGITS, 'Two ResNeXt bottlenecks, 4 and then 8 paths in a grouped 3x3.');
export const tiny_densenet = arch('conv3-8nb,dense3-6b2,trans10,dense3-6b2,bn,relu,gap,fc10', DIGITS, 'Two dense blocks of three layers (growth rate 6, 1x1 bottlenecks of 12) and a transition between them.');
