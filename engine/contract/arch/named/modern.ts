/** GoogLeNet, ResNet, ResNeXt and DenseNet, layer for layer as torchvision builds them. */
import { arch, convBnRelu, IMAGENET, type NamedArch } from './build.ts';

const inception = (name: string, channels: string) => `${name}:inc${channels}k3bn`;
const auxHead = (name: string) => `${name}:aux(adapt4,${convBnRelu('conv', 'conv1-128')},fc1:fc1024,relu,fc2:fc1000)`;

/**
 * Szegedy et al. 2014 as torchvision: BN after every conv (BasicConv2d), ceil_mode pools, and the
 * "5x5" branch a 3x3 (a slip torchvision keeps so its ported weights load). The auxiliary heads
 * after inception4a and inception4d are in, as in torchvision's GoogLeNet() and the paper's training.
 */
export const googlenet = arch(
  [
    convBnRelu('conv1', 'conv7-64s2p3'), 'maxpool1:max3s2ceil', convBnRelu('conv2', 'conv1-64'), convBnRelu('conv3', 'conv3-192p1'), 'maxpool2:max3s2ceil',
    inception('inception3a', '64-96-128-16-32-32'), inception('inception3b', '128-128-192-32-96-64'), 'maxpool3:max3s2ceil',
    inception('inception4a', '192-96-208-16-48-64'), auxHead('aux1'), inception('inception4b', '160-112-224-24-64-64'),
    inception('inception4c', '128-128-256-24-64-64'), inception('inception4d', '112-144-288-32-64-64'), auxHead('aux2'),
    inception('inception4e', '256-160-320-32-128-128'), 'maxpool4:max2ceil',
    inception('inception5a', '256-160-320-32-128-128'), inception('inception5b', '384-192-384-48-128-128'), 'avgpool:gap', 'fc:fc1000',
  ].join(','),
  IMAGENET,
  'torchvision\'s GoogLeNet: batch norm after every conv (the paper had none), its "5x5" branches are 3x3, and the two auxiliary heads are included (drop them for the 6,624,904 parameters of the released weights).',
);

/** He et al. 2015 with torchvision's stride on the 3x3 of a bottleneck ("ResNet v1.5"; the paper strides the first 1x1). */
function resnet(blocks: readonly number[], bottleneck: boolean, groups = 1, widthPerGroup = 64): NamedArch {
  const stages = blocks.map((n, i) => {
    const planes = 64 << i, stride = i === 0 ? '' : 's2';
    const width = Math.floor((planes * widthPerGroup) / 64) * groups, g = groups === 1 ? '' : `g${groups}`;
    const unit = (s: string) => (bottleneck ? `bneck${width}-${planes * 4}${s}${g}` : `res${planes}${s}`);
    return `layer${i + 1}:(${unit(stride)}${n > 1 ? `,${n - 1}*${unit('')}` : ''})`;
  });
  return arch(
    `conv1:conv7-64s2p3nb,bn1:bn,relu:relu,maxpool:max3s2p1,${stages.join(',')},avgpool:gap,fc:fc1000`,
    IMAGENET,
    bottleneck ? 'torchvision\'s ResNet v1.5: a downsampling bottleneck strides its 3x3, not its first 1x1 as in the paper; projections (1x1 conv and BN) only where the shape changes.' : 'torchvision\'s ResNet: projection shortcuts (1x1 conv and BN) only where the shape changes (the paper\'s option B).',
  );
}

export const resnet18 = resnet([2, 2, 2, 2], false);
export const resnet34 = resnet([3, 4, 6, 3], false);
export const resnet50 = resnet([3, 4, 6, 3], true);
export const resnet101 = resnet([3, 4, 23, 3], true);
export const resnet152 = resnet([3, 8, 36, 3], true);
/** Xie et al. 2017: 32 paths of width 4 in the first stage, as one grouped 3x3. */
export const resnext50_32x4d = resnet([3, 4, 6, 3], true, 32, 4);

/** Huang et al. 2017, DenseNet-BC: growth 32, bottleneck 4k, transitions halving the channels. */
function densenet(blocks: readonly number[]): NamedArch {
  const parts: string[] = [];
  let channels = 64;
  blocks.forEach((layers, i) => {
    parts.push(`denseblock${i + 1}:dense${layers}-32`);
    channels += layers * 32;
    if (i < blocks.length - 1) {
      channels = Math.floor(channels / 2);
      parts.push(`transition${i + 1}:trans${channels}`);
    }
  });
  return arch(
    `features:(conv0:conv7-64s2p3nb,norm0:bn,relu0:relu,pool0:max3s2p1,${parts.join(',')},norm5:bn),relu:relu,avgpool:gap,classifier:fc1000`,
    IMAGENET,
    'torchvision\'s DenseNet-BC (growth 32, 1x1 bottlenecks of 128 channels, compression 0.5), as in the paper.',
  );
}

export const densenet121 = densenet([6, 12, 24, 16]);
export const densenet169 = densenet([6, 12, 32, 32]);
export const densenet201 = densenet([6, 12, 48, 32]);
