import { ACTIVATIONS, type Activation, type ActivationName } from './ops/activations.ts';
import { denseBackward, denseForward } from './ops/dense.ts';
import { zerosTensor, assertShape, type Tensor } from './tensor.ts';

/** One hidden layer's spec: a dense map followed by an activation. */
export interface DenseSpec {
  readonly kind: 'dense';
  readonly units: number;
  readonly activation: ActivationName;
}

/** A dense layer's parameters and their gradients (stored fanIn x fanOut). */
export interface DenseLayer {
  readonly fanIn: number;
  readonly fanOut: number;
  readonly activation: Activation;
  readonly weight: Tensor;
  readonly bias: Tensor;
  readonly dWeight: Tensor;
  readonly dBias: Tensor;
}

export interface Network {
  readonly inputWidth: number;
  readonly layers: readonly DenseLayer[];
  /** Room for one transposed weight, shared by every layer's backward pass. */
  readonly scratch: Float32Array;
}

/** What the backward pass needs from the forward pass, for one batch size: allocated once. */
export interface Cache {
  readonly batch: number;
  readonly input: Tensor;
  readonly pre: readonly Tensor[];
  readonly post: readonly Tensor[];
  readonly dPre: readonly Tensor[];
  readonly dPost: readonly Tensor[];
}

/** Build a network from a plain list of layer specs; each layer's fanIn is the previous width. */
export function buildNetwork(inputWidth: number, specs: readonly DenseSpec[]): Network {
  let fanIn = inputWidth;
  let largest = 0;
  const layers = specs.map((spec) => {
    const fanOut = spec.units;
    const layer: DenseLayer = {
      fanIn, fanOut,
      activation: ACTIVATIONS[spec.activation],
      weight: zerosTensor([fanIn, fanOut]),
      bias: zerosTensor([fanOut]),
      dWeight: zerosTensor([fanIn, fanOut]),
      dBias: zerosTensor([fanOut]),
    };
    largest = Math.max(largest, fanIn * fanOut);
    fanIn = fanOut;
    return layer;
  });
  return { inputWidth, layers, scratch: new Float32Array(largest) };
}

export function createCache(net: Network, batch: number): Cache {
  const widths = net.layers.map((l) => l.fanOut);
  return {
    batch,
    input: zerosTensor([batch, net.inputWidth]),
    pre: widths.map((w) => zerosTensor([batch, w])),
    post: widths.map((w) => zerosTensor([batch, w])),
    dPre: widths.map((w) => zerosTensor([batch, w])),
    dPost: widths.map((w) => zerosTensor([batch, w])),
  };
}

/** The input of layer l: the network input for l = 0, the previous activation otherwise. */
export function layerInput(cache: Cache, l: number): Tensor {
  return l === 0 ? cache.input : cache.post[l - 1];
}

export function forwardLayer(net: Network, cache: Cache, l: number): void {
  const layer = net.layers[l];
  denseForward(layerInput(cache, l), layer.weight, layer.bias, cache.pre[l]);
  layer.activation.forward(cache.pre[l], cache.post[l]);
}

/** Forward over the batch in cache.input; fills every layer's pre- and post-activation. */
export function forward(net: Network, cache: Cache): void {
  for (let l = 0; l < net.layers.length; l++) forwardLayer(net, cache, l);
}

/**
 * Backward from dTop = dL/d(last layer's activation). Fills dPre, dPost and every layer's
 * dWeight and dBias (summed over the batch). The input's gradient is not computed.
 */
export function backward(net: Network, cache: Cache, dTop: Tensor): void {
  const last = net.layers.length - 1;
  assertShape('backward dTop', dTop, cache.post[last].shape);
  cache.dPost[last].data.set(dTop.data);
  for (let l = last; l >= 0; l--) {
    const layer = net.layers[l];
    layer.activation.backward(cache.pre[l], cache.post[l], cache.dPost[l], cache.dPre[l]);
    const dInput = l > 0 ? cache.dPost[l - 1] : null;
    denseBackward(layerInput(cache, l), layer.weight, cache.dPre[l], dInput, layer.dWeight, layer.dBias, net.scratch);
  }
}
