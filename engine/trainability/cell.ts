/**
 * One cell of the trainability map (engine/contract/trainability.ts): a tanh network of `depth`
 * hidden layers of `width` units, weights N(0, sigma_w^2 / fan_in) and biases N(0, sigma_b^2) in
 * every layer, the read-out included (the mean-field theory's ensemble, Schoenholz et al. 2017),
 * trained by SGD with momentum for a fixed number of steps on 4 Gaussian blobs; then its accuracy
 * on held-out points. The same layers, ops and optimizer as the training lab.
 */
import type { TrainabilityCell, TrainabilityResult } from '../contract/trainability.ts';
import { generateToy, type LabeledSet } from '../data/toys.ts';
import { backward, buildNetwork, createCache, forward, type Network } from '../model/network.ts';
import { outputHead, type DenseSpec } from '../model/layers/dense.ts';
import { createOptimizer, DEFAULT_SETTINGS } from '../optim/index.ts';
import { softmaxCrossEntropyBackward, softmaxCrossEntropyForward } from '../ops/softmaxCrossEntropy.ts';
import { createRng, deriveSeed, type Rng } from '../rng.ts';
import { zerosTensor } from '../tensor.ts';

/** Seed streams: the data is the map's (one task for every cell), the weights and batches each cell's own. */
const STREAM = { train: 1, test: 2, weights: 3, batches: 4 } as const;
/** The blobs' jitter: classes overlap a little, so a trained shallow net scores ~0.95, not 1. */
const BLOB_NOISE = 0.1;
const MOMENTUM = 0.9;

export function trainabilityData(cell: Pick<TrainabilityCell, 'seed' | 'points' | 'classes'>): { train: LabeledSet; test: LabeledSet } {
  const options = { points: cell.points, classes: cell.classes, noise: BLOB_NOISE };
  return {
    train: generateToy('blobs', options, createRng(deriveSeed(cell.seed, STREAM.train))),
    test: generateToy('blobs', options, createRng(deriveSeed(cell.seed, STREAM.test))),
  };
}

/** The cell's network with the mean-field ensemble's draw: W ~ N(0, sigma_w^2 / fan_in), b ~ N(0, sigma_b^2). */
export function trainabilityNetwork(cell: TrainabilityCell, inputWidth: number): Network {
  const hidden: DenseSpec[] = Array.from({ length: cell.depth }, () => ({ kind: 'dense', units: cell.width, activation: 'tanh' }));
  const net = buildNetwork(inputWidth, [...hidden, outputHead(cell.classes)]);
  const rng: Rng = createRng(deriveSeed(deriveSeed(cell.seed, STREAM.weights), cell.index));
  const sw = Math.sqrt(cell.sw2), sb = Math.sqrt(cell.sb2);
  for (const unit of net.units) {
    const w = unit.weight.data, b = unit.bias.data, scale = sw / Math.sqrt(unit.fanIn);
    for (let i = 0; i < w.length; i++) w[i] = scale * rng.normal();
    for (let i = 0; i < b.length; i++) b[i] = sb * rng.normal();
  }
  return net;
}

/** Accuracy and mean loss of the network on a whole set (one forward pass). */
function evaluate(net: Network, set: LabeledSet): { accuracy: number; loss: number } {
  const cache = createCache(net, set.count, { gradients: false });
  cache.input.data.set(set.inputs);
  forward(net, cache);
  const probs = zerosTensor([set.count, set.classes]);
  const loss = softmaxCrossEntropyForward(cache.output, set.labels, probs);
  let correct = 0;
  for (let r = 0; r < set.count; r++) {
    let best = 0;
    for (let c = 1; c < set.classes; c++) if (probs.data[r * set.classes + c] > probs.data[r * set.classes + best]) best = c;
    if (best === set.labels[r]) correct++;
  }
  return { accuracy: correct / set.count, loss };
}

export function trainCell(cell: TrainabilityCell): TrainabilityResult {
  const { train, test } = trainabilityData(cell);
  const net = trainabilityNetwork(cell, train.width);
  const params = net.layers.flatMap((l) => l.params()).map((p) => ({ name: p.name, value: p.value.data, grad: p.grad.data, decay: p.decay }));
  const optimizer = createOptimizer('momentum', params, { ...DEFAULT_SETTINGS, lr: cell.lr, momentum: MOMENTUM });
  const batch = Math.min(cell.batch, train.count);
  const cache = createCache(net, batch);
  const probs = zerosTensor([batch, cell.classes]);
  const labels = new Int32Array(batch);
  const order = Int32Array.from({ length: train.count }, (_, i) => i);
  const rng = createRng(deriveSeed(deriveSeed(cell.seed, STREAM.batches), cell.index));
  let at = train.count, diverged = false;
  for (let step = 0; step < cell.steps && !diverged; step++) {
    for (let r = 0; r < batch; r++) {
      if (at === train.count) {
        for (let i = train.count - 1; i > 0; i--) { const j = Math.floor(rng.uniform() * (i + 1)); const t = order[i]; order[i] = order[j]; order[j] = t; }
        at = 0;
      }
      const e = order[at++];
      cache.input.data.set(train.inputs.subarray(e * train.width, (e + 1) * train.width), r * train.width);
      labels[r] = train.labels[e];
    }
    forward(net, cache);
    softmaxCrossEntropyForward(cache.output, labels, probs);
    softmaxCrossEntropyBackward(probs, labels, cache.dOutput!);
    backward(net, cache, cache.dOutput!);
    diverged = optimizer.step() >= 0;
  }
  // A diverged network is evaluated as it stands (its non-finite logits pick class 0): no number is made up.
  const onTrain = evaluate(net, train), onTest = evaluate(net, test);
  return { index: cell.index, testAccuracy: onTest.accuracy, trainAccuracy: onTrain.accuracy, trainLoss: onTrain.loss, diverged };
}
