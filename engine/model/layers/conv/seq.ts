/**
 * A sequence of modules inside a composite (an Inception branch, a dense layer, an auxiliary
 * head): the network runner's chaining, one level down. Children are built through the registry,
 * passed in as `build`, so a composite never names the kinds it holds.
 */
import type { AllocateOptions, Fans, ForwardMode, Layer, LayerCache, LayerParam, Shape, Unit } from '../../layer.ts';
import type { LayerSpec } from '../../network.ts';
import type { Tensor } from '../../../tensor.ts';

export type BuildLayer = (spec: LayerSpec, inputShape: Shape) => Layer;

export interface SeqSpec {
  readonly kind: 'seq';
  readonly layers: readonly LayerSpec[];
}

/** Options whose buffer names carry a prefix, so a pooling allocator sees each child's apart. */
export function prefixed(options: AllocateOptions, prefix: string): AllocateOptions {
  return { ...options, allocate: (shape, name) => options.allocate(shape, `${prefix}${name}`) };
}

/** Children's parameters in order, unit indices shifted to the composite's numbering. */
export function childParams(children: readonly Layer[]): LayerParam[] {
  const out: LayerParam[] = [];
  let offset = 0;
  for (const child of children) {
    for (const p of child.params()) out.push({ ...p, unit: p.unit < 0 ? -1 : p.unit + offset });
    offset += child.units.length;
  }
  return out;
}

export interface SeqCache extends LayerCache { readonly children: readonly LayerCache[] }

export class SeqLayer implements Layer<SeqCache> {
  readonly kind = 'seq';
  readonly inputShape: Shape;
  readonly outputShape: Shape;
  readonly units: readonly Unit[];
  readonly scratchLength: number;
  private readonly paramList: readonly LayerParam[];

  constructor(readonly children: readonly Layer[], inputShape: Shape) {
    if (children.length === 0) throw new Error('a sequence needs at least one module');
    this.inputShape = [...inputShape];
    this.outputShape = children[children.length - 1].outputShape;
    this.units = children.flatMap((c) => c.units);
    this.scratchLength = Math.max(...children.map((c) => c.scratchLength));
    this.paramList = childParams(children);
  }

  fans(): Fans { return this.units[0] ?? { fanIn: 0, fanOut: 0 }; }
  params(): readonly LayerParam[] { return this.paramList; }
  resetState(): void { for (const c of this.children) c.resetState(); }

  allocate(batch: number, input: Tensor, options: AllocateOptions): SeqCache {
    const caches: LayerCache[] = [];
    let x = input;
    this.children.forEach((child, i) => {
      const c = child.allocate(batch, x, prefixed(options, `${i}.`));
      caches.push(c);
      x = c.output;
    });
    const last = caches[caches.length - 1];
    return { batch, input, output: last.output, dOutput: last.dOutput, taps: caches.flatMap((c) => c.taps), children: caches };
  }

  forward(c: SeqCache, _input: Tensor, mode: ForwardMode): void {
    for (let i = 0; i < this.children.length; i++) this.children[i].forward(c.children[i], c.children[i].input, mode);
  }

  backward(c: SeqCache, dOutput: Tensor, dInput: Tensor | null): void {
    if (dOutput !== c.dOutput) c.dOutput!.data.set(dOutput.data);
    for (let i = this.children.length - 1; i >= 0; i--) {
      const ci = c.children[i];
      this.children[i].backward(ci, ci.dOutput!, i > 0 ? c.children[i - 1].dOutput : dInput);
    }
  }

  inputGradient(c: SeqCache, dInput: Tensor): void {
    this.children[0].inputGradient(c.children[0], dInput);
  }
}

export function createSeq(spec: SeqSpec, inputShape: Shape, build: BuildLayer): SeqLayer {
  const children: Layer[] = [];
  let shape = inputShape;
  for (const s of spec.layers) {
    const layer = build(s, shape);
    children.push(layer);
    shape = layer.outputShape;
  }
  return new SeqLayer(children, inputShape);
}
