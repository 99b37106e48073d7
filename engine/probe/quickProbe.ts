/**
 * The quick look a slider gets while it moves: the probe of a plain stack on a batch of one or two
 * examples, in a few tens of milliseconds for 50 x 256 where even eight examples took hundreds.
 *
 * It is the probe's arithmetic reorganized, not a model of it. Each weight is scale x (raw draw)
 * (init/initializers.ts, scaleDraws), and the raw draws are cached (init/drawCache.ts), so the
 * product x W is computed as scale x (x D): the 3.3 million weights of a 50 x 256 net are never
 * formed for each new gain, and never written. The weight-gradient norm is ||X^T dY||_F^2 =
 * sum_ab (X X^T)_ab (dY dY^T)_ab, from B x B Gram matrices instead of the fanIn x fanOut gradient,
 * and ||W|| = scale ||D||. So the numbers are those of runProbe on the same examples up to float32
 * rounding (the weights are not rounded after scaling): tested against it to 1e-4.
 * The theory is the same recursion on a coarser grid (QUICK_PANELS; ~1e-6 from the full one for
 * the smooth activations). The examples are the first of the full batch, the same seeded stream.
 *
 * Plain stacks of random weights only (quickProbeSupported); anything else takes runProbe.
 */
export { quickProbeSupported };
import type { Config } from '../contract/config.ts';
import { fillInput, hiddenLayerSpecs, initOptionsOf, seededTopGradient, theoryOf, writeTheory } from '../experiment.ts';
import { cachedDraws } from '../init/drawCache.ts';
import { drawFamily, drawScale } from '../init/initializers.ts';
import { matmulAB, matmulABT } from '../kernels/matmul.ts';
import { buildNetwork, createCache, unitInput, type Cache, type Network } from '../model/network.ts';
import { createRng, deriveSeed } from '../rng.ts';
import { STREAM } from '../rngStreams.ts';
import { quickProbeSupported } from '../contract/quickSupport.ts';
import { STAT, STAT_COUNT, type ProbeData } from '../contract/probeLayout.ts';
import { measureLayers } from './measure.ts';

/** Simpson panels per side for the quick theory (the full probe uses theory.ts's PANELS, 2000). */
export const QUICK_PANELS = 200;

/** Below this many examples the quick probe leaves the dead-unit fraction out (NaN). */
export const DEAD_MIN_BATCH = 8;

/** The raw draws of one layer as the float32 matrix D (fanIn x fanOut, as W is stored) and ||D||^2. */
interface Unit {
  readonly matrix: Float32Array;
  readonly sumSq: number;
}

/** Each cached draw array's float32 layout, made once per draw array (the draw cache keeps it alive). */
const units = new WeakMap<Float64Array, Unit>();

function unitOf(draws: Float64Array, fanIn: number, fanOut: number, transposed: boolean): Unit {
  const known = units.get(draws);
  if (known) return known;
  const matrix = new Float32Array(fanIn * fanOut);
  if (transposed) {
    // orthogonal draws come fanOut x fanIn (PyTorch's layout); W stores them transposed
    for (let r = 0; r < fanOut; r++) for (let c = 0; c < fanIn; c++) matrix[c * fanOut + r] = draws[r * fanIn + c];
  } else matrix.set(draws);
  let sumSq = 0;
  for (let i = 0; i < matrix.length; i++) sumSq += matrix[i] * matrix[i];
  const unit = { matrix, sumSq };
  units.set(draws, unit);
  return unit;
}

/** The buffers of the newest shape: a network whose weights stay untouched (never paged in), and its cache. */
let buffers: { key: string; net: Network; cache: Cache } | null = null;

function buffersFor(config: Config): { net: Network; cache: Cache } {
  const key = `${config.depth}|${config.width}|${config.act}|${config.batch}`;
  if (buffers?.key !== key) {
    const net = buildNetwork(config.width, hiddenLayerSpecs(config, false));
    buffers = { key, net, cache: createCache(net, config.batch, { inputGradient: true }) };
  }
  return buffers;
}

/** sum_ab (A A^T)_ab (B B^T)_ab for A (rows x n), B (rows x m): ||A^T B||_F^2 without forming it. */
function gramProduct(a: Float32Array, n: number, b: Float32Array, m: number, rows: number): number {
  let total = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j <= i; j++) {
      let aa = 0, bb = 0;
      for (let t = 0; t < n; t++) aa += a[i * n + t] * a[j * n + t];
      for (let t = 0; t < m; t++) bb += b[i * m + t] * b[j * m + t];
      total += (i === j ? 1 : 2) * aa * bb;
    }
  }
  return total;
}

/** The probe of a supported config (see quickProbeSupported), its statistics and theory as runProbe's. */
export function quickProbe(config: Config): ProbeData {
  if (!quickProbeSupported(config)) throw new Error('quickProbe: a plain stack of random weights only');
  const { net, cache } = buffersFor(config);
  const family = drawFamily(config.init)!;
  const init = config.init as Exclude<Config['init'], 'zeros' | 'constant'>;
  const options = initOptionsOf(config);
  const shapes = net.units.map((u) => u.weight.shape as [number, number]);
  const draws = cachedDraws(deriveSeed(config.seed, STREAM.weights), family, shapes);
  const batch = config.batch;
  const depth = net.units.length;
  const scales = shapes.map(([fanIn, fanOut]) => drawScale(init, fanIn, fanOut, options));
  const unitList = shapes.map(([fanIn, fanOut], l) => unitOf(draws[l], fanIn, fanOut, family === 'orthogonal'));

  fillInput(cache.input, config.input, createRng(deriveSeed(config.seed, STREAM.input)));
  for (let l = 0; l < depth; l++) {
    const [fanIn, fanOut] = shapes[l];
    const tap = cache.taps[l];
    const x = unitInput(cache, l).data;
    const pre = tap.pre.data;
    matmulAB(x, unitList[l].matrix, pre, batch, fanIn, fanOut);
    const scale = scales[l], bias = config.bias;
    for (let i = 0; i < pre.length; i++) pre[i] = scale * pre[i] + bias;
    net.units[l].activation.forward(tap.pre, tap.post);
  }

  const weightSumSq = new Float64Array(depth);
  const weightGradSumSq = new Float64Array(depth);
  cache.dOutput!.data.set(seededTopGradient(config).data);
  for (let l = depth - 1; l >= 0; l--) {
    const [fanIn, fanOut] = shapes[l];
    const tap = cache.taps[l];
    net.units[l].activation.backward(tap.pre, tap.post, tap.dPost!, tap.dPre!);
    const x = unitInput(cache, l).data;
    const dPre = tap.dPre!.data;
    const dX = (l === 0 ? cache.dInput! : cache.taps[l - 1].dOutput!).data;
    matmulABT(dPre, unitList[l].matrix, dX, batch, fanOut, fanIn, net.scratch);
    const scale = scales[l];
    for (let i = 0; i < dX.length; i++) dX[i] *= scale;
    weightSumSq[l] = scale * scale * unitList[l].sumSq;
    weightGradSumSq[l] = gramProduct(x, fanIn, dPre, fanOut, batch);
  }

  const probe = measureLayers(net, cache, depth, { weightSumSq, weightGradSumSq });
  writeTheory(probe, theoryOf(config, net.inputWidth, QUICK_PANELS));
  // "Dead on every example" says nothing about a batch this small (one example: every unit below 0).
  if (batch < DEAD_MIN_BATCH) for (let l = 0; l < depth; l++) probe.stats[l * STAT_COUNT + STAT.dead] = NaN;
  return probe;
}
