/**
 * npm run bench [-- --json FILE] [--rounds 3] [--quick] [--clock wall|cpu] [--workloads W1,W2,W3,W4]
 *                  [--only W4,convnetjs] [--tfjs-layer fused|plain] [--check-only]
 *
 * Times a training step (forward + backward + SGD) of fixed MLPs and a LeNet-5 CNN, and a 512^3
 * product, on this engine, on tfjs-core + tfjs-backend-cpu, on tfjs-core + tfjs-backend-wasm (SIMD,
 * one thread) and, for the CNN, on ConvNetJS 0.3.0. --only keeps the named workloads and
 * implementations (the engine always runs: it is the reference). An implementation that cannot run
 * a workload (tfjs-wasm has no Conv2DBackpropFilter, so no CNN training) is reported with its
 * error and left out of the timing. First every implementation trains two SGD steps from identical weights and must agree
 * with the engine; then each implementation is timed in its own child process, in a rotated
 * order, after a warm-up, and the median ms per step over every timed block is quoted. Beside
 * the wall clock it prints the main thread's own on-CPU time (Linux schedstat), which stays
 * meaningful when other processes share the cores; --clock picks which one the JSON rows carry.
 * Prints figures only: a slow machine never makes this fail (a disagreement does).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { difference, initialParameters, maxRelativeDifference, parameterSizes } from './compare.ts';
import type { CheckResult, TimeResult, WorkerReport } from './worker.ts';
import { IMPLS, WORKLOADS, runs, workloadFlops, type Impl, type Workload } from './workloads.ts';
import type { LayerFigure } from './lenetProfile.ts';
import { reportLayers } from './lenetReport.ts';

/** Parameters after two steps must match the engine's to this relative tolerance (float32 rounding in a different order: ~1e-7..1e-6). */
const PARAM_TOLERANCE = 1e-5;
/** The two-step update itself (after - before) is a small difference of rounded numbers: looser. */
const UPDATE_TOLERANCE = 1e-3;
/** Loss before each step; W3's product, element-wise on the product's scale. */
const LOSS_TOLERANCE = 1e-5;
const PRODUCT_TOLERANCE = 1e-5;

const TARGETS = { speedupOverCpu: 7, speedupOverWasm: 1.9, matmulGflops: 5 };
/** W4: the engine's speed-up over each peer. */
const CNN_TARGETS: Partial<Record<Impl, number>> = { 'tfjs-cpu': 50, convnetjs: 4.5 };

const { values: args } = parseArgs({
  options: {
    json: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    quick: { type: 'boolean', default: false },
    workloads: { type: 'string', default: WORKLOADS.map((w) => w.name).join(',') },
    only: { type: 'string' },
    'tfjs-layer': { type: 'string', default: 'fused' },
    clock: { type: 'string', default: 'wall' },
    'check-only': { type: 'boolean', default: false },
  },
});

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const workerPath = join(repoRoot, 'engine/bench/worker.ts');
const onlyNames = args.only ? args.only.split(',') : [];
for (const name of onlyNames) {
  if (!WORKLOADS.some((w) => w.name === name) && !(IMPLS as readonly string[]).includes(name)) {
    throw new Error(`--only: unknown ${name}; known: ${[...WORKLOADS.map((w) => w.name), ...IMPLS].join(', ')}`);
  }
}
const onlyWorkloads = onlyNames.filter((n) => WORKLOADS.some((w) => w.name === n));
const workloads: Workload[] = (onlyWorkloads.length > 0 ? onlyWorkloads : args.workloads.split(',')).map((name) => {
  const w = WORKLOADS.find((x) => x.name === name);
  if (!w) throw new Error(`unknown workload ${name}; known: ${WORKLOADS.map((x) => x.name).join(', ')}`);
  return w;
});
const onlyImpls = IMPLS.filter((i) => onlyNames.includes(i));
const impls: Impl[] = IMPLS.filter((i) => (i === 'engine' || onlyImpls.length === 0 || onlyImpls.includes(i)) && workloads.some((w) => runs(i, w)));
/** What each implementation runs: set by the agreement check (a workload it failed to run is dropped). */
const planned = new Map<Impl, Workload[]>(impls.map((i) => [i, workloads.filter((w) => runs(i, w))]));
const rounds = args.quick ? 1 : Math.max(1, Number(args.rounds));
const timingArgs = args.quick
  ? ['--samples', '3', '--sample-ms', '100', '--warmup-ms', '300', '--budget-ms', '1000']
  : ['--samples', '7', '--sample-ms', '150', '--warmup-ms', '500', '--budget-ms', '4000'];
const dir = mkdtempSync(join(tmpdir(), 'layerscope-bench-'));

function runWorker(impl: Impl, task: 'check' | 'time', extra: string[] = []): Promise<void> {
  const argv = [
    '--import', 'tsx', workerPath, '--impl', impl, '--task', task, '--dir', dir,
    '--workloads', planned.get(impl)!.map((w) => w.name).join(','), '--tfjs-layer', args['tfjs-layer'], ...extra,
  ];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, argv, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`worker ${impl} --task ${task} exited with ${code}:\n${output}`));
    });
  });
}

function readReport<T>(impl: Impl, task: string): WorkerReport<T> {
  return JSON.parse(readFileSync(join(dir, `${impl}-${task}.json`), 'utf8')) as WorkerReport<T>;
}

function readFloats(file: string): Float32Array {
  // Copy: a Buffer's byteOffset need not be a multiple of 4.
  return new Float32Array(Uint8Array.from(readFileSync(file)).buffer);
}

const fmt = (x: number, digits = 1): string => x.toFixed(digits);
const sci = (x: number): string => x.toExponential(1);
const pad = (s: string, n: number): string => s.padEnd(n);
const lpad = (s: string, n: number): string => s.padStart(n);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

async function agreementCheck(): Promise<boolean> {
  for (const impl of impls) await runWorker(impl, 'check');
  const reports = new Map(impls.map((impl) => [impl, readReport<CheckResult>(impl, 'check')] as const));
  for (const impl of impls) console.log(`  ${pad(impl, 10)} ${reports.get(impl)!.about}`);
  console.log('\nAgreement with the engine, from identical weights (relative = max |x - engine| / max |engine|, worst tensor):');
  let ok = true;
  for (const w of workloads) {
    const ref = reports.get('engine')!.results.find((r) => r.workload === w.name)!;
    if (ref.error) {
      console.log(`  ${w.name}  engine FAILED: ${ref.error}`);
      ok = false;
      continue;
    }
    const refValues = readFloats(ref.file);
    for (const impl of impls.filter((i) => i !== 'engine' && runs(i, w))) {
      const mine = reports.get(impl)!.results.find((r) => r.workload === w.name)!;
      if (mine.error) {
        console.log(`  ${w.name}  ${pad(impl, 10)} cannot run it: ${mine.error}`);
        planned.set(impl, planned.get(impl)!.filter((x) => x !== w));
        continue;
      }
      const values = readFloats(mine.file);
      if (w.kind === 'matmul') {
        const rel = maxRelativeDifference(values, refValues, [refValues.length]);
        const pass = rel <= PRODUCT_TOLERANCE;
        ok &&= pass;
        console.log(`  ${w.name}  ${pad(impl, 10)} product ${sci(rel)}${lpad(pass ? 'ok' : `DISAGREES (tolerance ${sci(PRODUCT_TOLERANCE)})`, 48)}`);
        continue;
      }
      const sizes = parameterSizes(w);
      const initial = initialParameters(w);
      const paramRel = maxRelativeDifference(values, refValues, sizes);
      const updateRel = maxRelativeDifference(difference(values, initial), difference(refValues, initial), sizes);
      const lossRel = Math.max(...mine.losses.map((l, s) => Math.abs(l - ref.losses[s]) / Math.abs(ref.losses[s])));
      const pass = paramRel <= PARAM_TOLERANCE && updateRel <= UPDATE_TOLERANCE && lossRel <= LOSS_TOLERANCE;
      ok &&= pass;
      console.log(
        `  ${w.name}  ${pad(impl, 10)} params after 2 steps ${sci(paramRel)}   2-step update ${sci(updateRel)}`
        + `   losses ${sci(lossRel)}   ${pass ? 'ok' : 'DISAGREES'}`,
      );
    }
    if (w.kind !== 'matmul') console.log(`  ${w.name}  engine losses before steps 1 and 2: ${ref.losses.map((l) => l.toFixed(6)).join(', ')}`);
  }
  console.log(
    `  tolerances: params ${sci(PARAM_TOLERANCE)}, update ${sci(UPDATE_TOLERANCE)}, losses ${sci(LOSS_TOLERANCE)}, product ${sci(PRODUCT_TOLERANCE)}`,
  );
  return ok;
}

interface Row {
  workload: string;
  impl: Impl;
  msPerStep: number;
  gflops: number;
}

/** Medians of one workload and implementation on both clocks. */
interface Medians {
  workload: Workload;
  impl: Impl;
  wall: number;
  cpu: number;
}

interface Figures {
  wall: number[];
  cpu: number[];
  wait: number[];
}

type Clock = 'wall' | 'cpu';
const clock = args.clock as Clock;
if (clock !== 'wall' && clock !== 'cpu') throw new Error(`--clock must be wall or cpu, got ${args.clock}`);

async function timing(): Promise<Medians[]> {
  const figures = new Map<string, Figures>();
  const gc = new Map<Impl, { count: number; ms: number }>();
  const diverged: string[] = [];
  const layerRuns: LayerFigure[][] = [];
  const timed = impls.filter((i) => planned.get(i)!.length > 0);
  for (let r = 0; r < rounds; r++) {
    // Rotate the order so each implementation runs first, second and third equally often.
    const order = timed.map((_, i) => timed[(i + r) % timed.length]);
    process.stdout.write(`  round ${r + 1}/${rounds}: ${order.join(', ')} ...`);
    const t0 = performance.now();
    for (const impl of order) {
      await runWorker(impl, 'time', timingArgs);
      for (const result of readReport<TimeResult>(impl, 'time').results) {
        const key = `${result.workload}/${impl}`;
        const f = figures.get(key) ?? { wall: [], cpu: [], wait: [] };
        f.wall.push(...result.msPerStep);
        f.cpu.push(...result.cpuMsPerStep);
        f.wait.push(...result.waitMsPerStep);
        figures.set(key, f);
        if (result.layers) layerRuns.push(result.layers);
        const trains = workloads.find((w) => w.name === result.workload)?.kind !== 'matmul';
        if (trains && !Number.isFinite(result.finalLoss)) diverged.push(`${result.workload}/${impl}`);
        const g = gc.get(impl) ?? { count: 0, ms: 0 };
        gc.set(impl, { count: g.count + result.gcCount, ms: g.ms + result.gcMs });
      }
    }
    console.log(` ${fmt((performance.now() - t0) / 1000)} s`);
  }

  const medians: Medians[] = [];
  console.log(
    `\n${pad('workload', 9)}${pad('impl', 11)}${lpad('ms/step', 10)}${lpad('(min..max)', 22)}${lpad('GFLOP/s', 9)}`
    + `${lpad('cpu ms/step', 13)}${lpad('waited', 8)}   engine speed-up: wall (cpu)`,
  );
  for (const w of workloads) {
    const flops = workloadFlops(w);
    const engine = figures.get(`${w.name}/engine`)!;
    for (const impl of timed.filter((i) => planned.get(i)!.includes(w))) {
      const f = figures.get(`${w.name}/${impl}`)!;
      const wall = median(f.wall), cpu = median(f.cpu);
      medians.push({ workload: w, impl, wall, cpu });
      const waited = f.wait.reduce((a, b) => a + b, 0) / f.wall.reduce((a, b) => a + b, 0);
      const range = `(${fmt(Math.min(...f.wall), 2)}..${fmt(Math.max(...f.wall), 2)})`;
      const speedup = impl === 'engine' ? '' : `${fmt(wall / median(engine.wall), 2)}x (${fmt(cpu / median(engine.cpu), 2)}x)`;
      console.log(
        `${pad(w.name, 9)}${pad(impl, 11)}${lpad(fmt(wall, 2), 10)}${lpad(range, 22)}${lpad(fmt(flops / (wall * 1e6), 2), 9)}`
        + `${lpad(fmt(cpu, 2), 13)}${lpad(`${fmt(100 * waited, 0)}%`, 8)}   ${speedup}`,
      );
    }
  }
  const blocks = (w: Workload, impl: Impl): number => figures.get(`${w.name}/${impl}`)?.wall.length ?? 0;
  console.log(
    `  ms/step: median wall-clock time of all timed blocks (${rounds} process(es) per implementation; blocks per median: `
    + `${workloads.map((w) => `${w.name} ${timed.map((i) => blocks(w, i)).join('/')}`).join(', ')}, in the order ${timed.join('/')}); GFLOP/s from it.`,
  );
  console.log(`  GFLOP/s counts the matrix products only (W4: conv and dense multiply-adds x 2 x 3): ${workloads.map((w) => `${w.name} ${fmt(workloadFlops(w) / 1e9, 3)} GFLOP`).join(', ')}.`);
  console.log('  cpu ms/step: median on-CPU time of the main thread (Linux schedstat); waited: share of the wall time the main');
  console.log('  thread was runnable but had no CPU because other processes had them (wall figures are inflated by that much).');
  console.log(`  garbage collections inside timed blocks: ${timed.map((i) => `${i} ${gc.get(i)!.count} (${fmt(gc.get(i)!.ms, 1)} ms)`).join(', ')}`);
  if (diverged.length > 0) {
    console.log(`  WARNING: training diverged (non-finite loss) during timing in ${[...new Set(diverged)].join(', ')}: those figures time NaN arithmetic.`);
  }
  const worstWait = Math.max(...[...figures.values()].map((f) => f.wait.reduce((a, b) => a + b, 0) / f.wall.reduce((a, b) => a + b, 0)));
  if (worstWait > 0.05) {
    console.log(
      `  WARNING: the machine was busy (up to ${fmt(100 * worstWait, 0)}% of a block spent waiting for a CPU; load average now`
      + ` ${loadavg().map((x) => fmt(x, 2)).join(' ')}). Wall figures are unreliable; the cpu column is the better estimate`
      + `${clock === 'wall' ? ' (--clock cpu puts it in the JSON)' : ''}.`,
    );
  }
  if (layerRuns.length > 0) reportLayers(layerRuns);
  return medians;
}

function reportTargets(medians: Medians[]): void {
  const get = (w: Workload, impl: Impl): Medians | undefined => medians.find((r) => r.workload === w && r.impl === impl);
  const verdict = (value: number, target: number): string => (value >= target ? 'met' : 'missed');
  console.log('\nTargets on wall-clock medians, and on main-thread cpu medians (informational; never a failure):');
  for (const w of workloads) {
    const engine = get(w, 'engine')!;
    if (w.kind === 'matmul') {
      const wall = workloadFlops(w) / (engine.wall * 1e6), cpu = workloadFlops(w) / (engine.cpu * 1e6);
      console.log(
        `  ${w.name} engine ${fmt(wall, 2)} GFLOP/s wall, ${fmt(cpu, 2)} cpu  (target >= ${TARGETS.matmulGflops}:`
        + ` ${verdict(wall, TARGETS.matmulGflops)} on wall, ${verdict(cpu, TARGETS.matmulGflops)} on cpu)`,
      );
      continue;
    }
    const targets = w.kind === 'cnn'
      ? Object.entries(CNN_TARGETS) as [Impl, number][]
      : [['tfjs-cpu', TARGETS.speedupOverCpu], ['tfjs-wasm', TARGETS.speedupOverWasm]] as const;
    for (const [impl, target] of targets) {
      const other = get(w, impl);
      if (!other) {
        console.log(`  ${w.name} engine vs ${pad(impl, 9)} not timed (${impls.includes(impl) ? 'it cannot run this workload' : 'left out by --only'})`);
        continue;
      }
      const wall = other.wall / engine.wall, cpu = other.cpu / engine.cpu;
      console.log(
        `  ${w.name} engine vs ${pad(impl, 9)} ${lpad(fmt(wall, 2), 6)}x wall, ${lpad(fmt(cpu, 2), 6)}x cpu`
        + `  (target >= ${target}x: ${verdict(wall, target)} on wall, ${verdict(cpu, target)} on cpu)`,
      );
    }
  }
}

async function main(): Promise<number> {
  const cpu = cpus();
  console.log(`Layerscope bench: Node ${process.version}, ${process.platform} ${process.arch}, ${cpu[0]?.model ?? 'unknown CPU'} (${cpu.length} logical CPUs)`);
  console.log(`Workloads: ${workloads.map((w) => `${w.name} = ${w.description}`).join('; ')}\n`);
  console.log('Agreement check (each implementation in its own process):');
  if (!(await agreementCheck())) {
    console.error('\nBENCH FAILED: the implementations do not compute the same thing; no timing reported.');
    return 1;
  }
  if (args['check-only']) return 0;
  console.log(`\nTiming (${rounds} round(s); each implementation in its own process, order rotated; median ms over all timed blocks):`);
  const medians = await timing();
  reportTargets(medians);
  if (args.json) {
    const rows: Row[] = medians.map(({ workload, impl, wall, cpu }) => {
      const ms = clock === 'wall' ? wall : cpu;
      return { workload: workload.name, impl, msPerStep: ms, gflops: workloadFlops(workload) / (ms * 1e6) };
    });
    writeFileSync(args.json, JSON.stringify(rows, null, 2) + '\n');
    console.log(`\nWrote ${rows.length} rows (${clock === 'wall' ? 'wall-clock' : 'main-thread cpu'} medians) to ${args.json}`);
  }
  return 0;
}

try {
  process.exitCode = await main();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
