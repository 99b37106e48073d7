/**
 * npx tsx engine/bench/lenet.ts [--rounds 7]
 *
 * One LeNet-5 training step on 28x28 images at batch 32, the W4 workload of shared/PERFORMANCE.md,
 * wired by hand from the ops (the model layer is built elsewhere): conv 5x5 1->6 pad 2, ReLU, max
 * pool 2, conv 5x5 6->16, ReLU, max pool 2, flatten, dense 400->120->84->10 with ReLUs, softmax
 * cross-entropy, backward, plain SGD. Prints the median ms per step (CPU time of this process) and
 * the share of each op. Figures only.
 */
import { parseArgs } from 'node:util';
import { createRng } from '../rng.ts';
import { zerosTensor, type Tensor } from '../tensor.ts';
import { conv2dBackward, conv2dForward, conv2dSpec, createConv2dWorkspace } from '../ops/conv2d.ts';
import { denseBackward, denseForward } from '../ops/dense.ts';
import { flattenView, unflattenView } from '../ops/flatten.ts';
import { maxPool2dBackward, maxPool2dForward, pool2dSpec } from '../ops/pool2d.ts';
import { reluBackward, reluForward } from '../ops/relu.ts';
import { softmaxCrossEntropyBackward, softmaxCrossEntropyForward } from '../ops/softmaxCrossEntropy.ts';
import { normalTensor } from '../testing/random.ts';

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '7' } } });
const BATCH = 32, LR = 0.01, rng = createRng(5);
const z = (shape: number[]) => zerosTensor(shape);
const he = (shape: number[], fanIn: number) => normalTensor(rng, shape, Math.sqrt(2 / fanIn));

const x = normalTensor(rng, [BATCH, 1, 28, 28]);
const labels = Int32Array.from({ length: BATCH }, (_, i) => i % 10);
const spec1 = conv2dSpec({ inChannels: 1, outChannels: 6, kernel: 5, padding: 2 }), spec2 = conv2dSpec({ inChannels: 6, outChannels: 16, kernel: 5 });
const ws1 = createConv2dWorkspace(spec1, 28, 28, BATCH), ws2 = createConv2dWorkspace(spec2, 14, 14, BATCH);
const pool = pool2dSpec({ kernel: 2 });
const w1 = he([6, 1, 5, 5], 25), b1 = z([6]), w2 = he([16, 6, 5, 5], 150), b2 = z([16]);
const dense = [[400, 120], [120, 84], [84, 10]].map(([i, o]) => ({ w: he([i, o], i), b: z([o]), dw: z([i, o]), db: z([o]), scratch: new Float32Array(i * o) }));
// Activations and their gradients, allocated once.
const c1 = z([BATCH, 6, 28, 28]), r1 = z(c1.shape as number[]), p1 = z([BATCH, 6, 14, 14]), arg1 = new Int32Array(p1.data.length);
const c2 = z([BATCH, 16, 10, 10]), r2 = z(c2.shape as number[]), p2 = z([BATCH, 16, 5, 5]), arg2 = new Int32Array(p2.data.length);
const flat = flattenView(p2);
const h = [z([BATCH, 120]), z([BATCH, 84]), z([BATCH, 10])], a = [z([BATCH, 120]), z([BATCH, 84])];
const probs = z([BATCH, 10]);
const dh = [z([BATCH, 120]), z([BATCH, 84]), z([BATCH, 10])], da = [z([BATCH, 120]), z([BATCH, 84])], dFlat = z([BATCH, 400]);
const dp2 = unflattenView(dFlat, p2.shape), dr2 = z(r2.shape as number[]), dc2 = z(c2.shape as number[]);
const dp1 = z(p1.shape as number[]), dr1 = z(r1.shape as number[]), dc1 = z(c1.shape as number[]);
const dw1 = z(w1.shape as number[]), db1 = z([6]), dw2 = z(w2.shape as number[]), db2 = z([16]);

const share: Record<string, number> = {};
let timing = false;
function timed(name: string, f: () => void): void {
  if (!timing) return f();
  const t0 = performance.now();
  f();
  share[name] = (share[name] ?? 0) + performance.now() - t0;
}
const sgd = (p: Tensor, g: Tensor) => { for (let i = 0; i < p.data.length; i++) p.data[i] -= LR * g.data[i]; };

let loss = 0;
function step(): void {
  timed('conv1', () => conv2dForward(x, w1, b1, c1, ws1));
  timed('relu, pool', () => { reluForward(c1, r1); maxPool2dForward(r1, pool, p1, arg1); });
  timed('conv2', () => conv2dForward(p1, w2, b2, c2, ws2));
  timed('relu, pool', () => { reluForward(c2, r2); maxPool2dForward(r2, pool, p2, arg2); });
  timed('dense', () => {
    denseForward(flat, dense[0].w, dense[0].b, h[0]); reluForward(h[0], a[0]);
    denseForward(a[0], dense[1].w, dense[1].b, h[1]); reluForward(h[1], a[1]);
    denseForward(a[1], dense[2].w, dense[2].b, h[2]);
    loss = softmaxCrossEntropyForward(h[2], labels, probs);
    softmaxCrossEntropyBackward(probs, labels, dh[2]);
    denseBackward(a[1], dense[2].w, dh[2], da[1], dense[2].dw, dense[2].db, dense[2].scratch); reluBackward(h[1], a[1], da[1], dh[1]);
    denseBackward(a[0], dense[1].w, dh[1], da[0], dense[1].dw, dense[1].db, dense[1].scratch); reluBackward(h[0], a[0], da[0], dh[0]);
    denseBackward(flat, dense[0].w, dh[0], dFlat, dense[0].dw, dense[0].db, dense[0].scratch);
  });
  timed('relu, pool', () => { maxPool2dBackward(dp2, arg2, dr2); reluBackward(c2, r2, dr2, dc2); });
  timed('conv2', () => conv2dBackward(p1, w2, dc2, dp1, dw2, db2, ws2));
  timed('relu, pool', () => { maxPool2dBackward(dp1, arg1, dr1); reluBackward(c1, r1, dr1, dc1); });
  timed('conv1', () => conv2dBackward(x, w1, dc1, null, dw1, db1, ws1));
  timed('sgd', () => {
    sgd(w1, dw1); sgd(b1, db1); sgd(w2, dw2); sgd(b2, db2);
    for (const d of dense) { sgd(d.w, d.dw); sgd(d.b, d.db); }
  });
}

for (let i = 0; i < 50; i++) step(); // warm-up
const first = loss;
const perStep: number[] = [];
for (let r = 0; r < Number(args.rounds); r++) {
  const c0 = process.cpuUsage();
  for (let i = 0; i < 20; i++) step();
  const c = process.cpuUsage(c0);
  perStep.push((c.user + c.system) / 1000 / 20);
}
timing = true;
for (let i = 0; i < 100; i++) step();
const total = Object.values(share).reduce((s, v) => s + v, 0);
perStep.sort((p, q) => p - q);
console.log(`LeNet-5 step, 28x28, batch 32: ${perStep[Math.floor(perStep.length / 2)].toFixed(2)} ms CPU (median of ${perStep.length} x 20 steps); loss ${first.toFixed(3)} -> ${loss.toFixed(3)}`);
console.log('  ' + Object.entries(share).map(([k, v]) => `${k} ${((100 * v) / total).toFixed(0)}%`).join(', '));
