/** Named architectures are written in the grammar itself, so every one of them is also a test of it. */
import { parseArch } from '../grammar.ts';
import type { ArchSpec } from '../spec.ts';
import type { Shape } from '../shapes.ts';

export interface NamedArch {
  readonly spec: ArchSpec;
  /** The input it was designed for, [C, H, W]. */
  readonly input: Shape;
  /** Where this spec differs from the paper (and why), in a sentence or two. */
  readonly note: string;
}

/** Parse a spec written in this file; a problem here is a bug in the named list, so it throws. */
export function arch(text: string, input: Shape, note: string): NamedArch {
  const { spec, problems } = parseArch(text);
  if (spec === null) throw new Error(`named architecture does not parse: ${problems.map((p) => p.message).join('; ')}`);
  return { spec, input, note };
}

/** torchvision's BasicConv2d and the like: conv (no bias), BN, ReLU under one name. */
export function convBnRelu(name: string, conv: string): string {
  return `${name}:(conv:${conv}nb,bn:bn,relu:relu)`;
}

export const IMAGENET: Shape = [3, 224, 224];
