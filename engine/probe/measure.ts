import { inputGradient, type Cache, type Network } from '../network.ts';
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
export function measureLayers(net: Network, cache: Cache, hiddenLayers = net.layers.length, norms?: KnownNorms): ProbeData {
  const depth = net.layers.length;
  const stats = new Float64Array(depth * STAT_COUNT);
  const preHist = new Float32Array(depth * HIST_BINS);
  const actHist = new Float32Array(depth * HIST_BINS);
  const widths = Int32Array.from(net.layers, (l) => l.fanOut);
  let largest = 0;
  for (const t of [...cache.pre, ...cache.post]) largest = Math.max(largest, t.data.length);
  const scratch = new Float32Array(largest);
  const s = emptySummary();
  let forwardOverflowLayer = 0;
  let backwardOverflowLayer = 0;

  for (let l = 0; l < depth; l++) {
    const o = l * STAT_COUNT;
    const layer = net.layers[l];
    const pre = cache.pre[l].data;
    const act = cache.post[l].data;

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
    stats[o + STAT.dead] = layer.activation.canDie ? deadFraction(pre, cache.batch, cache.pre[l].shape[1]) : NaN;

    const grad = squaredNorm(cache.dPre[l].data);
    const count = cache.dPre[l].data.length - grad.nonFinite;
    stats[o + STAT.gradM2] = count > 0 ? grad.sumSq / count : NaN;
    stats[o + STAT.gradNorm] = Math.sqrt(grad.sumSq);
    stats[o + STAT.nonFiniteGrad] = grad.nonFinite;
    const actGrad = squaredNorm(cache.dPost[l].data);
    const actCount = cache.dPost[l].data.length - actGrad.nonFinite;
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
    stats[o + STAT.streamM2] = layer.closes ? finiteMeanSquare(cache.out[l].data) : NaN;
    stats[o + STAT.blockJacobian] = NaN;
  }
  // Across each residual block, or each pair of hidden layers in a plain net: ||dL/dx_k|| / ||dL/dx_{k+1}||.
  const spans = net.blocks.length > 0
    ? net.blocks.map((b) => [b.first, b.last])
    : Array.from({ length: Math.floor(hiddenLayers / 2) }, (_, i) => [2 * i, 2 * i + 1]);
  for (const [first, last] of spans) {
    if (cache.dOut.length === 0) continue;
    const below = first === 0 ? inputGradient(net, cache) : cache.dOut[first - 1];
    stats[last * STAT_COUNT + STAT.blockJacobian] = Math.sqrt(squaredNorm(below.data).sumSq / squaredNorm(cache.dOut[last].data).sumSq);
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
