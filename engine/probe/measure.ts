import { inputGradient, type Cache, type Network } from '../model/network.ts';
import { HIST_BINS, STAT, STAT_COUNT, type ProbeData } from '../contract/probeLayout.ts';
import { emptySummary, squaredNorm, summarize } from './summarize.ts';

/** Each layer's squared weight norm and squared weight-gradient norm, when the caller knows them without the tensors. */
export interface KnownNorms {
  readonly weightSumSq: Float64Array;
  readonly weightGradSumSq: Float64Array;
}

/**
 * Every layer's statistics from one forward and backward pass over a batch, packed in a
 * ProbeData. The caller has run forward(net, cache) and backward(net, cache, dTop). hiddenLayers:
 * how many of the layers are hidden (the rest, an output head, pair with nothing for blockJacobian).
 * norms: the weight norms, from the caller (the quick preview, which never forms W or dW).
 */
export function measureLayers(net: Network, cache: Cache, hiddenLayers = net.units.length, norms?: KnownNorms): ProbeData {
  const depth = net.units.length;
  const stats = new Float64Array(depth * STAT_COUNT);
  const preHist = new Float32Array(depth * HIST_BINS);
  const actHist = new Float32Array(depth * HIST_BINS);
  const widths = Int32Array.from(net.units, (u) => u.fanOut);
  let largest = 0;
  for (const t of cache.taps) largest = Math.max(largest, t.pre.data.length, t.post.data.length);
  const scratch = new Float32Array(largest);
  const s = emptySummary();
  let forwardOverflowLayer = 0;
  let backwardOverflowLayer = 0;
  // Layers of more than one unit (residual blocks): their Jacobians, and the stream at their ends.
  const composites: [number, number][] = [];
  net.layers.forEach((layer, m) => { if (layer.units.length > 1) composites.push([net.firstUnit[m], net.firstUnit[m + 1] - 1]); });
  const endsComposite = new Uint8Array(depth);
  for (const [, last] of composites) endsComposite[last] = 1;

  for (let l = 0; l < depth; l++) {
    const o = l * STAT_COUNT;
    const layer = net.units[l];
    const tap = cache.taps[l];
    const pre = tap.pre.data;
    const act = tap.post.data;

    summarize(pre, scratch, s, preHist, l * HIST_BINS);
    stats[o + STAT.preMean] = s.mean; stats[o + STAT.preVar] = s.variance; stats[o + STAT.preM2] = s.m2;
    stats[o + STAT.preP15] = s.p15; stats[o + STAT.preP50] = s.p50; stats[o + STAT.preP85] = s.p85;
    stats[o + STAT.preMin] = s.min; stats[o + STAT.preMax] = s.max;
    stats[o + STAT.nonFinitePre] = s.nonFinite;
    if (s.nonFinite > 0 && forwardOverflowLayer === 0) forwardOverflowLayer = l + 1;

    summarize(act, scratch, s, actHist, l * HIST_BINS);
    stats[o + STAT.actMean] = s.mean; stats[o + STAT.actVar] = s.variance; stats[o + STAT.actM2] = s.m2;
    stats[o + STAT.actP15] = s.p15; stats[o + STAT.actP50] = s.p50; stats[o + STAT.actP85] = s.p85;
    stats[o + STAT.actMin] = s.min; stats[o + STAT.actMax] = s.max;
    stats[o + STAT.nonFiniteAct] = s.nonFinite;
    if (s.nonFinite > 0 && forwardOverflowLayer === 0) forwardOverflowLayer = l + 1;

    stats[o + STAT.saturated] = saturatedFraction(act, layer.activation.isSaturated);
    stats[o + STAT.dead] = layer.activation.canDie ? deadFraction(pre, cache.batch, tap.pre.shape[1]) : NaN;

    const dPre = tap.dPre!.data, dPost = tap.dPost!.data;
    const grad = squaredNorm(dPre);
    const count = dPre.length - grad.nonFinite;
    stats[o + STAT.gradM2] = count > 0 ? grad.sumSq / count : NaN;
    stats[o + STAT.gradNorm] = Math.sqrt(grad.sumSq);
    stats[o + STAT.nonFiniteGrad] = grad.nonFinite;
    const actGrad = squaredNorm(dPost);
    const actCount = dPost.length - actGrad.nonFinite;
    stats[o + STAT.actGradM2] = actCount > 0 ? actGrad.sumSq / actCount : NaN;

    const weight = norms ? knownNorm(norms.weightSumSq[l]) : squaredNorm(layer.weight.data);
    const weightGrad = norms ? knownNorm(norms.weightGradSumSq[l]) : squaredNorm(layer.dWeight.data);
    stats[o + STAT.weightNorm] = Math.sqrt(weight.sumSq);
    stats[o + STAT.weightGradNorm] = Math.sqrt(weightGrad.sumSq);
    stats[o + STAT.weightGradRatio] = Math.sqrt(weightGrad.sumSq) / Math.sqrt(weight.sumSq);
    stats[o + STAT.nonFiniteWeightGrad] = weightGrad.nonFinite;
    // A NaN pre-activation makes ReLU's gradient an exact 0 (as in PyTorch), so a forward overflow
    // shows up in the weight gradient (x^T dy with x non-finite), not in dPre: check both.
    if (grad.nonFinite > 0 || weightGrad.nonFinite > 0) backwardOverflowLayer = l + 1;
    stats[o + STAT.theoryPreM2] = NaN;
    stats[o + STAT.theoryActM2] = NaN;
    stats[o + STAT.theoryGradM2] = NaN;
    stats[o + STAT.theoryStreamM2] = NaN;
    stats[o + STAT.streamM2] = endsComposite[l] ? finiteMeanSquare(tap.output.data) : NaN;
    stats[o + STAT.blockJacobian] = NaN;
  }
  // Across each residual block, or each pair of hidden layers in a plain net: ||dL/dx_k|| / ||dL/dx_{k+1}||.
  const spans = composites.length > 0
    ? composites
    : Array.from({ length: Math.floor(hiddenLayers / 2) }, (_, i) => [2 * i, 2 * i + 1]);
  for (const [first, last] of spans) {
    if (cache.dOutput === null) continue;
    const below = first === 0 ? inputGradient(net, cache) : cache.taps[first - 1].dOutput!;
    stats[last * STAT_COUNT + STAT.blockJacobian] = Math.sqrt(squaredNorm(below.data).sumSq / squaredNorm(cache.taps[last].dOutput!.data).sumSq);
  }
  return { depth, widths, stats, preHist, actHist, forwardOverflowLayer, backwardOverflowLayer, theoryWeightVar: NaN, theoryActFactor: NaN };
}

/** A norm given by its square, as squaredNorm reports one (one non-finite entry if it is not finite). */
function knownNorm(sumSq: number): { sumSq: number; nonFinite: number } {
  return Number.isFinite(sumSq) ? { sumSq, nonFinite: 0 } : { sumSq: 0, nonFinite: 1 };
}

/** Mean square of the finite entries (NaN if none), as the summaries' m2. */
function finiteMeanSquare(x: Float32Array): number {
  const { sumSq, nonFinite } = squaredNorm(x);
  return x.length > nonFinite ? sumSq / (x.length - nonFinite) : NaN;
}

function saturatedFraction(act: Float32Array, isSaturated: ((a: number) => boolean) | null): number {
  if (!isSaturated) return NaN;
  let count = 0;
  for (let i = 0; i < act.length; i++) if (isSaturated(act[i])) count++;
  return count / act.length;
}

/** Fraction of units whose pre-activation is <= 0 (or NaN) on every example of the batch. */
function deadFraction(pre: Float32Array, batch: number, units: number): number {
  let dead = 0;
  for (let u = 0; u < units; u++) {
    let alive = false;
    for (let r = 0; r < batch && !alive; r++) alive = pre[r * units + u] > 0;
    if (!alive) dead++;
  }
  return dead / units;
}
