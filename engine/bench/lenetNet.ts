import { conv2dBackward, conv2dForward, conv2dSpec, createConv2dWorkspace } from '../ops/conv2d.ts';
import { denseBackward, denseForward } from '../ops/dense.ts';
import { flattenView, unflattenView } from '../ops/flatten.ts';
import { maxPool2dBackward, maxPool2dForward, pool2dSpec } from '../ops/pool2d.ts';
import { reluBackward, reluForward } from '../ops/relu.ts';
import { softmaxCrossEntropyBackward, softmaxCrossEntropyForward } from '../ops/softmaxCrossEntropy.ts';
import { tensorFrom, zerosTensor, type Tensor } from '../tensor.ts';
import { C1, C2, DENSE, K, type LenetData, type LenetShape } from './lenetData.ts';

/**
 * A LeNet-5 training step wired by hand from the ops (the model layer is built elsewhere): conv 5x5
 * 1->6 pad 2, ReLU, max pool 2, conv 5x5 6->16, ReLU, max pool 2, flatten, dense 400->120->84->10
 * with ReLUs, softmax cross-entropy (mean over the batch), backward, plain SGD. Every buffer is
 * allocated here, once; a step allocates nothing. With profiling on, each step adds the CPU time of
 * its phases to phaseMs (conv layers forward + backward, dense products, ReLU + pooling, loss, SGD):
 * process CPU time, so other processes on the shared cores do not inflate it; reading it allocates.
 */
export const PHASES = ['conv1', 'conv2', 'dense', 'relu, pool', 'loss', 'sgd'] as const;

/** This process's CPU milliseconds (user + system). */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export interface LenetNet {
  /** One step on batch b (0 or 1); returns the loss before the update. */
  step(b: number): number;
  readonly params: Tensor[];
  readonly phaseMs: Float64Array;
  profiling: boolean;
}

export function createLenetNet(shape: LenetShape, data: LenetData): LenetNet {
  const { batch, size, learningRate: lr } = shape;
  const half = size / 2, size2 = half - K + 1, pooled = size2 / 2;
  const z = (s: readonly number[]) => zerosTensor(s);
  const xs = data.inputs.map((d) => tensorFrom([batch, 1, size, size], d));
  const spec1 = conv2dSpec({ inChannels: 1, outChannels: C1, kernel: K, padding: 2 }), spec2 = conv2dSpec({ inChannels: C1, outChannels: C2, kernel: K });
  const ws1 = createConv2dWorkspace(spec1, size, size, batch), ws2 = createConv2dWorkspace(spec2, half, half, batch);
  const pool = pool2dSpec({ kernel: 2 });
  const paramShapes = [[C1, 1, K, K], [C1], [C2, C1, K, K], [C2], [DENSE[0], DENSE[1]], [DENSE[1]], [DENSE[1], DENSE[2]], [DENSE[2]], [DENSE[2], shape.classes], [shape.classes]];
  const params = paramShapes.map((s, i) => tensorFrom(s, data.params[i]));
  const grads = paramShapes.map((s) => z(s));
  const [w1, b1, w2, b2] = params, [dw1, db1, dw2, db2] = grads;
  const dense = [0, 1, 2].map((l) => ({ w: params[4 + 2 * l], b: params[5 + 2 * l], dw: grads[4 + 2 * l], db: grads[5 + 2 * l], scratch: new Float32Array(params[4 + 2 * l].data.length) }));
  const c1 = z([batch, C1, size, size]), r1 = z(c1.shape), p1 = z([batch, C1, half, half]), arg1 = new Int32Array(p1.data.length);
  const c2 = z([batch, C2, size2, size2]), r2 = z(c2.shape), p2 = z([batch, C2, pooled, pooled]), arg2 = new Int32Array(p2.data.length);
  const flat = flattenView(p2);
  const h = [z([batch, DENSE[1]]), z([batch, DENSE[2]]), z([batch, shape.classes])], a = [z([batch, DENSE[1]]), z([batch, DENSE[2]])];
  const probs = z([batch, shape.classes]);
  const dh = [z([batch, DENSE[1]]), z([batch, DENSE[2]]), z([batch, shape.classes])], da = [z([batch, DENSE[1]]), z([batch, DENSE[2]])], dFlat = z([batch, DENSE[0]]);
  const dp2 = unflattenView(dFlat, p2.shape), dr2 = z(r2.shape), dc2 = z(c2.shape);
  const dp1 = z(p1.shape), dr1 = z(r1.shape), dc1 = z(c1.shape);

  const phaseMs = new Float64Array(PHASES.length);
  const last = new Float64Array(1); // not a closure variable: a double there is boxed on every write
  const net: LenetNet = { step, params, phaseMs, profiling: false };
  function mark(phase: number): void {
    if (!net.profiling) return;
    const t = cpuMs();
    phaseMs[phase] += t - last[0];
    last[0] = t;
  }
  function sgd(p: Tensor, g: Tensor): void {
    const pd = p.data, gd = g.data;
    for (let i = 0; i < pd.length; i++) pd[i] -= lr * gd[i];
  }

  function step(b: number): number {
    const x = xs[b], labels = data.labels[b];
    if (net.profiling) last[0] = cpuMs();
    conv2dForward(x, w1, b1, c1, ws1); mark(0);
    reluForward(c1, r1); maxPool2dForward(r1, pool, p1, arg1); mark(3);
    conv2dForward(p1, w2, b2, c2, ws2); mark(1);
    reluForward(c2, r2); maxPool2dForward(r2, pool, p2, arg2); mark(3);
    denseForward(flat, dense[0].w, dense[0].b, h[0]); mark(2);
    reluForward(h[0], a[0]); mark(3);
    denseForward(a[0], dense[1].w, dense[1].b, h[1]); mark(2);
    reluForward(h[1], a[1]); mark(3);
    denseForward(a[1], dense[2].w, dense[2].b, h[2]); mark(2);
    const loss = softmaxCrossEntropyForward(h[2], labels, probs);
    softmaxCrossEntropyBackward(probs, labels, dh[2]); mark(4);
    denseBackward(a[1], dense[2].w, dh[2], da[1], dense[2].dw, dense[2].db, dense[2].scratch); mark(2);
    reluBackward(h[1], a[1], da[1], dh[1]); mark(3);
    denseBackward(a[0], dense[1].w, dh[1], da[0], dense[1].dw, dense[1].db, dense[1].scratch); mark(2);
    reluBackward(h[0], a[0], da[0], dh[0]); mark(3);
    denseBackward(flat, dense[0].w, dh[0], dFlat, dense[0].dw, dense[0].db, dense[0].scratch); mark(2);
    maxPool2dBackward(dp2, arg2, dr2); reluBackward(c2, r2, dr2, dc2); mark(3);
    conv2dBackward(p1, w2, dc2, dp1, dw2, db2, ws2); mark(1);
    maxPool2dBackward(dp1, arg1, dr1); reluBackward(c1, r1, dr1, dc1); mark(3);
    conv2dBackward(x, w1, dc1, null, dw1, db1, ws1); mark(0);
    for (let i = 0; i < params.length; i++) sgd(params[i], grads[i]);
    mark(5);
    return loss;
  }
  return net;
}
