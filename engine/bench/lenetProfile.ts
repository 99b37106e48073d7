import { denseBackward, denseForward } from '../ops/dense.ts';
import { createRng } from '../rng.ts';
import { normalTensor } from '../testing/random.ts';
import { zerosTensor } from '../tensor.ts';
import { C1, C2, K, lenetMacsPerImage } from './lenetData.ts';
import { PHASES, cpuMs, type LenetNet } from './lenetNet.ts';
import type { CnnWorkload } from './workloads.ts';

/** One layer's (or a stand-in's) median ms per step and the flops it does in that time. */
export interface LayerFigure {
  readonly name: string;
  readonly ms: number;
  readonly flops: number;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];

/**
 * The engine's conv layers against its dense layers on comparable work. From profiled W4 steps:
 * conv1 (forward + weight gradient: 2 products), conv2 (3), the three dense layers (3 each). And
 * engine/ops/dense.ts alone on the conv layers' products (rows = batch x output pixels, fanIn =
 * C_in kh kw, fanOut = C_out; the same 2 or 3 products): what a conv layer would cost if its patch
 * copies and layout changes were free. Medians over `blocks` blocks of `steps` steps each, in
 * this process's CPU time (the shared cores' other jobs would inflate wall time unevenly).
 */
export function profileLenetLayers(w: CnnWorkload, net: LenetNet, blocks = 5, steps = 10): LayerFigure[] {
  const macs = lenetMacsPerImage(w).map((m) => m * w.batch);
  const phases: number[][] = PHASES.map(() => []);
  net.profiling = true;
  for (let r = 0; r < blocks; r++) {
    net.phaseMs.fill(0);
    for (let i = 0; i < steps; i++) net.step(i & 1);
    PHASES.forEach((_, p) => phases[p].push(net.phaseMs[p] / steps));
  }
  net.profiling = false;
  const rng = createRng(3);
  const standIn = (rows: number, k: number, out: number, withDx: boolean): number => {
    const x = normalTensor(rng, [rows, k]), wt = normalTensor(rng, [k, out], 0.1), b = zerosTensor([out]);
    const y = zerosTensor([rows, out]), dy = normalTensor(rng, [rows, out]), dx = zerosTensor([rows, k]);
    const dw = zerosTensor([k, out]), db = zerosTensor([out]), scratch = new Float32Array(k * out);
    const run = () => {
      denseForward(x, wt, b, y);
      denseBackward(x, wt, dy, withDx ? dx : null, dw, db, scratch);
    };
    for (let i = 0; i < 5; i++) run();
    const times: number[] = [];
    for (let r = 0; r < blocks; r++) {
      const t0 = cpuMs();
      for (let i = 0; i < steps; i++) run();
      times.push((cpuMs() - t0) / steps);
    }
    return median(times);
  };
  const size = w.size, size2 = size / 2 - K + 1;
  return [
    { name: 'conv1 (fwd + dW)', ms: median(phases[0]), flops: 2 * 2 * macs[0] },
    { name: 'conv2 (fwd + dW + dx)', ms: median(phases[1]), flops: 3 * 2 * macs[1] },
    { name: 'dense x3 in the step', ms: median(phases[2]), flops: 3 * 2 * (macs[2] + macs[3] + macs[4]) },
    { name: "dense on conv1's product", ms: standIn(w.batch * size * size, K * K, C1, false), flops: 2 * 2 * macs[0] },
    { name: "dense on conv2's product", ms: standIn(w.batch * size2 * size2, C1 * K * K, C2, true), flops: 3 * 2 * macs[1] },
    { name: 'relu, pool', ms: median(phases[3]), flops: 0 },
    { name: 'loss, sgd', ms: median(phases[4]) + median(phases[5]), flops: 0 },
  ];
}
