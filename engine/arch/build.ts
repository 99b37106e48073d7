/**
 * From an architecture spec to the module network: each grammar item becomes a registry spec
 * (a conv followed by bn and an activation becomes one conv unit, so the probe sees its taps), and
 * the cost of the result is checked from the shape pass before anything is allocated.
 */
import type { ActivationName } from '../contract/names.ts';
import { MAX_BYTES } from '../contract/limits.ts';
import { batchNormSpec } from '../model/layers/dense.ts';
import type { ConvLayerSpec } from '../model/layers/conv/conv.ts';
import { buildNetwork, type LayerSpec, type Network } from '../model/network.ts';
import { adaptiveAvgPoolInfo, concatInfo, convInfo, flattenInfo, globalAvgPoolInfo, poolInfo, poolOutputSize, type Shape } from '../model/shapes.ts';
import { analyseArch, type ArchReport } from './shapePass.ts';
import { ACTIVATION_NAMES, type ArchItem, type ArchSpec, type ConvSpec } from './spec.ts';

/** Multiply-accumulates one training step may take (forward and both backward products): about a second here. */
export const MAX_STEP_MACS = 3e9;

export interface ArchCost {
  readonly bytes: number;
  /** Per training step: 3 x the forward MACs of the batch. */
  readonly stepMacs: number;
}

const BN = batchNormSpec('before');
const isAct = (item: ArchItem | undefined): item is ArchItem & { kind: 'act' } => item?.kind === 'act';

class Untranslatable extends Error {}

/** The registry specs of a list of items on an input shape; the shape after them. */
function translate(items: readonly ArchItem[], shape: Shape, out: LayerSpec[], convs: { input: Shape; spec: ConvLayerSpec }[]): Shape {
  const flat = expand(items);
  for (let i = 0; i < flat.length; i++) {
    const item = flat[i];
    const push = (spec: LayerSpec, next: Shape) => { out.push(spec); shape = next; };
    switch (item.kind) {
      case 'conv': {
        const bn = flat[i + 1]?.kind === 'bn';
        const act = isAct(flat[i + (bn ? 2 : 1)]) ? (flat[i + (bn ? 2 : 1)] as { fn: ActivationName }).fn : 'linear';
        i += (bn ? 1 : 0) + (act === 'linear' ? 0 : 1);
        const spec = convOf(item, act, bn);
        convs.push({ input: shape, spec });
        push(spec, convInfo(shape, { ...spec, outChannels: spec.out }).out);
        break;
      }
      case 'bn': case 'act': {
        const act = item.kind === 'act' ? item.fn : isAct(flat[i + 1]) ? (flat[++i] as { fn: ActivationName }).fn : 'linear';
        push({ kind: 'normact', ...(item.kind === 'bn' ? { batchNorm: BN } : {}), activation: act }, shape);
        break;
      }
      case 'pool': {
        const floor = poolOutputSize(shape[1], item.kernel, item.stride, item.padding, false);
        if (item.ceil && floor !== poolOutputSize(shape[1], item.kernel, item.stride, item.padding, true)) throw new Untranslatable(`a ceil-mode ${item.op} pool that rounds up is not built (its shapes are analysed)`);
        push({ kind: 'pool', op: item.op, kernel: item.kernel, stride: item.stride, padding: item.padding }, poolInfo(shape, { ...item, ceil: false }).out);
        break;
      }
      case 'gap': push({ kind: 'pool', op: 'gap' }, globalAvgPoolInfo(shape).out); break;
      case 'adaptive':
        if (item.size === 1) push({ kind: 'pool', op: 'gap' }, globalAvgPoolInfo(shape).out);
        else if (shape[1] === shape[2] && shape[1] % item.size === 0) push({ kind: 'pool', op: 'avg', kernel: shape[1] / item.size, stride: shape[1] / item.size }, adaptiveAvgPoolInfo(shape, item.size).out);
        else throw new Untranslatable(`adaptive pooling to ${item.size} from ${shape[1]}x${shape[2]} is not built`);
        break;
      case 'flatten': push({ kind: 'flatten' }, flattenInfo(shape).out); break;
      case 'fc': {
        if (shape.length === 3) push({ kind: 'flatten' }, flattenInfo(shape).out);
        const act = isAct(flat[i + 1]) ? (flat[++i] as { fn: ActivationName }).fn : 'linear';
        push({ kind: 'dense', units: item.out, activation: act }, [item.out]);
        break;
      }
      case 'res': case 'bneck': {
        const conv = (out: number, k: number, o: Partial<ConvLayerSpec> = {}): ConvLayerSpec => ({ kind: 'conv', out, kernel: [k, k], padding: 'half', bias: false, batchNorm: BN, activation: 'relu', ...o });
        const branch = item.kind === 'res'
          ? [conv(item.out, 3, { stride: item.stride }), conv(item.out, 3)]
          : [conv(item.width, 1), conv(item.width, 3, { stride: item.stride, groups: item.groups }), conv(item.out, 1)];
        const shortcut = item.stride !== 1 || shape[0] !== item.out ? conv(item.out, 1, { stride: item.stride, padding: 0, activation: 'linear' }) : null;
        let s = shape;
        for (const b of branch) { convs.push({ input: s, spec: b }); s = convInfo(s, { ...b, outChannels: b.out }).out; }
        if (shortcut) convs.push({ input: shape, spec: shortcut });
        push({ kind: 'resblock', branch, shortcut }, s);
        break;
      }
      case 'inception': {
        const unit = (out: number, k: number): ConvLayerSpec => ({ kind: 'conv', out, kernel: [k, k], padding: 'half', bias: !item.bn, ...(item.bn ? { batchNorm: BN } : {}), activation: 'relu' });
        const branches: LayerSpec[][] = [[unit(item.c1, 1)], [unit(item.r3, 1), unit(item.c3, 3)], [unit(item.r5, 1), unit(item.c5, item.k5)], [{ kind: 'pool', op: 'max', kernel: 3, stride: 1, padding: 1 }, unit(item.pool, 1)]];
        const ends = branches.map((b) => {
          let s = shape;
          for (const l of b) {
            if (l.kind === 'conv') { convs.push({ input: s, spec: l }); s = convInfo(s, { ...l, outChannels: l.out }).out; }
            else if (l.kind === 'pool' && l.op === 'max') s = poolInfo(s, { op: 'max', kernel: l.kernel!, stride: l.stride, padding: l.padding }).out;
          }
          return s;
        });
        push({ kind: 'inception', branches }, concatInfo(ends).out);
        break;
      }
      case 'dense': {
        const layers: LayerSpec[][] = [];
        let grown = shape;
        for (let l = 0; l < item.layers; l++) {
          const layer: LayerSpec[] = [{ kind: 'normact', batchNorm: BN, activation: 'relu' }];
          let s = grown;
          if (item.bottleneck > 0) {
            const b: ConvLayerSpec = { kind: 'conv', out: item.bottleneck * item.growth, kernel: [1, 1], bias: false, batchNorm: BN, activation: 'relu' };
            layer.push(b); convs.push({ input: s, spec: b }); s = convInfo(s, { ...b, outChannels: b.out }).out;
          }
          const last: ConvLayerSpec = { kind: 'conv', out: item.growth, kernel: [3, 3], padding: 1, bias: false, activation: 'linear' };
          layer.push(last); convs.push({ input: s, spec: last });
          layers.push(layer);
          grown = concatInfo([grown, convInfo(s, { ...last, outChannels: last.out }).out]).out;
        }
        push({ kind: 'denseblock', layers }, grown);
        break;
      }
      case 'transition': {
        const conv: ConvLayerSpec = { kind: 'conv', out: item.out, kernel: [1, 1], bias: false, activation: 'linear' };
        convs.push({ input: shape, spec: conv });
        const out = poolInfo(convInfo(shape, { ...conv, outChannels: conv.out }).out, { op: 'avg', kernel: 2 }).out;
        push({ kind: 'seq', layers: [{ kind: 'normact', batchNorm: BN, activation: 'relu' }, conv, { kind: 'pool', op: 'avg', kernel: 2 }] }, out);
        break;
      }
      case 'aux': {
        const head: LayerSpec[] = [];
        translate(item.items, shape, head, convs);
        out.push({ kind: 'aux', head });
        break;
      }
      case 'group': case 'repeat': throw new Untranslatable('internal: unexpanded group');
    }
  }
  return shape;
}

function convOf(item: ConvSpec, activation: ActivationName, bn: boolean): ConvLayerSpec {
  return {
    kind: 'conv', out: item.out, kernel: item.kernel, stride: item.stride, padding: item.padding, dilation: item.dilation, groups: item.groups,
    bias: item.bias, ...(bn ? { batchNorm: BN } : {}), activation: ACTIVATION_NAMES.includes(activation) ? activation : 'linear',
  };
}

/** Groups and repeats inline: the network is one sequence (the labels name rows of the shape pass only). */
function expand(items: readonly ArchItem[]): ArchItem[] {
  return items.flatMap((item) => item.kind === 'group' ? expand(item.items) : item.kind === 'repeat' ? Array.from({ length: item.times }, () => expand([item.item])).flat() : [item]);
}

/** Bytes (parameters with gradients and two optimizer moments; activations and their gradients about 5 times; the im2col workspaces) and MACs per step. */
export function archCost(report: ArchReport, convs: readonly { input: Shape; spec: ConvLayerSpec }[], batch: number): ArchCost {
  let workspace = 0;
  for (const { input, spec } of convs) {
    const info = convInfo(input, { ...spec, outChannels: spec.out });
    const pixels = info.out[1] * info.out[2], k = info.fanIn, g = spec.groups ?? 1;
    workspace += 4 * batch * pixels * (k * (g + 1) + spec.out / g) + 8 * batch * input[0] * input[1] * input[2];
  }
  const bytes = 4 * 4 * report.totals.params + 5 * 4 * batch * report.totals.activations + workspace;
  return { bytes, stepMacs: 3 * batch * report.totals.macs };
}

export interface BuiltArch {
  readonly net: Network | null;
  /** The registry specs the network was built from (what an export hands to PyTorch). */
  readonly specs: readonly LayerSpec[];
  readonly report: ArchReport;
  readonly cost: ArchCost | null;
  readonly problems: readonly string[];
}

const mb = (b: number) => `${Math.ceil(b / 1024 ** 2)} MB`;

/** The network of a spec on an input [C, H, W] ending in `classes` logits (null: any output), or the problems why not (nothing allocated then). */
export function buildArch(spec: ArchSpec, input: Shape, classes: number | null, batch: number): BuiltArch {
  const report = analyseArch(spec, input);
  if (report.problems.length > 0) return { net: null, specs: [], report, cost: null, problems: report.problems };
  const specs: LayerSpec[] = [], convs: { input: Shape; spec: ConvLayerSpec }[] = [];
  let out: Shape;
  try {
    out = translate(spec.items, input, specs, convs);
  } catch (e) {
    if (e instanceof Untranslatable) return { net: null, specs: [], report, cost: null, problems: [e.message] };
    throw e;
  }
  if (classes !== null && (out.length !== 1 || out[0] !== classes)) return { net: null, specs, report, cost: null, problems: [`the network ends in ${out.join('x')}, but the data has ${classes} classes: end it in fc${classes} (or gap,flatten after ${classes} channels)`] };
  const cost = archCost(report, convs, batch);
  const over: string[] = [];
  if (cost.bytes > MAX_BYTES) over.push(`about ${mb(cost.bytes)} of memory (the limit is ${mb(MAX_BYTES)}; im2col workspaces included)`);
  if (cost.stepMacs > MAX_STEP_MACS) over.push(`about ${(cost.stepMacs / 1e9).toFixed(1)} G multiply-accumulates per training step (the limit is ${MAX_STEP_MACS / 1e9} G)`);
  if (over.length > 0) return { net: null, specs, report, cost, problems: [`This network (${report.totals.params.toLocaleString('en')} parameters, ${input.join('x')} input, batch ${batch}) needs ${over.join(' and ')}. Use a smaller network, input or batch.`] };
  return { net: buildNetwork(input, specs), specs, report, cost, problems: [] };
}
