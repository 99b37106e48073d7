/**
 * npx tsx engine/bench/lenet.ts [--rounds 7]
 *
 * The engine's W4 step alone (lenetNet.ts: LeNet-5 on 28x28 at batch 32, ReLU and max pooling,
 * plain SGD), for profiling (node --cpu-prof --import tsx engine/bench/lenet.ts): the median ms per
 * step (CPU time of this process) and the share of each phase. `npm run bench` compares it with
 * tfjs and ConvNetJS. Figures only.
 */
import { parseArgs } from 'node:util';
import { makeLenetData } from './lenetData.ts';
import { PHASES, createLenetNet } from './lenetNet.ts';
import { WORKLOADS, type CnnWorkload } from './workloads.ts';

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '7' } } });
const w = WORKLOADS.find((x): x is CnnWorkload => x.kind === 'cnn')!;
const net = createLenetNet(w, makeLenetData(w));

let first = 0, loss = 0;
for (let i = 0; i < 50; i++) loss = net.step(i & 1); // warm-up
first = loss;
const perStep: number[] = [];
for (let r = 0; r < Number(args.rounds); r++) {
  const c0 = process.cpuUsage();
  for (let i = 0; i < 20; i++) loss = net.step(i & 1);
  const c = process.cpuUsage(c0);
  perStep.push((c.user + c.system) / 1000 / 20);
}
net.profiling = true;
for (let i = 0; i < 100; i++) net.step(i & 1);
const total = net.phaseMs.reduce((s, v) => s + v, 0);
perStep.sort((p, q) => p - q);
console.log(`LeNet-5 step, 28x28, batch 32: ${perStep[perStep.length >> 1].toFixed(2)} ms CPU (median of ${perStep.length} x 20 steps); loss ${first.toFixed(3)} -> ${loss.toFixed(3)}`);
console.log('  ' + PHASES.map((name, p) => `${name} ${((100 * net.phaseMs[p]) / total).toFixed(0)}%`).join(', '));
