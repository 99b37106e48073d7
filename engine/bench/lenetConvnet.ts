import convnetjs, { type Layer, type Vol } from 'convnetjs';
import { C1, C2, FEATURES, K, channelsLastFeatureOrder, type LenetData } from './lenetData.ts';
import type { MlpTrainer } from './types.ts';
import type { CnnWorkload } from './workloads.ts';

/**
 * W4 on ConvNetJS 0.3.0: its own layers (conv with 'relu', pool = max, fc, softmax, which adds the
 * 10-unit fc) and its Trainer with method 'sgd', batch_size = the batch, momentum 0 and no decay:
 * per image a forward and a backward (gradients add up), then p -= lr sum / batch_size, which is
 * the engine's step on the mean loss. Its Vols are float64 and channels-last, w[(y sx + x) depth + d]:
 * a conv filter o holds w[o][c][i][j] at (i K + j) C_in + c; the first fc layer sees pool 2
 * channels-last, so its weights follow channelsLastFeatureOrder.
 */
export function createConvnetLenetTrainer(w: CnnWorkload, data: LenetData): MlpTrainer {
  const net = new convnetjs.Net();
  net.makeLayers([
    { type: 'input', out_sx: w.size, out_sy: w.size, out_depth: 1 },
    { type: 'conv', sx: K, filters: C1, stride: 1, pad: 2, activation: 'relu' },
    { type: 'pool', sx: 2, stride: 2 },
    { type: 'conv', sx: K, filters: C2, stride: 1, pad: 0, activation: 'relu' },
    { type: 'pool', sx: 2, stride: 2 },
    { type: 'fc', num_neurons: 120, activation: 'relu' },
    { type: 'fc', num_neurons: 84, activation: 'relu' },
    { type: 'softmax', num_classes: w.classes },
  ]);
  const layers: Layer[] = net.layers.filter((l) => l.layer_type === 'conv' || l.layer_type === 'fc');
  if (layers.length !== 5) throw new Error(`ConvNetJS built ${layers.length} weighted layers, expected 5`);
  const featureOf = new Int32Array(FEATURES); // the channels-last feature of each NCHW-flatten row
  channelsLastFeatureOrder().forEach((row, f) => { featureOf[row] = f; });
  // Where each engine parameter of each layer lives: [filter, index within it] pairs, flattened.
  const convSlot = (inC: number) => (e: number): [number, number] => {
    const o = Math.floor(e / (inC * K * K)), c = Math.floor(e / (K * K)) % inC, ij = e % (K * K);
    return [o, ij * inC + c];
  };
  const fcSlot = (out: number, permute: boolean) => (e: number): [number, number] => {
    const row = Math.floor(e / out), i = e % out;
    return [i, permute ? featureOf[row] : row];
  };
  const slots = [convSlot(1), convSlot(C1), fcSlot(120, true), fcSlot(84, false), fcSlot(w.classes, false)];
  const slotTables = slots.map((slot, l) => Array.from({ length: data.params[2 * l].length }, (_, e) => slot(e)));
  layers.forEach((layer, l) => {
    slotTables[l].forEach(([f, at], e) => { layer.filters[f].w[at] = data.params[2 * l][e]; });
    layer.biases.w.set(data.params[2 * l + 1]);
  });
  const images: Vol[][] = data.inputs.map((input) => Array.from({ length: w.batch }, (_, n) => {
    const v = new convnetjs.Vol(w.size, w.size, 1, 0);
    v.w.set(input.subarray(n * w.size * w.size, (n + 1) * w.size * w.size));
    return v;
  }));
  const trainer = new convnetjs.Trainer(net, {
    method: 'sgd', learning_rate: w.learningRate, batch_size: w.batch, momentum: 0, l1_decay: 0, l2_decay: 0,
  });
  let steps = 0;
  return {
    step(): number {
      const b = steps++ & 1, labels = data.labels[b];
      let loss = 0;
      for (let n = 0; n < w.batch; n++) loss += trainer.train(images[b][n], labels[n]).cost_loss;
      return loss / w.batch;
    },
    sync(): void {},
    parameters(): Float32Array[] {
      return layers.flatMap((layer, l) => [
        Float32Array.from(slotTables[l], ([f, at]) => layer.filters[f].w[at]),
        Float32Array.from(layer.biases.w),
      ]);
    },
    dispose(): void {},
  };
}
