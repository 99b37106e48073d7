import type { ActivationName } from '../contract/names.ts';
import { createRng, deriveSeed } from '../rng.ts';
import { lenetMacsPerImage, type LenetShape } from './lenetData.ts';

/**
 * The fixed benchmark workloads and their data. Every implementation (engine, tfjs-cpu,
 * tfjs-wasm, ConvNetJS) starts from the very same float32 weights, inputs and labels made here
 * (W4's in lenetData.ts), so the agreement check can compare their parameters after two SGD steps
 * element by element.
 */

export const IMPLS = ['engine', 'tfjs-cpu', 'tfjs-wasm', 'convnetjs'] as const;
export type Impl = (typeof IMPLS)[number];

/** ConvNetJS runs the CNN only (the MLP rows keep their published figures in shared/PERFORMANCE.md). */
export function runs(impl: Impl, w: Workload): boolean {
  return impl !== 'convnetjs' || w.kind === 'cnn';
}

export interface MlpWorkload {
  readonly kind: 'mlp';
  readonly name: string;
  readonly description: string;
  readonly inputWidth: number;
  readonly hiddenLayers: number;
  readonly width: number;
  readonly activation: Extract<ActivationName, 'tanh' | 'relu'>;
  readonly batch: number;
  readonly classes: number;
  /**
   * Plain SGD step size: small enough that hundreds of timed steps on one fixed batch stay finite
   * (W2 at 0.1 overflows to NaN within 3 steps, and timing NaN arithmetic would say nothing).
   */
  readonly learningRate: number;
}

export interface MatmulWorkload {
  readonly kind: 'matmul';
  readonly name: string;
  readonly description: string;
  readonly m: number;
  readonly k: number;
  readonly n: number;
}

/** A LeNet-5-style CNN (lenetData.ts, lenetNet.ts): ReLU and 2x2 max pooling, what ConvNetJS has natively. */
export interface CnnWorkload extends LenetShape {
  readonly kind: 'cnn';
  readonly name: string;
  readonly description: string;
}

export type Workload = MlpWorkload | MatmulWorkload | CnnWorkload;

export const WORKLOADS: readonly Workload[] = [
  {
    kind: 'mlp', name: 'W1', description: 'MLP 10 x 256 tanh, batch 128, input 256, 10-class softmax CE',
    inputWidth: 256, hiddenLayers: 10, width: 256, activation: 'tanh', batch: 128, classes: 10, learningRate: 0.01,
  },
  {
    kind: 'mlp', name: 'W2', description: 'MLP 50 x 64 ReLU, batch 64, input 64, 10-class softmax CE',
    inputWidth: 64, hiddenLayers: 50, width: 64, activation: 'relu', batch: 64, classes: 10, learningRate: 0.01,
  },
  { kind: 'matmul', name: 'W3', description: 'matmul 512 x 512 x 512', m: 512, k: 512, n: 512 },
  {
    kind: 'cnn', name: 'W4',
    description: 'LeNet-5 28x28 batch 32: conv 5x5 1->6 pad 2, ReLU, max pool 2, conv 5x5 6->16, ReLU, max pool 2, dense 120, 84, 10 (ReLU), softmax CE',
    batch: 32, size: 28, classes: 10, learningRate: 0.01,
  },
];

/** Layer widths from input to logits: [inputWidth, width, ..., width, classes]. */
export function mlpWidths(w: MlpWorkload): number[] {
  return [w.inputWidth, ...Array.from({ length: w.hiddenLayers }, () => w.width), w.classes];
}

/**
 * Nominal floating-point operations of one training step: the three matrix products of every
 * dense layer (forward x W, weight gradient x^T dy, input gradient dy W^T; 2 flops per
 * multiply-add), less the first layer's input gradient, which no implementation needs.
 * Element-wise work (bias, activation, softmax, SGD) is left out: it is O(batch * width).
 * The same count is used for every implementation, so GFLOP/s ratios equal time ratios.
 * W4 counts every conv and dense layer's forward multiply-adds x 2 flops x 3 products, the first
 * conv's unneeded input gradient included (80.0 MFLOP; without it 72.4).
 */
export function workloadFlops(w: Workload): number {
  if (w.kind === 'matmul') return 2 * w.m * w.k * w.n;
  if (w.kind === 'cnn') return 3 * 2 * w.batch * lenetMacsPerImage(w).reduce((a, b) => a + b, 0);
  const widths = mlpWidths(w);
  let flops = 0;
  for (let l = 0; l + 1 < widths.length; l++) {
    const products = l === 0 ? 2 : 3;
    flops += products * 2 * w.batch * widths[l] * widths[l + 1];
  }
  return flops;
}

export interface MlpData {
  /** Per layer (hidden layers then the output layer), stored fanIn x fanOut: y = x W + b. */
  readonly weights: Float32Array[];
  readonly biases: Float32Array[];
  readonly input: Float32Array;
  readonly labels: Int32Array;
}

const SEED = 20240611;

/**
 * Deterministic weights: He normal (std sqrt(2 / fanIn), He et al. 2015) before ReLU, Glorot
 * normal (std sqrt(2 / (fanIn + fanOut)), Glorot & Bengio 2010) before tanh and for the
 * logits, so both deep stacks keep their signal alive through two SGD steps. Biases are small
 * and non-zero so that their gradients are exercised by the agreement check.
 */
export function makeMlpData(w: MlpWorkload): MlpData {
  const widths = mlpWidths(w);
  const weightRng = createRng(deriveSeed(SEED, 0));
  const weights: Float32Array[] = [];
  const biases: Float32Array[] = [];
  for (let l = 0; l + 1 < widths.length; l++) {
    const fanIn = widths[l], fanOut = widths[l + 1];
    const isOutput = l + 1 === widths.length - 1;
    const std = !isOutput && w.activation === 'relu' ? Math.sqrt(2 / fanIn) : Math.sqrt(2 / (fanIn + fanOut));
    const weight = new Float32Array(fanIn * fanOut);
    for (let i = 0; i < weight.length; i++) weight[i] = std * weightRng.normal();
    const bias = new Float32Array(fanOut);
    for (let i = 0; i < fanOut; i++) bias[i] = 0.01 * weightRng.normal();
    weights.push(weight);
    biases.push(bias);
  }
  const dataRng = createRng(deriveSeed(SEED, 1));
  const input = new Float32Array(w.batch * w.inputWidth);
  for (let i = 0; i < input.length; i++) input[i] = dataRng.normal();
  const labels = new Int32Array(w.batch);
  for (let i = 0; i < labels.length; i++) labels[i] = dataRng.nextUint32() % w.classes;
  return { weights, biases, input, labels };
}

export interface MatmulData {
  readonly a: Float32Array;
  readonly b: Float32Array;
}

export function makeMatmulData(w: MatmulWorkload): MatmulData {
  const rng = createRng(deriveSeed(SEED, 2));
  const a = new Float32Array(w.m * w.k);
  const b = new Float32Array(w.k * w.n);
  for (let i = 0; i < a.length; i++) a[i] = rng.normal();
  for (let i = 0; i < b.length; i++) b[i] = rng.normal();
  return { a, b };
}
