/**
 * npx tsx engine/bench/conv.ts [--rounds 7]
 *
 * Times a convolution's forward + backward (dx, dWeight, dBias) two ways, im2col + GEMM
 * (engine/ops/conv2d.ts) and the direct loop of engine/bench/convDirect.ts, on LeNet-5-like shapes
 * and a 3x3 64 -> 64 on 8x8, and beside them the dense layer (engine/ops/dense.ts) on a product of
 * the same size (rows = batch x output pixels, fanIn = C_in kh kw, fanOut = C_out): GFLOP/s at
 * 2 flops per multiply-add, three products per step. First checks the two convolutions agree.
 * Medians over rounds, alternating the implementations; wall clock and this process's CPU time
 * (other jobs share the cores). Prints figures only, never fails on a slow machine.
 */
import { parseArgs } from 'node:util';
import { createRng } from '../rng.ts';
import { zerosTensor } from '../tensor.ts';
import { denseBackward, denseForward } from '../ops/dense.ts';
import { conv2dBackward, conv2dForward, conv2dSpec, createConv2dWorkspace, type Conv2dSpec } from '../ops/conv2d.ts';
import { normalTensor } from '../testing/random.ts';
import { conv2dDirectBackward, conv2dDirectForward, directGeometry } from './convDirect.ts';

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '7' } } });
const ROUNDS = Number(args.rounds);

const SHAPES: { name: string; spec: Conv2dSpec; batch: number; h: number; w: number }[] = [
  { name: 'LeNet conv1 5x5 1->6 pad 2, 28x28', spec: conv2dSpec({ inChannels: 1, outChannels: 6, kernel: 5, padding: 2 }), batch: 32, h: 28, w: 28 },
  { name: 'LeNet conv2 5x5 6->16, 14x14', spec: conv2dSpec({ inChannels: 6, outChannels: 16, kernel: 5 }), batch: 32, h: 14, w: 14 },
  { name: '3x3 64->64 pad 1, 8x8', spec: conv2dSpec({ inChannels: 64, outChannels: 64, kernel: 3, padding: 1 }), batch: 32, h: 8, w: 8 },
  // Not a measured choice: how the per-group products fare when each group has one channel.
  { name: 'depthwise 3x3, 32 channels, pad 1, 16x16', spec: conv2dSpec({ inChannels: 32, outChannels: 32, kernel: 3, padding: 1, groups: 32 }), batch: 32, h: 16, w: 16 },
];

interface Timing { wall: number; cpu: number }

/** Median ms per call of fn over ROUNDS blocks of `reps` calls. */
function time(fn: () => void, reps: number): Timing[] {
  const out: Timing[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const c0 = process.cpuUsage(), t0 = performance.now();
    for (let i = 0; i < reps; i++) fn();
    const t1 = performance.now(), c1 = process.cpuUsage(c0);
    out.push({ wall: (t1 - t0) / reps, cpu: (c1.user + c1.system) / 1000 / reps });
  }
  return out;
}
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

for (const { name, spec, batch, h, w } of SHAPES) {
  const rng = createRng(1);
  const ws = createConv2dWorkspace(spec, h, w, batch, 'im2col');
  const depthwise = spec.groups > 1 && spec.groups === spec.inChannels ? createConv2dWorkspace(spec, h, w, batch, 'depthwise') : null;
  const { outH, outW } = ws.geometry;
  const k = (spec.inChannels / spec.groups) * spec.kernelH * spec.kernelW, pixels = batch * outH * outW;
  const grouped = spec.groups > 1;
  const x = normalTensor(rng, [batch, spec.inChannels, h, w]);
  const weight = normalTensor(rng, [spec.outChannels, spec.inChannels / spec.groups, spec.kernelH, spec.kernelW], 1 / Math.sqrt(k));
  const bias = normalTensor(rng, [spec.outChannels], 0.1);
  const y = zerosTensor([batch, spec.outChannels, outH, outW]), dy = normalTensor(rng, y.shape);
  const dx = zerosTensor(x.shape), dW = zerosTensor(weight.shape), dB = zerosTensor(bias.shape);
  const g = grouped ? null : directGeometry(spec, batch, h, w);
  const yD = new Float32Array(y.data.length), dxD = new Float32Array(dx.data.length), dWD = new Float32Array(dW.data.length), dBD = new Float32Array(dB.data.length);
  const im2colStep = () => {
    conv2dForward(x, weight, bias, y, ws);
    conv2dBackward(x, weight, dy, dx, dW, dB, ws);
  };
  const firstLayerStep = () => {
    conv2dForward(x, weight, bias, y, ws);
    conv2dBackward(x, weight, dy, null, dW, dB, ws);
  };
  const y3 = zerosTensor(y.shape), dx3 = zerosTensor(dx.shape), dW3 = zerosTensor(dW.shape), dB3 = zerosTensor(dB.shape);
  const depthwiseStep = () => {
    if (!depthwise) return;
    conv2dForward(x, weight, bias, y3, depthwise);
    conv2dBackward(x, weight, dy, dx3, dW3, dB3, depthwise);
  };
  const directStep = () => {
    if (!g) return;
    conv2dDirectForward(x.data, weight.data, bias.data, yD, spec, g);
    conv2dDirectBackward(x.data, weight.data, dy.data, dxD, dWD, dBD, spec, g);
  };
  // The same products as a dense layer: rows = output pixels, fanIn = k, fanOut = C_out.
  const dx2 = normalTensor(rng, [pixels, k]), dw2 = normalTensor(rng, [k, spec.outChannels]), db2 = zerosTensor([spec.outChannels]);
  const dy2 = normalTensor(rng, [pixels, spec.outChannels]), y2 = zerosTensor(dy2.shape);
  const gx2 = zerosTensor(dx2.shape), gw2 = zerosTensor(dw2.shape), gb2 = zerosTensor(db2.shape), scratch = new Float32Array(k * spec.outChannels);
  const denseStep = () => {
    denseForward(dx2, dw2, db2, y2);
    denseBackward(dx2, dw2, dy2, gx2, gw2, gb2, scratch);
  };
  im2colStep();
  directStep();
  depthwiseStep();
  const worst = (a: Float32Array, b: Float32Array) => {
    let e = 0, s = 0;
    for (let i = 0; i < a.length; i++) { e = Math.max(e, Math.abs(a[i] - b[i])); s = Math.max(s, Math.abs(b[i])); }
    return e / s;
  };
  const agree = g ? Math.max(worst(yD, y.data), worst(dxD, dx.data), worst(dWD, dW.data), worst(dBD, dB.data))
    : depthwise ? Math.max(worst(y3.data, y.data), worst(dx3.data, dx.data), worst(dW3.data, dW.data), worst(dB3.data, dB.data)) : NaN;
  const flops = 3 * 2 * pixels * k * spec.outChannels;
  const reps = Math.max(1, Math.round(2e8 / flops));
  // A first layer skips dx: two products of three (the dense figure assumes all three).
  const steps: Record<string, { fn: () => void; flops: number }> = {
    im2col: { fn: im2colStep, flops },
    'im2col, dx null': { fn: firstLayerStep, flops: (2 * flops) / 3 },
    ...(g ? { direct: { fn: directStep, flops } } : {}),
    ...(depthwise ? { 'depthwise direct': { fn: depthwiseStep, flops } } : {}),
    ...(grouped ? {} : { dense: { fn: denseStep, flops } }),
  };
  const results: Record<string, Timing[]> = {};
  for (const key of Object.keys(steps)) {
    results[key] = [];
    time(steps[key].fn, reps); // warm-up
  }
  for (let r = 0; r < 3; r++) for (const key of Object.keys(steps)) results[key].push(...time(steps[key].fn, reps));
  console.log(`${name}, batch ${batch}: ${(flops / 1e6).toFixed(1)} MFLOP per forward + backward` + (Number.isNaN(agree) ? '' : `; im2col vs direct agree to ${agree.toExponential(1)} of the max`));
  for (const [impl, t] of Object.entries(results)) {
    const wall = median(t.map((v) => v.wall)), cpu = median(t.map((v) => v.cpu));
    console.log(`  ${impl.padEnd(16)} ${wall.toFixed(2).padStart(7)} ms wall  ${cpu.toFixed(2).padStart(7)} ms cpu  ${(steps[impl].flops / cpu / 1e6).toFixed(2).padStart(5)} GFLOP/s (cpu)`);
  }
}
