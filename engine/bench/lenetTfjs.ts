import * as tf from '@tensorflow/tfjs-core';
import { C1, C2, DENSE, FEATURES, K, channelsLastFeatureOrder, oihwToHwio, type LenetData } from './lenetData.ts';
import type { MlpTrainer } from './types.ts';
import type { CnnWorkload } from './workloads.ts';

/**
 * W4 on tfjs-core (backend set by setupTfjs): NHWC images (one channel, so the NCHW data as it
 * stands), filters [kh][kw][in][out], conv2d + bias + relu, maxPool 2, reshape, matMul + bias,
 * tf.losses.softmaxCrossEntropy (mean), trained with tf.train.sgd(lr).minimize. The reshape of
 * channels-last pool 2 orders features (y 5 + x) 16 + c, so the first dense weight's rows are
 * permuted (channelsLastFeatureOrder) on the way in and back on the way out.
 */
export function createTfjsLenetTrainer(w: CnnWorkload, data: LenetData): MlpTrainer {
  const p = data.params, order = channelsLastFeatureOrder();
  const permuteRows = (src: Float32Array, cols: number, back: boolean): Float32Array => {
    const dst = new Float32Array(src.length);
    order.forEach((row, f) => {
      if (back) dst.set(src.subarray(f * cols, (f + 1) * cols), row * cols);
      else dst.set(src.subarray(row * cols, (row + 1) * cols), f * cols);
    });
    return dst;
  };
  const v = <R extends tf.Rank>(t: tf.Tensor<R>, name: string): tf.Variable<R> => tf.variable(t, true, name);
  const f1 = v(tf.tensor4d(oihwToHwio(p[0], C1, 1), [K, K, 1, C1]), 'f1'), b1 = v(tf.tensor1d(p[1]), 'b1');
  const f2 = v(tf.tensor4d(oihwToHwio(p[2], C2, C1), [K, K, C1, C2]), 'f2'), b2 = v(tf.tensor1d(p[3]), 'b2');
  const widths = [FEATURES, DENSE[1], DENSE[2], w.classes];
  const dw = [0, 1, 2].map((l) => v(tf.tensor2d(l === 0 ? permuteRows(p[4], widths[1], false) : p[4 + 2 * l], [widths[l], widths[l + 1]]), `d${l}`));
  const db = [0, 1, 2].map((l) => v(tf.tensor1d(p[5 + 2 * l]), `db${l}`));
  const xs = data.inputs.map((d) => tf.tensor4d(d, [w.batch, w.size, w.size, 1]));
  const oneHots = data.labels.map((l) => tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(l, 'int32'), w.classes), 'float32')));
  const optimizer = tf.train.sgd(w.learningRate);
  let b = 0;
  const loss = (): tf.Scalar => {
    let h: tf.Tensor4D = tf.relu(tf.add(tf.conv2d(xs[b], f1, 1, 'same'), b1));
    h = tf.maxPool(h, 2, 2, 'valid');
    h = tf.maxPool(tf.relu(tf.add(tf.conv2d(h, f2, 1, 'valid'), b2)), 2, 2, 'valid');
    let a: tf.Tensor = tf.reshape(h, [w.batch, FEATURES]);
    for (let l = 0; l < 2; l++) a = tf.relu(tf.add(tf.matMul(a, dw[l]), db[l]));
    const logits = tf.add(tf.matMul(a, dw[2]), db[2]);
    return tf.losses.softmaxCrossEntropy(oneHots[b], logits) as tf.Scalar;
  };
  let steps = 0;
  return {
    step(wantLoss: boolean): number {
      b = steps++ & 1;
      const cost = optimizer.minimize(loss, wantLoss);
      if (!cost) return NaN;
      const value = cost.dataSync()[0];
      cost.dispose();
      return value;
    },
    sync(): void {
      db[2].dataSync();
    },
    parameters(): Float32Array[] {
      const read = (t: tf.Tensor) => Float32Array.from(t.dataSync());
      return [
        oihwToHwio(read(f1), C1, 1, true), read(b1), oihwToHwio(read(f2), C2, C1, true), read(b2),
        permuteRows(read(dw[0]), widths[1], true), read(db[0]), read(dw[1]), read(db[1]), read(dw[2]), read(db[2]),
      ];
    },
    dispose(): void {
      tf.dispose([f1, b1, f2, b2, ...dw, ...db, ...xs, ...oneHots]);
      optimizer.dispose();
    },
  };
}
