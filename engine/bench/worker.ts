/**
 * One implementation in its own process (spawned by run.ts; runnable alone for profiling):
 *   tsx engine/bench/worker.ts --impl engine|tfjs-cpu|tfjs-wasm|convnetjs --task check|time --dir DIR
 *     [--workloads W1,W2,W3,W4] [--samples 7] [--sample-ms 150] [--warmup-ms 500] [--budget-ms 4000]
 *     [--tfjs-layer fused|plain]
 * check: two SGD steps (and one product for W3) from the shared data; parameters go to
 *   DIR/<impl>-<workload>.f32, losses to DIR/<impl>-check.json; a workload this implementation
 *   cannot run (tfjs-wasm has no Conv2DBackpropFilter) is reported with its exact error instead.
 * time: per workload, warm up (at least 2 steps and --warmup-ms), then time up to --samples blocks
 *   of steps, each at least --sample-ms long, stopping early once 3 blocks are done and --budget-ms
 *   of timed work has passed (tfjs-cpu takes seconds per step); results to DIR/<impl>-time.json.
 *   The engine's W4 adds its per-layer figures (lenetProfile.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createEngineLenetTrainer, createEngineMatmul, createEngineTrainer } from './engineImpl.ts';
import { makeLenetData } from './lenetData.ts';
import { profileLenetLayers, type LayerFigure } from './lenetProfile.ts';
import type { MatmulRunner, MlpTrainer } from './types.ts';
import {
  IMPLS, WORKLOADS, makeMatmulData, makeMlpData,
  type CnnWorkload, type Impl, type MatmulWorkload, type MlpWorkload, type Workload,
} from './workloads.ts';

export interface CheckResult {
  readonly workload: string;
  /** Loss before each of the two steps (empty for W3). */
  readonly losses: number[];
  readonly file: string;
  /** Set when this implementation could not run the workload: the exception's message. */
  readonly error?: string;
}

export interface TimeResult {
  readonly workload: string;
  /** Wall-clock milliseconds per step (per product for W3), one value per timed block. */
  readonly msPerStep: number[];
  /** The main thread's own on-CPU milliseconds per step, per block (NaN where Linux schedstat is missing). */
  readonly cpuMsPerStep: number[];
  /** Milliseconds per step the main thread sat runnable but waiting for a CPU (other processes' load). */
  readonly waitMsPerStep: number[];
  readonly stepsPerBlock: number;
  readonly warmupSteps: number;
  /** Garbage collections that started inside the timed blocks, and their total pause. */
  readonly gcCount: number;
  readonly gcMs: number;
  /** Loss after all the timed steps (NaN for W3): must still be finite for the timing to mean anything. */
  readonly finalLoss: number;
  /** The engine's W4 only: per-layer ms per step and flops. */
  readonly layers?: LayerFigure[];
}

export interface WorkerReport<T> {
  readonly impl: Impl;
  readonly about: string;
  readonly results: T[];
}

const { values: args } = parseArgs({
  options: {
    impl: { type: 'string' },
    task: { type: 'string' },
    dir: { type: 'string' },
    workloads: { type: 'string', default: WORKLOADS.map((w) => w.name).join(',') },
    samples: { type: 'string', default: '7' },
    'sample-ms': { type: 'string', default: '150' },
    'warmup-ms': { type: 'string', default: '500' },
    'budget-ms': { type: 'string', default: '4000' },
    'tfjs-layer': { type: 'string', default: 'fused' },
  },
});

const impl = args.impl as Impl;
if (!IMPLS.includes(impl)) throw new Error(`--impl must be one of ${IMPLS.join(', ')}, got ${String(args.impl)}`);
if (args.task !== 'check' && args.task !== 'time') throw new Error(`--task must be check or time, got ${String(args.task)}`);
if (!args.dir) throw new Error('--dir is required');
const dir = args.dir;
const layerStyle = args['tfjs-layer'];
if (layerStyle !== 'fused' && layerStyle !== 'plain') throw new Error(`--tfjs-layer must be fused or plain, got ${layerStyle}`);
const selected = args.workloads.split(',').map((name) => {
  const w = WORKLOADS.find((x) => x.name === name);
  if (!w) throw new Error(`unknown workload ${name}; known: ${WORKLOADS.map((x) => x.name).join(', ')}`);
  return w;
});

const unsupported = (what: string) => (): never => { throw new Error(`${impl} does not run ${what} here`); };
let about = `engine (Float32 TypeScript), Node ${process.version}`;
let makeTrainer: (w: MlpWorkload) => MlpTrainer = (w) => createEngineTrainer(w, makeMlpData(w));
let makeMatmul: (w: MatmulWorkload) => MatmulRunner = (w) => createEngineMatmul(w, makeMatmulData(w));
let makeCnn: (w: CnnWorkload) => MlpTrainer = (w) => createEngineLenetTrainer(w, makeLenetData(w));
if (impl === 'convnetjs') {
  const convnet = await import('./lenetConvnet.ts');
  about = `ConvNetJS 0.3.0 (float64 Vols, its sgd Trainer), Node ${process.version}`;
  makeTrainer = unsupported('the MLPs');
  makeMatmul = unsupported('the product');
  makeCnn = (w) => convnet.createConvnetLenetTrainer(w, makeLenetData(w));
} else if (impl !== 'engine') {
  const tfjs = await import('./tfjsImpl.ts');
  const lenet = await import('./lenetTfjs.ts');
  about = await tfjs.setupTfjs(impl === 'tfjs-cpu' ? 'cpu' : 'wasm');
  about += `, ${layerStyle} dense layers (W4: plain ops), Node ${process.version}`;
  makeTrainer = (w) => tfjs.createTfjsTrainer(w, makeMlpData(w), layerStyle);
  makeMatmul = (w) => tfjs.createTfjsMatmul(w, makeMatmulData(w));
  makeCnn = (w) => lenet.createTfjsLenetTrainer(w, makeLenetData(w));
}
const trainerFor = (w: MlpWorkload | CnnWorkload): MlpTrainer => (w.kind === 'cnn' ? makeCnn(w) : makeTrainer(w));

function check(w: Workload): CheckResult {
  try {
    return checkOrThrow(w);
  } catch (e) {
    return { workload: w.name, losses: [], file: '', error: e instanceof Error ? e.message : String(e) };
  }
}

function checkOrThrow(w: Workload): CheckResult {
  const file = join(dir, `${impl}-${w.name}.f32`);
  if (w.kind === 'matmul') {
    const runner = makeMatmul(w);
    runner.run();
    runner.sync();
    writeFileSync(file, runner.result());
    runner.dispose();
    return { workload: w.name, losses: [], file };
  }
  const trainer = trainerFor(w);
  const losses = [trainer.step(true), trainer.step(true)];
  trainer.sync();
  const params = trainer.parameters();
  const flat = new Float32Array(params.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of params) {
    flat.set(p, offset);
    offset += p.length;
  }
  writeFileSync(file, flat);
  trainer.dispose();
  return { workload: w.name, losses, file };
}

const gcEntries: { start: number; duration: number }[] = [];
const gcObserver = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcEntries.push({ start: e.startTime, duration: e.duration });
});
gcObserver.observe({ entryTypes: ['gc'] });

/**
 * The main thread's scheduler statistics (Linux): nanoseconds on a CPU and nanoseconds runnable
 * but waiting for one. Unlike wall time, the first is not inflated when other processes compete
 * for the two cores; the second measures exactly that competition.
 */
const schedstatPath = `/proc/self/task/${process.pid}/schedstat`;
function schedstat(): [number, number] {
  try {
    const [run, wait] = readFileSync(schedstatPath, 'utf8').split(' ').map(Number);
    return [run, wait];
  } catch {
    return [Number.NaN, Number.NaN];
  }
}

async function time(w: Workload): Promise<TimeResult> {
  const samples = Number(args.samples);
  const sampleMs = Number(args['sample-ms']);
  const warmupMs = Number(args['warmup-ms']);
  const budgetMs = Number(args['budget-ms']);
  let run: () => void;
  let sync: () => void;
  let dispose: () => void;
  let loss = (): number => Number.NaN;
  let profile: (() => LayerFigure[]) | null = null;
  if (w.kind === 'matmul') {
    const runner = makeMatmul(w);
    run = () => runner.run();
    sync = () => runner.sync();
    dispose = () => runner.dispose();
  } else {
    const trainer = trainerFor(w);
    run = () => trainer.step(false);
    sync = () => trainer.sync();
    dispose = () => trainer.dispose();
    loss = () => trainer.step(true);
    if (w.kind === 'cnn' && 'net' in trainer) profile = () => profileLenetLayers(w, (trainer as ReturnType<typeof createEngineLenetTrainer>).net);
  }
  // Warm-up: at least 2 steps and warmupMs, so the JIT (or the wasm tier-up) has settled.
  let warmupSteps = 0;
  const warmStart = performance.now();
  while (warmupSteps < 2 || performance.now() - warmStart < warmupMs) {
    run();
    warmupSteps++;
  }
  sync();
  const estimate = (performance.now() - warmStart) / warmupSteps;
  const stepsPerBlock = Math.max(1, Math.round(sampleMs / estimate));
  const msPerStep: number[] = [];
  const cpuMsPerStep: number[] = [];
  const waitMsPerStep: number[] = [];
  const windows: [number, number][] = [];
  let timedMs = 0;
  for (let s = 0; s < samples && (s < 3 || timedMs < budgetMs); s++) {
    const [run0, wait0] = schedstat();
    const t0 = performance.now();
    for (let i = 0; i < stepsPerBlock; i++) run();
    sync();
    const t1 = performance.now();
    const [run1, wait1] = schedstat();
    msPerStep.push((t1 - t0) / stepsPerBlock);
    cpuMsPerStep.push((run1 - run0) / 1e6 / stepsPerBlock);
    waitMsPerStep.push((wait1 - wait0) / 1e6 / stepsPerBlock);
    windows.push([t0, t1]);
    timedMs += t1 - t0;
  }
  const finalLoss = loss();
  const layers = profile ? profile() : undefined;
  dispose();
  await new Promise((resolve) => setTimeout(resolve, 20)); // let the gc observer deliver its entries
  const inTimed = gcEntries.filter((g) => windows.some(([a, b]) => g.start >= a && g.start < b));
  return {
    workload: w.name, msPerStep, cpuMsPerStep, waitMsPerStep, stepsPerBlock, warmupSteps,
    gcCount: inTimed.length, gcMs: inTimed.reduce((t, g) => t + g.duration, 0), finalLoss, layers,
  };
}

if (args.task === 'check') {
  const report: WorkerReport<CheckResult> = { impl, about, results: selected.map(check) };
  writeFileSync(join(dir, `${impl}-check.json`), JSON.stringify(report));
} else {
  const results: TimeResult[] = [];
  for (const w of selected) results.push(await time(w));
  const report: WorkerReport<TimeResult> = { impl, about, results };
  writeFileSync(join(dir, `${impl}-time.json`), JSON.stringify(report));
}
gcObserver.disconnect();
