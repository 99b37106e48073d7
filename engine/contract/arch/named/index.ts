/** Every named architecture by its `arch=` name, and the lookup that reads a name or a grammar string. */
import { parseArch, type ParsedArch } from '../grammar.ts';
import type { NamedArch } from './build.ts';
import { alexnet, lenet5, nin, vgg11, vgg11_bn, vgg16, vgg16_bn, vgg19, vgg19_bn } from './classic.ts';
import { densenet121, densenet169, densenet201, googlenet, resnet101, resnet152, resnet18, resnet34, resnet50, resnext50_32x4d } from './modern.ts';
import { tiny_densenet, tiny_inception, tiny_nin, tiny_resnet, tiny_resnext, tiny_vgg } from './tiny.ts';

export type { NamedArch };

export const NAMED_ARCHS: Readonly<Record<string, NamedArch>> = {
  lenet5, alexnet, vgg11, vgg11_bn, vgg16, vgg16_bn, vgg19, vgg19_bn, nin, googlenet,
  resnet18, resnet34, resnet50, resnet101, resnet152, resnext50_32x4d, densenet121, densenet169, densenet201,
  tiny_vgg, tiny_nin, tiny_inception, tiny_resnet, tiny_resnext, tiny_densenet,
};

export const ARCH_NAMES = Object.keys(NAMED_ARCHS);

/** An `arch` value: a name from the list, or a spec in the grammar. Never throws. */
export function resolveArch(text: string): ParsedArch & { readonly named: NamedArch | null } {
  if (typeof text === 'string' && Object.prototype.hasOwnProperty.call(NAMED_ARCHS, text)) return { spec: NAMED_ARCHS[text].spec, problems: [], named: NAMED_ARCHS[text] };
  return { ...parseArch(text), named: null };
}
