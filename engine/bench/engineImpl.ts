import { matmulAB } from '../kernels/matmul.ts';
import type { DenseSpec } from '../model/layers/dense.ts';
import { backward, buildNetwork, createCache, forward } from '../model/network.ts';
import { softmaxCrossEntropyBackward, softmaxCrossEntropyForward } from '../ops/softmaxCrossEntropy.ts';
import { zerosTensor } from '../tensor.ts';
import type { LenetData } from './lenetData.ts';
import { createLenetNet, type LenetNet } from './lenetNet.ts';
import type { MatmulRunner, MlpTrainer } from './types.ts';
import type { CnnWorkload, MatmulData, MatmulWorkload, MlpData, MlpWorkload } from './workloads.ts';

/**
 * The engine's training step: the hidden stack and a 'linear' 10-unit output layer form one
 * Network; every buffer (activations, gradients, probabilities) is allocated here, once.
 */
export function createEngineTrainer(w: MlpWorkload, data: MlpData): MlpTrainer {
  const specs: DenseSpec[] = [];
  for (let l = 0; l < w.hiddenLayers; l++) specs.push({ kind: 'dense', units: w.width, activation: w.activation });
  specs.push({ kind: 'dense', units: w.classes, activation: 'linear' });
  const net = buildNetwork(w.inputWidth, specs);
  net.units.forEach((layer, l) => {
    layer.weight.data.set(data.weights[l]);
    layer.bias.data.set(data.biases[l]);
  });
  const cache = createCache(net, w.batch);
  cache.input.data.set(data.input);
  const labels = data.labels;
  const logits = cache.output;
  const probs = zerosTensor([w.batch, w.classes]);
  const dLogits = zerosTensor([w.batch, w.classes]);
  const lr = w.learningRate;
  const layers = net.units;

  return {
    step(): number {
      forward(net, cache);
      const loss = softmaxCrossEntropyForward(logits, labels, probs);
      softmaxCrossEntropyBackward(probs, labels, dLogits);
      backward(net, cache, dLogits);
      for (let l = 0; l < layers.length; l++) {
        const layer = layers[l];
        sgdUpdate(layer.weight.data, layer.dWeight.data, lr);
        sgdUpdate(layer.bias.data, layer.dBias.data, lr);
      }
      return loss;
    },
    sync(): void {},
    parameters(): Float32Array[] {
      return layers.flatMap((layer) => [layer.weight.data.slice(), layer.bias.data.slice()]);
    },
    dispose(): void {},
  };
}

/** W4: lenetNet.ts's step, alternating the two batches. */
export function createEngineLenetTrainer(w: CnnWorkload, data: LenetData): MlpTrainer & { net: LenetNet } {
  const net = createLenetNet(w, data);
  let steps = 0;
  return {
    net,
    step: () => net.step(steps++ & 1),
    sync(): void {},
    parameters: () => net.params.map((p) => p.data.slice()),
    dispose(): void {},
  };
}

/** Plain SGD in place: param -= lr * grad. */
function sgdUpdate(param: Float32Array, grad: Float32Array, lr: number): void {
  for (let i = 0; i < param.length; i++) param[i] -= lr * grad[i];
}

export function createEngineMatmul(w: MatmulWorkload, data: MatmulData): MatmulRunner {
  const c = new Float32Array(w.m * w.n);
  return {
    run(): void {
      matmulAB(data.a, data.b, c, w.m, w.k, w.n);
    },
    sync(): void {},
    result: () => c.slice(),
    dispose(): void {},
  };
}
