/**
 * The probe CLI on an `arch=` link: with --steps N, trains the architecture on the digits (as
 * 1x8x8 images) and prints the metrics, steps/s and per-unit statistics; without, probes it at
 * initialization on N(0, 1) images of `channels` x `size` x `size` with a seeded N(0, 1) gradient
 * at the output. Problems: exit code 2, one line each on stderr.
 */
import { toQuery, variantName, variantsOf, type Config } from '../contract/config.ts';
import { archNotApplied } from '../contract/applies.ts';
import { DATASETS } from '../contract/datasets.ts';
import { parametersFingerprint } from '../contract/fingerprint.ts';
import type { Digits } from '../data/digits.ts';
import { initOptionsOf } from '../experiment.ts';
import { initializeModules } from '../init/convInit.ts';
import { backward, createCache, forward } from '../model/network.ts';
import type { Shape } from '../model/shapes.ts';
import { createRng, deriveSeed } from '../rng.ts';
import { ARCH_STREAM } from '../rngStreams.ts';
import { zerosTensor } from '../tensor.ts';
import { buildArch } from './build.ts';
import { exportArch } from './export.ts';
import { resolveArch } from './named/index.ts';
import { unitStats } from './stats.ts';
import { ArchTrainer } from './trainer.ts';

/** The input images: an image set's own (digits 1x8x8, mnist and fashion 1x28x28), else size and channels, else the named network's own, else 3x224x224. */
export function archInput(config: Config): Shape | string {
  if (config.data !== 'none') {
    const shape = DATASETS[config.data].inputShape;
    if (shape.length === 3) return [...shape];
    return `arch= trains on images (data=digits, mnist or fashion) or probes synthetic ones (data=none), not on the 2D ${config.data} set`;
  }
  const own = resolveArch(config.arch).named?.input ?? [3, 224, 224];
  const size = config.size || own[1];
  return [config.channels || own[0], size, size];
}

export interface ArchRunOptions {
  readonly steps: number | null;
  readonly digits: Digits | null;
  readonly write: (text: string) => void;
  readonly problem: (text: string) => void;
  /** --export: receives the network at initialization (engine/arch/export.ts) as JSON. */
  readonly exportTo?: ((json: string) => void) | null;
}

export function runArchCli(config: Config, options: ArchRunOptions): number {
  const spec = resolveArch(config.arch).spec!;
  const input = archInput(config);
  if (typeof input === 'string') return fail(options, [input]);
  if (config.pretrain !== 'none') return fail(options, [`pretrain=${config.pretrain} pretrains the MLP of depth and width layer by layer; an arch= network is not pretrained (leave arch empty, or pretrain=none)`]);
  if (options.steps !== null) {
    if (config.data === 'none') return fail(options, ['--steps with arch= needs an image data set (data=digits, mnist or fashion)']);
    let trainer: ArchTrainer;
    try {
      trainer = new ArchTrainer(config, spec, input, options.digits);
    } catch (e) {
      return fail(options, [e instanceof Error ? e.message : String(e)]);
    }
    const started = performance.now();
    for (let i = 0; i < options.steps; i++) trainer.trainStep();
    const seconds = (performance.now() - started) / 1000;
    const metrics = trainer.summary();
    const stepsPerSecond = options.steps / Math.max(seconds, 1e-9);
    // The same fingerprint the page shows for this link paused at this step.
    const fingerprint = parametersFingerprint(trainer.params.map((p) => p.value));
    // Each A/B variant (vs) trained the same number of steps: what the page trains in lockstep.
    const variants: { query: string; metrics: ReturnType<ArchTrainer['summary']>; fingerprint: string }[] = [];
    for (const [i, variant] of variantsOf(config).entries()) {
      let run: ArchTrainer;
      try {
        run = new ArchTrainer(variant, resolveArch(variant.arch).spec!, input, options.digits); // its own network (vs=arch:...)
      } catch (e) {
        return fail(options, [`${variantName(config, i)}: ${e instanceof Error ? e.message : String(e)}`]);
      }
      for (let k = 0; k < options.steps && run.trainStep(); k++);
      variants.push({ query: toQuery(variant), metrics: run.summary(), fingerprint: parametersFingerprint(run.params.map((p) => p.value)) });
    }
    options.write(`${JSON.stringify({ arch: config.arch, input, params: paramCount(trainer), metrics, fingerprint, stepsPerSecond, ...(variants.length > 0 ? { variants } : {}), layers: unitStats(trainer.net, trainer.cache, true) }, null, 2)}\n`);
    if (options.exportTo) {
      options.exportTo(JSON.stringify(trainer.exportJson()));
      options.problem(`probe: wrote the export at step ${options.steps} (spec, module specs, the last batch [N][C][H][W], parameters in PyTorch's layout, running estimates)`);
    }
    options.problem(`probe: ${options.steps} steps in ${seconds.toFixed(2)} s (${stepsPerSecond.toFixed(1)} steps/s, training only); test accuracy ${(100 * metrics.testAccuracy).toFixed(1)}%`);
    for (const n of archNotApplied(config)) options.problem(`probe: ${n.key}=${n.value} not applied: ${n.why}`);
    return 0;
  }
  const built = buildArch(spec, input, null, config.batch);
  if (!built.net) return fail(options, [...built.problems]);
  const net = built.net, cache = createCache(net, config.batch);
  const rng = createRng(deriveSeed(config.seed, ARCH_STREAM.weights));
  for (let i = 0; i < cache.input.data.length; i++) cache.input.data[i] = rng.normal();
  initializeModules(net, config.init, createRng(deriveSeed(config.seed, ARCH_STREAM.weights)), initOptionsOf(config), config.bias, cache.input, config.gain * config.gain);
  forward(net, cache, 'batch');
  const dTop = zerosTensor(cache.output.shape), g = createRng(deriveSeed(config.seed, ARCH_STREAM.batches));
  for (let i = 0; i < dTop.data.length; i++) dTop.data[i] = g.normal();
  backward(net, cache, dTop);
  if (options.exportTo) {
    options.exportTo(JSON.stringify(exportArch(config.arch, net, built.specs, cache.input)));
    options.problem('probe: wrote the export (spec, module specs, input [N][C][H][W], parameters in PyTorch\'s layout)');
  }
  options.write(`${JSON.stringify({ arch: config.arch, input, params: built.report.totals.params, macs: built.report.totals.macs, output: cache.output.shape.slice(1), layers: unitStats(net, cache, true) }, null, 2)}\n`);
  return 0;
}

function paramCount(t: ArchTrainer): number {
  return t.params.reduce((n, p) => n + p.value.length, 0);
}

function fail(options: ArchRunOptions, problems: readonly string[]): number {
  for (const p of problems) options.problem(`probe: ${p}`);
  return 2;
}
