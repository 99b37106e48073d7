/**
 * The convolution lab's presets: press Play or +100; each notice quotes what the engine gives for
 * the same link (`npm run probe -- "<query>" --steps N` prints the accuracies, seed 1), and
 * presets.test.ts beside this file trains each and checks every number quoted.
 */
import type { Preset } from '../../presets/presets.ts';
import { LENET5_28 } from './convArchs.ts';

const q = (arch: string) => encodeURIComponent(arch);

/** Twelve 3x3 ReLU convs of 8 channels, no batch norm: the paper's deep plain net in miniature. */
export const DEEP_PLAIN = '12*(conv3-8,relu),gap,fc10';
/** The same depth (a stem and 8 convs, batch norm after each), without and with skips around pairs. */
export const PLAIN_8 = 'conv3-8nb,bn,relu,8*(conv3-8nb,bn,relu),gap,fc10';
export const RESIDUAL_8 = 'conv3-8nb,bn,relu,4*res8,gap,fc10';
/** tiny_vgg with batch norm after each conv (bias dropped: BN subtracts it). */
export const VGG_BN = 'conv3-8nb,bn,relu,conv3-8nb,bn,relu,max2,conv3-16nb,bn,relu,conv3-16nb,bn,relu,max2,gap,fc10';
/** tiny_nin's first two blocks with a dense head instead of the class maps and global average pooling. */
export const NIN_DENSE = 'block1:(conv3-16,relu,conv1-16,relu),max2,block2:(conv3-32,relu,conv1-32,relu),max2,flatten,fc64,relu,fc10';
/** tiny_densenet with growth rate 12 instead of 6. */
export const DENSENET_12 = 'conv3-8nb,dense3-12b2,trans10,dense3-12b2,bn,relu,gap,fc10';

export const CONV_PRESETS: readonly Preset[] = [
  {
    id: 'conv-lenet5',
    title: 'LeNet-5 on the 28×28 digits',
    query: `data=mnist&arch=${q(LENET5_28)}&init=xavier_normal&opt=adam&lr=0.001&batch=32&evalevery=200`,
    notice: 'LeNet-5 as in 1998 (tanh, average pools), C1 padded by 2 so the 28×28 digit fills the paper’s 32×32 field. C1 has 156 parameters; a dense layer between the same 32×32 input and 6×28×28 output would need 4,821,600. Press +100: 89.4% of the test digits right at step 100.',
  },
  {
    id: 'conv-he-xavier',
    title: 'He vs Xavier in a deep plain ReLU CNN (12 conv layers)',
    query: `data=digits&arch=${q(DEEP_PLAIN)}&init=xavier_normal&opt=momentum&lr=0.01&vs=init:he_normal`,
    notice: 'At step 0, before any training: with Xavier each ReLU layer halves the signal, and E[z²] falls from 0.184 at the first conv to 2.98e-5 at the twelfth; with He (n = fan_in = 72) it stays of order one (1.66, then 0.550). The gradient reaching the first conv is 5.47e-12 with Xavier, against 1.05e-8 at the twelfth; with He 2.67e-8 and 2.42e-8. He et al.’s 30-layer Xavier net did not learn; press +100 and watch which of the two does.',
  },
  {
    id: 'conv-plain-deep',
    title: 'A plain CNN of 9 conv layers (compare the residual preset)',
    query: `data=digits&arch=${q(PLAIN_8)}&init=he_normal&opt=sgd&lr=0.05`,
    notice: 'A stem and 8 plain 3×3 convs with batch norm, no skips: 35.9% test accuracy at step 100. The residual preset has the same convs in 4 blocks with identity skips and reaches 47.1%.',
  },
  {
    id: 'conv-residual-deep',
    title: 'The same depth with residual blocks',
    query: `data=digits&arch=${q(RESIDUAL_8)}&init=he_normal&opt=sgd&lr=0.05&vs=arch:${q(PLAIN_8)}`,
    notice: 'The plain preset’s 8 convs as 4 residual blocks (x + F(x)), trained side by side with the plain net itself: 47.1% test accuracy at step 100 against the plain net’s 35.9%. At step 0 the gradient at the first block’s first conv is 1.43e-7 and at the last block’s 4.83e-8; the stream panel shows the variance building up block by block (0.371 after the stem, 1.97 after the fourth block’s sum).',
  },
  {
    id: 'conv-bn',
    title: 'Batch norm in a CNN: tiny VGG at learning rate 0.5',
    query: `data=digits&arch=${q(VGG_BN)}&init=he_normal&opt=sgd&lr=0.5&vs=arch:tiny_vgg`,
    notice: 'tiny_vgg with batch norm after each conv, SGD at 0.5: 92.2% test accuracy at step 100; tiny_vgg itself, trained beside it at the same rate, reaches 56.0%. Each conv layer’s BN has one mean and variance per channel, over N·H·W values (the batch-norm panel).',
  },
  {
    id: 'conv-nin-gap',
    title: 'Network in Network: global average pooling instead of dense layers',
    query: `data=digits&arch=tiny_nin&init=he_normal&opt=adam&lr=0.003&vs=arch:${q(NIN_DENSE)}`,
    notice: 'tiny_nin ends in one 2×2 map per class, averaged: 9,128 parameters, 81.9% test accuracy at step 100. Its first two blocks with a dense head (flatten, fc64, fc10), trained beside it, have 15,034 parameters and reach 90.8%: the head’s extra 5,906 weights learn faster here; global pooling buys the smaller model and any input size.',
  },
  {
    id: 'conv-inception-aux',
    title: 'Inception with and without its auxiliary head',
    query: `data=digits&arch=tiny_inception&init=he_normal&opt=adam&lr=0.003&auxw=0.3&vs=auxw:0`,
    notice: 'Two Inception modules, the auxiliary classifier after the first weighted 0.3 (left) or 0 (right, trained without it). At step 100: 79.9% test accuracy with it, 76.0% without. The gradient at the auxiliary head’s classifier is 9.62e-6 at step 0 with the head, 0 without.',
  },
  {
    id: 'conv-densenet-growth',
    title: 'DenseNet: growth rate 6 (tiny_densenet) vs 12',
    query: `data=digits&arch=tiny_densenet&init=he_normal&opt=adam&lr=0.003&vs=arch:${q(DENSENET_12)}`,
    notice: 'Each layer of a dense block adds k channels to everything before it. With k = 6: 6,022 parameters, 81.6% test accuracy at step 100; the same net with k = 12 (dense3-12b2, trained beside it) has 20,278 and reaches 95.8%.',
  },
];
