/** LeNet-5, AlexNet, VGG and Network in Network as specs. Dropout changes no shape and is left out. */
import { arch, IMAGENET, type NamedArch } from './build.ts';

/**
 * LeCun et al. 1998 on 32x32 digits. Simplified as most courses do: C3 is fully connected to S2
 * (the paper's connection table uses 60 of the 96 maps, 1,516 parameters instead of 2,416),
 * S2 and S4 are plain average pools (the paper's have a trainable coefficient and bias per map),
 * and the output is a dense layer instead of Euclidean RBF units.
 */
export const lenet5 = arch(
  'c1:conv5-6p0,tanh,s2:avg2,c3:conv5-16p0,tanh,s4:avg2,c5:conv5-120p0,tanh,f6:fc84,tanh,output:fc10',
  [1, 32, 32],
  'LeNet-5 with C3 fully connected (the paper\'s table: 1,516 parameters, here 2,416), average pools without trainable coefficients, and a dense output instead of RBF units.',
);

/** torchvision's single-GPU AlexNet (Krizhevsky 2014, "One weird trick"): 64-192-384-256-256 channels. */
export const alexnet = arch(
  'features:(conv11-64s4p2,relu,max3s2,conv5-192p2,relu,max3s2,conv3-384p1,relu,conv3-256p1,relu,conv3-256p1,relu,max3s2),avgpool:adapt6,classifier:(fc4096,relu,fc4096,relu,fc1000)',
  IMAGENET,
  'torchvision\'s single-GPU form (64, 192, 384, 256, 256 channels); the 2012 paper split 96-256-384-384-256 over two GPUs and used local response normalization.',
);

const VGG_CONFIGS = {
  vgg11: [64, 'M', 128, 'M', 256, 256, 'M', 512, 512, 'M', 512, 512, 'M'],
  vgg16: [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 'M', 512, 512, 512, 'M', 512, 512, 512, 'M'],
  vgg19: [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 256, 'M', 512, 512, 512, 512, 'M', 512, 512, 512, 512, 'M'],
} as const;

/** Simonyan & Zisserman 2014, configurations A, D and E: stacks of 3x3 convs, 2x2 max pools, three dense layers. */
function vgg(config: keyof typeof VGG_CONFIGS, batchNorm: boolean): NamedArch {
  const features = VGG_CONFIGS[config].map((v) => (v === 'M' ? 'max2' : `conv3-${v}p1,${batchNorm ? 'bn,' : ''}relu`)).join(',');
  return arch(
    `features:(${features}),avgpool:adapt7,classifier:(fc4096,relu,fc4096,relu,fc1000)`,
    IMAGENET,
    `VGG ${config.slice(3)} as torchvision${batchNorm ? ', with batch norm after each conv (not in the paper)' : ''}; the classifier's dropouts are left out, so its indices differ from torchvision's.`,
  );
}

export const vgg11 = vgg('vgg11', false);
export const vgg11_bn = vgg('vgg11', true);
export const vgg16 = vgg('vgg16', false);
export const vgg16_bn = vgg('vgg16', true);
export const vgg19 = vgg('vgg19', false);
export const vgg19_bn = vgg('vgg19', true);

/** Lin, Chen & Yan 2013: mlpconv blocks (a conv, then two 1x1 convs) and global average pooling instead of dense layers. */
const mlpconv = (name: string, conv: string, channels: number) => `${name}:(${conv},relu,conv1-${channels},relu,conv1-${channels},relu)`;
export const nin = arch(
  [mlpconv('block1', 'conv11-96s4p0', 96), 'max3s2', mlpconv('block2', 'conv5-256p2', 256), 'max3s2', mlpconv('block3', 'conv3-384p1', 384), 'max3s2', mlpconv('block4', 'conv3-1000p1', 1000), 'gap', 'flatten'].join(','),
  IMAGENET,
  'Network in Network for ImageNet in the form of Dive into Deep Learning (AlexNet-sized mlpconv blocks, global average pooling over 1000 class maps); torchvision has no NiN.',
);
