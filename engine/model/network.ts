/**
 * A network: a list of layers built from plain specs through a registry (ConvNetJS's makeLayers
 * idea), and auxiliary heads reading the outputs of units. The runner only chains the layers: each
 * reads the previous one's output, and writes dL/d(its input) into the previous one's dOutput.
 */
import { addInto } from '../ops/scaledAdd.ts';
import { assertSameShape, zerosTensor, type Tensor } from '../tensor.ts';
import type { ForwardMode, Layer, LayerCache, LayerParam, Shape, Tap, Unit, UnitGradientHook } from './layer.ts';

export type { ForwardMode } from './layer.ts';
import { AuxHead, type AuxHeadSpec, type HeadCache } from './layers/auxHead.ts';
import { createDense, type DenseSpec } from './layers/dense.ts';
import { createResidual, type ResidualSpec } from './layers/residual.ts';
import { createAux, type AuxLayerSpec } from './layers/conv/aux.ts';
import { createConv, type ConvLayerSpec } from './layers/conv/conv.ts';
import { createDenseBlock, type DenseBlockLayerSpec } from './layers/conv/denseBlock.ts';
import { createInception, type InceptionLayerSpec } from './layers/conv/inception.ts';
import { createResBlock, type ResBlockSpec } from './layers/conv/residual.ts';
import { createSeq, type SeqSpec } from './layers/conv/seq.ts';
import { createFlatten, createNormAct, createPool, type FlattenLayerSpec, type NormActSpec, type PoolLayerSpec } from './layers/conv/simple.ts';

export type LayerSpec =
  | DenseSpec | ResidualSpec | ConvLayerSpec | PoolLayerSpec | FlattenLayerSpec | NormActSpec
  | SeqSpec | ResBlockSpec | InceptionLayerSpec | DenseBlockLayerSpec | AuxLayerSpec;

type Factory<S> = (spec: S, inputShape: Shape, build: (spec: LayerSpec, inputShape: Shape) => Layer) => Layer;

/** kind -> factory: a new layer kind is its module file and one line here. Composites build their insides through `build`. */
const REGISTRY: { readonly [K in LayerSpec['kind']]: Factory<Extract<LayerSpec, { kind: K }>> } = {
  dense: createDense,
  residual: createResidual,
  conv: createConv,
  pool: createPool,
  flatten: createFlatten,
  normact: createNormAct,
  seq: createSeq,
  resblock: createResBlock,
  inception: createInception,
  denseblock: createDenseBlock,
  aux: createAux,
};

export interface Network {
  readonly inputShape: Shape;
  readonly inputWidth: number;
  readonly layers: readonly Layer[];
  /** Every layer's units in order (a residual block gives two): what the probe calls layers. */
  readonly units: readonly Unit[];
  /** Per layer, its first unit; one more entry, the unit count. */
  readonly firstUnit: Int32Array;
  /** Per unit, the layer it belongs to. */
  readonly layerOf: Int32Array;
  readonly heads: readonly AuxHead[];
  /** Room for one transposed weight, shared by every backward pass. */
  readonly scratch: Float32Array;
}

export function buildLayer(spec: LayerSpec, inputShape: Shape): Layer {
  const factory = REGISTRY[spec.kind] as Factory<LayerSpec>;
  return factory(spec, inputShape, buildLayer);
}

/**
 * Build a network from a plain list of specs: each layer's input shape is the previous one's output
 * shape. The input: a width (an MLP's features) or a shape ([C, H, W] images).
 */
export function buildNetwork(input: number | Shape, specs: readonly LayerSpec[], headSpecs: readonly AuxHeadSpec[] = []): Network {
  const inputShape: Shape = typeof input === 'number' ? [input] : [...input];
  const inputWidth = inputShape.reduce((a, b) => a * b, 1);
  let shape: Shape = inputShape;
  const layers: Layer[] = [];
  for (const spec of specs) {
    const layer = buildLayer(spec, shape);
    layers.push(layer);
    shape = layer.outputShape;
  }
  const units = layers.flatMap((l) => l.units);
  const firstUnit = new Int32Array(layers.length + 1);
  const layerOf = new Int32Array(units.length);
  layers.forEach((layer, m) => {
    firstUnit[m + 1] = firstUnit[m] + layer.units.length;
    layerOf.fill(m, firstUnit[m], firstUnit[m + 1]);
  });
  const heads = headSpecs.map((h) => {
    if (!(h.at >= 0 && h.at < units.length)) throw new Error(`an auxiliary head on layer ${h.at + 1}, but the network has ${units.length} layers`);
    return new AuxHead(h, units[h.at].fanOut);
  });
  const largest = Math.max(0, ...layers.map((l) => l.scratchLength), ...heads.map((h) => h.scratchLength));
  return { inputShape, inputWidth, layers, units, firstUnit, layerOf, heads, scratch: new Float32Array(largest) };
}

export interface Cache {
  readonly batch: number;
  readonly input: Tensor;
  /** dL/d(network input), filled by backward when present (CacheOptions.inputGradient). */
  readonly dInput: Tensor | null;
  readonly layers: readonly LayerCache[];
  /** Per unit: the buffers the probe reads. */
  readonly taps: readonly Tap[];
  readonly heads: readonly HeadCache[];
  /** The last layer's output and its gradient (where the caller puts dL/d(output)). */
  readonly output: Tensor;
  readonly dOutput: Tensor | null;
  /** Per layer: adds the heads' gradients to an inner unit's output gradient. */
  readonly hooks: readonly UnitGradientHook[];
}

export interface CacheOptions {
  /** Allocate the gradient buffers (default true). */
  readonly gradients?: boolean;
  /** Allocate dInput, so backward computes dL/d(network input) (default false). */
  readonly inputGradient?: boolean;
  /** Allocate the auxiliary heads' buffers (default true). */
  readonly heads?: boolean;
  /** Only the first `layers` layers (default all). */
  readonly layers?: number;
  /** Where each buffer comes from (default a new zero tensor); `layer` and `name` let a caller pool buffers. */
  readonly allocate?: (shape: Shape, layer: number, name: string) => Tensor;
}

export function createCache(net: Network, batch: number, options: CacheOptions = {}): Cache {
  const alloc = options.allocate ?? ((shape: Shape) => zerosTensor(shape));
  const gradients = options.gradients !== false;
  const input = zerosTensor([batch, ...net.inputShape]);
  const count = options.layers ?? net.layers.length;
  const layers: LayerCache[] = [];
  let x = input;
  for (let m = 0; m < count; m++) {
    const c = net.layers[m].allocate(batch, x, { gradients, scratch: net.scratch, allocate: (shape, name) => alloc(shape, m, name) });
    layers.push(c);
    x = c.output;
  }
  const taps = layers.flatMap((c) => c.taps);
  const heads = options.heads === false ? [] : net.heads.map((h) => h.allocate(batch, taps[h.at].output, { gradients, scratch: net.scratch, allocate: (shape, name) => alloc(shape, -1, name) }));
  const dInput = gradients && options.inputGradient ? zerosTensor([batch, ...net.inputShape]) : null;
  const last = layers[layers.length - 1];
  const cache: Cache = {
    batch, input, dInput, layers, taps, heads, output: last?.output ?? input, dOutput: last?.dOutput ?? null,
    hooks: layers.map((_, m) => (k: number) => addHeadGradients(net, cache, net.firstUnit[m] + k)),
  };
  return cache;
}

/** The input of unit l: the network input for l = 0, the previous unit's output otherwise. */
export function unitInput(cache: Cache, l: number): Tensor {
  return l === 0 ? cache.input : cache.taps[l - 1].output;
}

/** Layer m's forward pass (the layers below it have run). */
export function forwardLayer(net: Network, cache: Cache, m: number, mode: ForwardMode = 'batch'): void {
  const c = cache.layers[m];
  net.layers[m].forward(c, c.input, mode);
}

/** Forward over the batch in cache.input through every layer of the cache. Heads: forwardHeads. */
export function forward(net: Network, cache: Cache, mode: ForwardMode = 'batch'): void {
  for (let m = 0; m < cache.layers.length; m++) forwardLayer(net, cache, m, mode);
}

/** Forward in 'batch' mode from the layer holding unit `from` on (the earlier layers' outputs are current). */
export function forwardFrom(net: Network, cache: Cache, from: number): void {
  for (let m = net.layerOf[from]; m < cache.layers.length; m++) forwardLayer(net, cache, m, 'batch');
}

/** Every auxiliary head's logits, from the outputs of the last forward pass. */
export function forwardHeads(net: Network, cache: Cache): void {
  for (let h = 0; h < net.heads.length; h++) net.heads[h].forward(cache.heads[h], cache.heads[h].input, 'batch');
}

export interface BackwardOptions {
  /**
   * Also backpropagate the auxiliary heads from cache.heads[h].dLogits (filled by the caller),
   * adding each head's input gradient to the output gradient of the unit it reads. Default false.
   */
  readonly heads?: boolean;
}

/** dOutput of unit `at` += every head's input gradient, for the heads reading it. */
function addHeadGradients(net: Network, cache: Cache, at: number): void {
  for (let h = 0; h < net.heads.length; h++) {
    const head = net.heads[h];
    if (head.at !== at) continue;
    const hc = cache.heads[h];
    head.backward(hc, hc.dLogits, hc.dInput);
    addInto(cache.taps[at].dOutput!, hc.dInput);
  }
}

/**
 * Backward from dTop = dL/d(last layer's output), after a forward pass in 'train' or 'batch' mode:
 * every layer's parameter gradients and taps, and cache.dInput when the cache has one. A tensor
 * read along two paths (a block's input; a unit with an auxiliary head) gets the sum of both gradients.
 */
export function backward(net: Network, cache: Cache, dTop: Tensor, options?: BackwardOptions): void {
  startBackward(net, cache, dTop, options);
  for (let m = cache.layers.length - 1; m >= 0; m--) backwardLayer(net, cache, m, options);
}

/** backward's first part: dTop into the last layer's dOutput (and its heads' gradients). Then backwardLayer, last to first. */
export function startBackward(net: Network, cache: Cache, dTop: Tensor, options?: BackwardOptions): void {
  const dOutput = cache.dOutput!;
  assertSameShape('backward dTop', cache.output, dTop);
  if (dTop !== dOutput) dOutput.data.set(dTop.data);
  if (options?.heads === true && net.heads.length > 0) addHeadGradients(net, cache, cache.taps.length - 1);
}

/** Layer m's part of backward, once every layer above it has had its own (see startBackward). */
export function backwardLayer(net: Network, cache: Cache, m: number, options?: BackwardOptions): void {
  const withHeads = options?.heads === true && net.heads.length > 0;
  const c = cache.layers[m];
  const dX = m === 0 ? cache.dInput : cache.layers[m - 1].dOutput;
  net.layers[m].backward(c, c.dOutput!, dX, withHeads ? cache.hooks[m] : undefined);
  if (withHeads && m > 0) addHeadGradients(net, cache, net.firstUnit[m] - 1);
}

/**
 * dL/d(network input) after a backward pass whose cache had no dInput (training skips it: it is
 * only needed to measure the first block's Jacobian). Allocates: for measurements, not the
 * training step. The same numbers backward writes into cache.dInput when it has one.
 */
export function inputGradient(net: Network, cache: Cache): Tensor {
  if (cache.dInput) return cache.dInput;
  const dX = zerosTensor(cache.input.shape);
  net.layers[0].inputGradient(cache.layers[0], dX);
  return dX;
}

/** Every batch norm back to gamma 1, beta 0, running mean 0 and variance 1. */
export function resetState(net: Network): void {
  for (const layer of net.layers) layer.resetState();
}

/**
 * Every parameter in a fixed order, named: per layer, its units' parameters as "<unit name> <param>",
 * its own as "<layer name> <param>"; then the heads'. layerName gets the layer and how many layers
 * of its kind come before it (the block number of a residual block).
 */
export function namedParams(
  net: Network, unitName: (unit: number) => string, layerName: (layer: Layer, ordinal: number) => string,
): (LayerParam & { readonly fullName: string; readonly globalUnit: number })[] {
  const out: (LayerParam & { fullName: string; globalUnit: number })[] = [];
  const seen = new Map<string, number>();
  net.layers.forEach((layer, m) => {
    const ordinal = seen.get(layer.kind) ?? 0;
    seen.set(layer.kind, ordinal + 1);
    for (const p of layer.params()) {
      const globalUnit = p.unit < 0 ? -1 : net.firstUnit[m] + p.unit;
      out.push({ ...p, globalUnit, fullName: `${p.unit < 0 ? layerName(layer, ordinal) : unitName(globalUnit)} ${p.name}` });
    }
  });
  for (const head of net.heads) {
    for (const p of head.params()) out.push({ ...p, globalUnit: -1, fullName: `auxiliary head on layer ${head.at + 1} ${p.name}` });
  }
  return out;
}
