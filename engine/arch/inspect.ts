/**
 * The conv panels' view of an architecture run (contract/archLayout.ts), measured from the
 * training cache's latest batch (unitStats: moments, the mean-field line, dead channels) plus one
 * test image through the net in eval mode. Runs once per snapshot at most, never per step; reads
 * the weights and writes only its own buffers.
 */
import { ARCH_UNIT_FIELDS, type ArchNormState, type ArchState, type ArchUnitInfo, type PackedTensor } from '../contract/archLayout.ts';
import { NORM_FIELDS } from '../contract/trainLayout.ts';
import type { Dataset } from '../data/dataset.ts';
import { createCache, forward, type Cache, type Network } from '../model/network.ts';
import { sumOfSquares, variance } from '../train/batchRows.ts';
import { ResBlock, type ResBlockCache } from '../model/layers/conv/residual.ts';
import type { ArchBlockGradient } from '../contract/archLayout.ts';
import { unitStats } from './stats.ts';

export class ArchInspector {
  readonly units: readonly ArchUnitInfo[];
  private readonly one: Cache;

  constructor(private readonly net: Network, private readonly cache: Cache, private readonly dataset: Dataset) {
    this.one = createCache(net, 1, { gradients: false });
    const names = unitStats(net, cache, false).map((s) => s.name);
    this.units = net.units.map((u, l) => {
      const m = net.layerOf[l];
      return { name: names[l], shape: cache.taps[l].post.shape.slice(1), fanIn: u.fanIn, conv: u.weight.shape.length === 4, module: m, moduleKind: net.layers[m].kind };
    });
  }

  state(inspectIndex: number): ArchState {
    const { net, cache } = this, f = ARCH_UNIT_FIELDS.length;
    const stats = new Float64Array(net.units.length * f);
    unitStats(net, cache, true).forEach((s, l) => {
      const row = [
        s.pre.std ** 2, s.post.std ** 2, s.theory?.predicted ?? NaN, s.theory?.measured ?? NaN, s.theory?.interior ?? NaN,
        s.gradPreSecondMoment ?? NaN, s.weightGradNorm ?? NaN, s.deadChannels ?? NaN,
      ];
      stats.set(row, l * f);
    });
    const first = net.units.find((u) => u.weight.shape.length === 4);
    return {
      units: this.units,
      stats,
      filters: first ? { shape: [...first.weight.shape], data: Float32Array.from(first.weight.data) } : null,
      maps: this.maps(inspectIndex),
      norms: this.norms(),
      stream: { kinds: net.layers.map((l) => l.kind), variance: Float64Array.from(cache.layers, (c) => variance(c.output.data)), blocks: this.blocks() },
    };
  }

  /** Each residual block's gradient norms from the latest backward pass (its cache keeps dL/d input, the sum and the output). */
  private blocks(): ArchBlockGradient[] {
    const norm = (t: { data: Float32Array } | null) => (t ? Math.sqrt(sumOfSquares(t.data)) : NaN);
    const out: ArchBlockGradient[] = [];
    this.net.layers.forEach((layer, m) => {
      if (!(layer instanceof ResBlock)) return;
      const c = this.cache.layers[m] as ResBlockCache;
      out.push({ module: m, projection: layer.shortcut !== null, gradIn: norm(c.dIn), gradSum: norm(c.branch[c.branch.length - 1].dPre), gradOut: norm(c.dOutput) });
    });
    return out;
  }

  /** Test image `index` (clamped) in eval mode: each unit's activation, and the class probabilities. */
  private maps(index: number): ArchState['maps'] {
    const { testInputs, testLabels, testCount, inputWidth: width, classes } = this.dataset;
    if (testCount === 0) return null;
    const i = Math.max(0, Math.min(testCount - 1, Math.floor(index) || 0));
    const one = this.one;
    one.input.data.set(testInputs.subarray(i * width, (i + 1) * width));
    forward(this.net, one, 'eval');
    const logits = one.output.data, probs = new Float32Array(classes);
    let max = -Infinity, sum = 0, best = 0;
    for (let k = 0; k < classes; k++) max = Math.max(max, logits[k]);
    for (let k = 0; k < classes; k++) sum += probs[k] = Math.exp(logits[k] - max);
    for (let k = 0; k < classes; k++) {
      probs[k] /= sum;
      if (probs[k] > probs[best]) best = k;
    }
    const layers: PackedTensor[] = one.taps.map((t) => ({ shape: t.post.shape.slice(1), data: Float32Array.from(t.post.data) }));
    return { index: i, label: testLabels[i], prediction: best, probs, layers };
  }

  private norms(): ArchNormState[] {
    const out: ArchNormState[] = [];
    this.net.units.forEach((u, l) => {
      const n = u.norm, s = this.cache.taps[l].normStats;
      if (!n || !s) return;
      const c = n.gamma.data.length, data = new Float32Array(NORM_FIELDS.length * c);
      [s.mean, s.variance, n.runningMean.data, n.runningVar.data, n.gamma.data, n.beta.data].forEach((a, k) => {
        for (let j = 0; j < c; j++) data[k * c + j] = a[j];
      });
      out.push({ unit: l, channels: c, data });
    });
    return out;
  }
}
