import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import type { MatmulRunner, MlpTrainer } from './types.ts';
import { mlpWidths, type MatmulData, type MatmulWorkload, type MlpData, type MlpWorkload } from './workloads.ts';

export type TfjsBackend = 'cpu' | 'wasm';
/** 'fused': tf.fused.matMul with the bias (and ReLU) folded in; 'plain': matMul, add, activation. */
export type TfjsLayerStyle = 'fused' | 'plain';

const require = createRequire(import.meta.url);

/**
 * Load one tfjs backend (single-threaded: tfjs-backend-wasm never uses threads in Node) and the
 * gradient definitions. tfjs-core's Node bundle registers no gradients, and its ESM gradient
 * module cannot be imported by Node as shipped (extensionless, directory-ambiguous imports), so
 * esbuild (already present under tsx) bundles it once; the bundle registers into tfjs's global
 * gradient registry and runs its ops on the one global engine.
 */
export async function setupTfjs(backend: TfjsBackend): Promise<string> {
  await registerAllGradients();
  if (backend === 'cpu') {
    await import('@tensorflow/tfjs-backend-cpu');
  } else {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // The .wasm binaries ship in the package's dist/; read them from disk, offline.
    const distDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
    wasm.setWasmPaths(distDir + '/');
  }
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} failed to initialise`);
  await tf.ready();
  const simd = backend === 'wasm' ? ` simd=${String(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'))}` : '';
  return `tfjs-core ${tf.version_core}, backend ${tf.getBackend()}${simd}`;
}

async function registerAllGradients(): Promise<void> {
  const { buildSync } = await import('esbuild');
  const entry = require.resolve('@tensorflow/tfjs-core/dist/register_all_gradients.js');
  const built = buildSync({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'error' });
  const dir = mkdtempSync(join(tmpdir(), 'layerscope-bench-'));
  try {
    const file = join(dir, 'register_all_gradients.mjs');
    writeFileSync(file, built.outputFiles[0].text);
    await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same MLP and loss as the engine's, trained with tf.train.sgd(lr).minimize. */
export function createTfjsTrainer(w: MlpWorkload, data: MlpData, style: TfjsLayerStyle): MlpTrainer {
  const widths = mlpWidths(w);
  const weights: tf.Variable[] = [];
  const biases: tf.Variable[] = [];
  for (let l = 0; l + 1 < widths.length; l++) {
    weights.push(tf.variable(tf.tensor2d(data.weights[l], [widths[l], widths[l + 1]]), true, `w${l}`));
    biases.push(tf.variable(tf.tensor1d(data.biases[l]), true, `b${l}`));
  }
  const x = tf.tensor2d(data.input, [w.batch, w.inputWidth]);
  const oneHot = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(data.labels, 'int32'), w.classes), 'float32'));
  const optimizer = tf.train.sgd(w.learningRate);
  const hidden = w.hiddenLayers;
  const relu = w.activation === 'relu';

  const loss = (): tf.Scalar => {
    let h: tf.Tensor = x;
    for (let l = 0; l < hidden; l++) {
      if (style === 'fused') {
        h = tf.fused.matMul({ a: h, b: weights[l], bias: biases[l], activation: relu ? 'relu' : 'linear' });
        if (!relu) h = tf.tanh(h);
      } else {
        const pre = tf.add(tf.matMul(h, weights[l]), biases[l]);
        h = relu ? tf.relu(pre) : tf.tanh(pre);
      }
    }
    const logits = style === 'fused'
      ? tf.fused.matMul({ a: h, b: weights[hidden], bias: biases[hidden] })
      : tf.add(tf.matMul(h, weights[hidden]), biases[hidden]);
    // Mean over the batch (SUM_BY_NONZERO_WEIGHTS with no weights), like the engine's loss.
    return tf.losses.softmaxCrossEntropy(oneHot, logits) as tf.Scalar;
  };

  return {
    step(wantLoss: boolean): number {
      const cost = optimizer.minimize(loss, wantLoss);
      if (!cost) return NaN;
      const value = cost.dataSync()[0];
      cost.dispose();
      return value;
    },
    sync(): void {
      // Kernels on the cpu and wasm backends run synchronously; reading a tiny tensor makes sure.
      biases[hidden].dataSync();
    },
    parameters(): Float32Array[] {
      return weights.flatMap((weight, l) => [
        Float32Array.from(weight.dataSync()), Float32Array.from(biases[l].dataSync()),
      ]);
    },
    dispose(): void {
      tf.dispose([...weights, ...biases, x, oneHot]);
      optimizer.dispose();
    },
  };
}

export function createTfjsMatmul(w: MatmulWorkload, data: MatmulData): MatmulRunner {
  const a = tf.tensor2d(data.a, [w.m, w.k]);
  const b = tf.tensor2d(data.b, [w.k, w.n]);
  let c: tf.Tensor | null = null;
  return {
    run(): void {
      c?.dispose();
      c = tf.matMul(a, b);
    },
    sync(): void {
      c?.dataSync();
    },
    result(): Float32Array {
      if (!c) throw new Error('createTfjsMatmul: run() first');
      return Float32Array.from(c.dataSync());
    },
    dispose(): void {
      tf.dispose([a, b]);
      c?.dispose();
    },
  };
}
