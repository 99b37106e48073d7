/**
 * Per-unit statistics of a built architecture after a forward and backward pass: moments over
 * (N, C, H, W), per-channel dead and saturated fractions, gradient second moments, weight-gradient
 * norms, and the mean-field line per unit: E[z^2] = n E[w^2] E[x^2] (+ E[b^2]) with n = fan_in =
 * C_in/groups kh kw (He et al. 2015), measured over the whole map and over the interior only,
 * where no window reaches into the zero padding.
 */
import type { Layer, LayerCache, Unit } from '../model/layer.ts';
import { DenseLayer } from '../model/layers/dense.ts';
import { AuxLayer, type AuxCache } from '../model/layers/conv/aux.ts';
import { ConvLayer } from '../model/layers/conv/conv.ts';
import { DenseBlockLayer, type DenseBlockCache } from '../model/layers/conv/denseBlock.ts';
import { InceptionLayer, type InceptionCache } from '../model/layers/conv/inception.ts';
import { ResBlock, type ResBlockCache } from '../model/layers/conv/residual.ts';
import { SeqLayer, type SeqCache } from '../model/layers/conv/seq.ts';
import type { Cache, Network } from '../model/network.ts';
import type { Tensor } from '../tensor.ts';

export interface UnitStats {
  readonly layer: number;
  readonly name: string;
  readonly shape: readonly number[];
  readonly fanIn: number;
  readonly fanOut: number;
  readonly pre: { readonly mean: number; readonly std: number };
  readonly post: { readonly mean: number; readonly std: number };
  /** Channels whose pre-activation is <= 0 at every (N, H, W) (ReLU family), and channels whose every activation is saturated (tanh, sigmoid). */
  readonly deadChannels: number | null;
  readonly saturatedChannels: number | null;
  readonly gradPreSecondMoment: number | null;
  readonly weightGradNorm: number | null;
  readonly theory: {
    readonly n: number;
    readonly predicted: number;
    readonly measured: number;
    /** Only outputs whose window lies inside the input (null without zero padding: the whole map is interior). */
    readonly interior: number | null;
    readonly note: string | null;
  } | null;
}

interface Placed { readonly layer: Layer; readonly cache: LayerCache }

/** Each unit's module and cache, found by walking the composites. */
function place(layer: Layer, cache: LayerCache, out: Map<Unit, Placed>): void {
  if (layer instanceof ConvLayer || layer instanceof DenseLayer) out.set(layer.unit, { layer, cache });
  else if (layer instanceof SeqLayer) layer.children.forEach((c, i) => place(c, (cache as SeqCache).children[i], out));
  else if (layer instanceof ResBlock) {
    const rc = cache as ResBlockCache;
    layer.branch.forEach((c, i) => place(c, rc.branch[i], out));
    if (layer.shortcut) place(layer.shortcut, rc.shortcut!, out);
  } else if (layer instanceof InceptionLayer) layer.branches.forEach((b, i) => place(b, (cache as InceptionCache).branches[i], out));
  else if (layer instanceof DenseBlockLayer) layer.layers.forEach((l, i) => place(l, (cache as DenseBlockCache).layers[i], out));
  else if (layer instanceof AuxLayer) place(layer.head, (cache as AuxCache).head, out);
}

function moments(x: Float32Array): { mean: number; std: number; square: number } {
  let s = 0, q = 0;
  for (let i = 0; i < x.length; i++) { s += x[i]; q += x[i] * x[i]; }
  const mean = s / x.length, square = q / x.length;
  return { mean, std: Math.sqrt(Math.max(0, square - mean * mean)), square };
}

/** Fraction of channels for which `test` holds at every (N, H, W) position. */
function channelFraction(t: Tensor, test: (v: number) => boolean): number {
  const [n, c] = t.shape, plane = t.data.length / (n * c);
  let count = 0;
  for (let ch = 0; ch < c; ch++) {
    let all = true;
    for (let b = 0; all && b < n; b++) {
      const start = (b * c + ch) * plane;
      for (let p = 0; p < plane; p++) if (!test(t.data[start + p])) { all = false; break; }
    }
    if (all) count++;
  }
  return count / c;
}

function theoryOf(placed: Placed, unit: Unit, z: Tensor): UnitStats['theory'] {
  const x = placed.cache.input;
  const w2 = moments(unit.weight.data).square, b = placed.layer instanceof ConvLayer && !placed.layer.hasBias ? 0 : moments(unit.bias.data).square;
  const predicted = unit.fanIn * w2 * moments(x.data).square + b;
  const measured = moments(z.data).square;
  if (!(placed.layer instanceof ConvLayer)) return { n: unit.fanIn, predicted, measured, interior: null, note: null };
  const op = placed.layer.op, [, , ih, iw] = x.shape, [n, c, oh, ow] = z.shape;
  if (op.padH === 0 && op.padW === 0) return { n: unit.fanIn, predicted, measured, interior: null, note: null };
  const inside = (o: number, s: number, p: number, d: number, k: number, size: number) => o * s - p >= 0 && o * s - p + d * (k - 1) <= size - 1;
  let sum = 0, count = 0;
  for (let i = 0; i < n * c; i++) {
    for (let oy = 0; oy < oh; oy++) {
      if (!inside(oy, op.strideH, op.padH, op.dilationH, op.kernelH, ih)) continue;
      for (let ox = 0; ox < ow; ox++) {
        if (!inside(ox, op.strideW, op.padW, op.dilationW, op.kernelW, iw)) continue;
        const v = z.data[(i * oh + oy) * ow + ox];
        sum += v * v;
        count++;
      }
    }
  }
  return {
    n: unit.fanIn, predicted, measured, interior: count > 0 ? sum / count : null,
    note: `zero padding ${op.padH}: border outputs sum fewer than n = ${unit.fanIn} nonzero terms, so the whole map's E[z^2] is below the interior's, which the formula describes`,
  };
}

function unitName(unit: Unit, placed: Placed | undefined): string {
  if (placed?.layer instanceof ConvLayer) {
    const op = placed.layer.op;
    return `conv ${op.kernelH}x${op.kernelW} ${op.inChannels}->${op.outChannels}${op.strideH > 1 ? ` stride ${op.strideH}` : ''}${op.groups > 1 ? ` groups ${op.groups}` : ''}${unit.norm ? ' BN' : ''} ${unit.activation.name}`;
  }
  return `fc ${unit.fanIn}->${unit.fanOut} ${unit.activation.name}`;
}

export function unitStats(net: Network, cache: Cache, gradients: boolean): UnitStats[] {
  const placed = new Map<Unit, Placed>();
  net.layers.forEach((l, m) => place(l, cache.layers[m], placed));
  return net.units.map((unit, l) => {
    const tap = cache.taps[l], p = placed.get(unit), act = unit.activation;
    const pre = moments(tap.pre.data), post = moments(tap.post.data);
    const image = tap.pre.shape.length === 4;
    return {
      layer: l + 1, name: unitName(unit, p), shape: tap.post.shape.slice(1), fanIn: unit.fanIn, fanOut: unit.fanOut,
      pre: { mean: pre.mean, std: pre.std }, post: { mean: post.mean, std: post.std },
      deadChannels: act.canDie && image ? channelFraction(tap.pre, (v) => v <= 0) : null,
      saturatedChannels: act.isSaturated && image ? channelFraction(tap.post, act.isSaturated) : null,
      gradPreSecondMoment: gradients && tap.dPre ? moments(tap.dPre.data).square : null,
      weightGradNorm: gradients ? Math.sqrt(moments(unit.dWeight.data).square * unit.dWeight.data.length) : null,
      theory: p ? theoryOf(p, unit, tap.dense) : null,
    };
  });
}
