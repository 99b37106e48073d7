/**
 * "Internal covariate shift", measured two ways, so students can weigh Ioffe & Szegedy's (2015)
 * explanation of batch norm against evidence, with and without it. Per hidden layer l:
 *
 * inputShift: how fast the distribution of layer l's INPUT moves (the data for l = 0, the
 *   previous layer's output otherwise). On a fixed reference batch (the first min(256, trainCount)
 *   training examples, forward in 'batch' mode: batch statistics, BN running estimates untouched)
 *   take each input unit j's mean mu_j and standard deviation sd_j (over the batch, float64). From
 *   the previous measurement (step t0) to this one (step t1), over the layer's n input units:
 *
 *       inputShift = sqrt( (1/n) sum_j [ (mu_j(t1) - mu_j(t0))^2 + (sd_j(t1) - sd_j(t0))^2 ] )
 *                    / ( (t1 - t0) * sqrt( (1/n) sum_j sd_j(t0)^2 ) )
 *
 *   the RMS over units of the movement of (mean, sd), per training step, in units of the inputs'
 *   own spread at t0 (so layers of different scales compare). Dividing by t1 - t0 is a per-step
 *   AVERAGE: movement that goes back and forth between two measurements partly cancels. Layer 0's
 *   input is the data, which never moves: its inputShift is exactly 0 (the baseline). NaN or
 *   Infinity when the spread at t0 is 0 (every input unit constant, e.g. dead ReLUs).
 *
 * gradDiff, gradCos: Santurkar, Tsipras, Ilyas & Madry 2018, "How does batch normalization help
 *   optimization?", Section 2.2 (their Definition 2.1 and Figure 5). On the step's own mini-batch,
 *   G = dL/dW_l with the current parameters, and G' = dL/dW_l on the SAME mini-batch after every
 *   layer below l (0..l-1: weights, biases, and BN gamma and beta) takes a plain gradient step
 *   p - lr dL/dp with the run's current lr, as their definition does; this is NOT the optimizer's
 *   own update under momentum, Adam or weight decay. gradDiff = ||G - G'||_2 and gradCos =
 *   <G, G'> / (||G|| ||G'||) (NaN if either is 0; exactly 1 if G' = G, else clamped to [-1, 1]). For
 *   layer 0 nothing is below it, so G' = G: gradDiff 0 and gradCos 1 (the meter recomputes it,
 *   which checks that the parameters were restored exactly).
 *
 * Cost: the gradient measure takes `depth` extra forward and backward passes of the mini-batch
 * (one per layer l >= 1, then one that puts the cache back), so it is taken at an evaluation step
 * only if at least ICS_COST_FACTOR * depth steps have passed since the last one: at most
 * ~1/ICS_COST_FACTOR extra time (every evaluation at the default evalevery=50 up to 12 layers).
 * The parameters are restored by copying back, and the step's own pass is recomputed, so a run's
 * numbers are bit for bit the same with or without these measurements (tested).
 */
import type { Dataset } from '../data/dataset.ts';
import { createCache, forwardLayer, unitInput, type Cache, type Network } from '../model/network.ts';
import type { Param } from '../optim/index.ts';
import { zerosTensor, type Tensor } from '../tensor.ts';
import { ICS_FIELDS, icsColumns } from '../contract/trainLayout.ts';

/** The gradient measure's extra passes may take at most ~1/ICS_COST_FACTOR of training time. */
export const ICS_COST_FACTOR = 4;

/** Examples in the fixed reference batch of the input-shift measure. */
export const ICS_REFERENCE_ROWS = 256;

/** The training step's pass, recomputed by the meter: forward, loss and backward on the cache. */
export type Pass = (from: number) => void;

/**
 * A forward-only cache for the layers holding the hidden units that keeps two layers at a time
 * (layer m writes set m mod 2), so the reference batch costs 2 layers of memory, not depth. Two,
 * because a layer reads only the previous layer's output (a residual block its skip too). Only
 * forwardLayer may use it, in order; there are no gradient buffers.
 */
function rollingCache(net: Network, depth: number, rows: number, input: Tensor): Cache {
  const pool = new Map<string, Tensor>();
  const cache = createCache(net, rows, {
    gradients: false,
    heads: false,
    layers: net.layerOf[depth - 1] + 1,
    allocate: (shape, layer, name) => {
      const key = `${layer % 2} ${name} ${shape.join('x')}`;
      let t = pool.get(key);
      if (!t) pool.set(key, (t = zerosTensor(shape)));
      return t;
    },
  });
  cache.input.data.set(input.data);
  return cache;
}

/** Per column j of a [rows, n] tensor: mean and standard deviation (two passes, float64). */
function columnMoments(x: Float32Array, rows: number, n: number, mean: Float64Array, sd: Float64Array, at: number): void {
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let r = 0; r < rows; r++) s += x[r * n + j];
    const m = s / rows;
    let s2 = 0;
    for (let r = 0; r < rows; r++) {
      const d = x[r * n + j] - m;
      s2 += d * d;
    }
    mean[at + j] = m;
    sd[at + j] = Math.sqrt(s2 / rows);
  }
}

export class IcsMeter {
  /** The latest measurement: ICS_FIELDS per hidden layer after the step (see icsColumns). */
  readonly row: Float64Array;
  private readonly net: Network;
  private readonly depth: number;
  private readonly reference: Cache;
  private readonly rows: number;
  /** Where layer l's input units start in the moment arrays. */
  private readonly unitsAt: Int32Array;
  private mean: Float64Array;
  private sd: Float64Array;
  private prevMean: Float64Array;
  private prevSd: Float64Array;
  private prevStep = 0;
  /** Hidden layers' parameters, and their first index per layer (layer l: first[l]..first[l+1]). */
  private readonly params: readonly Param[];
  private readonly first: Int32Array;
  private readonly savedValue: Float32Array[];
  private readonly savedGrad: Float32Array[];

  /** params: the trainer's list; firstParam[l]: index of layer l's weight in it (hidden layers, then the head). */
  constructor(net: Network, dataset: Dataset, depth: number, params: readonly Param[], firstParam: Int32Array) {
    this.net = net;
    this.depth = depth;
    this.row = new Float64Array(icsColumns(depth)).fill(NaN);
    this.rows = Math.min(ICS_REFERENCE_ROWS, dataset.trainCount);
    const input = zerosTensor([this.rows, dataset.inputWidth]);
    input.data.set(dataset.trainInputs.subarray(0, this.rows * dataset.inputWidth));
    this.reference = rollingCache(net, depth, this.rows, input);
    this.unitsAt = new Int32Array(depth + 1);
    for (let l = 0; l < depth; l++) this.unitsAt[l + 1] = this.unitsAt[l] + net.units[l].fanIn;
    const units = this.unitsAt[depth];
    [this.mean, this.sd, this.prevMean, this.prevSd] = [0, 1, 2, 3].map(() => new Float64Array(units));
    this.first = firstParam.slice(0, depth + 1);
    this.params = params.slice(0, this.first[depth]);
    this.savedValue = this.params.map((p) => new Float32Array(p.value.length));
    this.savedGrad = this.params.map((p) => new Float32Array(p.grad.length));
  }

  /** At step 0 (and after a reset): the reference batch's moments that the first shift is measured from. */
  start(): void {
    this.moments();
    this.swap();
    this.prevStep = 0;
    this.row.fill(NaN);
  }

  /** inputShift of every hidden layer at `step` (after the step's update), into row; then this is the new reference. */
  measureShift(step: number): void {
    this.moments();
    const row = this.row, steps = step - this.prevStep;
    row[0] = step;
    for (let l = 0; l < this.depth; l++) {
      const from = this.unitsAt[l], to = this.unitsAt[l + 1];
      let moved = 0, spread = 0;
      for (let j = from; j < to; j++) {
        const dm = this.mean[j] - this.prevMean[j], ds = this.sd[j] - this.prevSd[j];
        moved += dm * dm + ds * ds;
        spread += this.prevSd[j] * this.prevSd[j];
      }
      row[1 + l * ICS_FIELDS.length] = Math.sqrt(moved / (to - from)) / (steps * Math.sqrt(spread / (to - from)));
    }
    this.swap();
    this.prevStep = step;
  }

  /**
   * gradDiff and gradCos of every hidden layer, into row. Call after the step's forward and
   * backward pass (the gradients G are in the parameters' grad arrays) and before the optimizer's
   * update. pass(from) must redo the step's forward from hidden layer `from` (in 'batch' mode),
   * its loss and its backward pass. Leaves every parameter, gradient and cache buffer as it found
   * them (parameters copied back; the last pass recomputes the step's own).
   */
  measureGradients(lr: number, pass: Pass): void {
    const { params, savedValue, savedGrad, first, depth } = this;
    for (let k = 0; k < params.length; k++) {
      savedValue[k].set(params[k].value);
      savedGrad[k].set(params[k].grad);
    }
    for (let l = 1; l < depth; l++) {
      // Layers 0..l-2 took their step in the previous round; now layer l-1 does. Their outputs are
      // unchanged, so the forward restarts at layer l-1.
      for (let k = first[l - 1]; k < first[l]; k++) {
        const value = params[k].value, v0 = savedValue[k], g = savedGrad[k];
        for (let i = 0; i < value.length; i++) value[i] = v0[i] - lr * g[i];
      }
      pass(l - 1);
      this.compare(l);
    }
    for (let k = 0; k < params.length; k++) params[k].value.set(savedValue[k]);
    pass(0); // the step's own pass again: the cache and every gradient as they were
    this.compare(0); // nothing is below layer 0: G' = G
  }

  /** ||G - G'|| and cos(G, G') of layer l's weight, G' being its gradient now. */
  private compare(l: number): void {
    const g = this.savedGrad[this.first[l]], h = this.params[this.first[l]].grad;
    let diff = 0, gg = 0, hh = 0, gh = 0;
    for (let i = 0; i < g.length; i++) {
      const a = g[i], b = h[i];
      diff += (a - b) * (a - b);
      gg += a * a;
      hh += b * b;
      gh += a * b;
    }
    const o = 1 + l * ICS_FIELDS.length;
    this.row[o + 1] = Math.sqrt(diff);
    // Equal vectors have cosine 1 exactly (rounding would give 1 - 1e-16); others are clamped to [-1, 1].
    const cos = diff === 0 ? 1 : Math.min(1, Math.max(-1, gh / (Math.sqrt(gg) * Math.sqrt(hh))));
    this.row[o + 2] = gg > 0 && hh > 0 ? cos : NaN;
  }

  /** Every hidden layer's input moments on the reference batch, into mean and sd. */
  private moments(): void {
    const ref = this.reference;
    for (let l = 0; l < this.depth; l++) {
      // A layer runs once, when its first unit's output is first needed.
      const net = this.net;
      if (l > 0 && net.firstUnit[net.layerOf[l - 1]] === l - 1) forwardLayer(net, ref, net.layerOf[l - 1], 'batch');
      columnMoments(unitInput(ref, l).data, this.rows, net.units[l].fanIn, this.mean, this.sd, this.unitsAt[l]);
    }
  }

  private swap(): void {
    const mean = this.mean, sd = this.sd;
    this.mean = this.prevMean;
    this.sd = this.prevSd;
    this.prevMean = mean;
    this.prevSd = sd;
  }
}
