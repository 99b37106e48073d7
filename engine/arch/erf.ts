/**
 * The effective receptive field of a layer (Luo et al. 2016): the network cut after that layer,
 * randomly initialized (batch norm as at inference), a batch of N(0, 1) images forward, a one-hot gradient on every channel of
 * the centre unit backward, and |dL/dx| summed over input channels and averaged over the batch.
 */
import { analyseArch, type ArchRow } from '../contract/arch/shapePass.ts';
import { resolveArch } from '../contract/arch/named/index.ts';
import { DEFAULT_CONFIG } from '../contract/config.ts';
import { ERF_BATCH, erfSummary, type ErfRequest, type ErfResult } from '../contract/erf.ts';
import { initOptionsOf } from '../experiment.ts';
import { initializeModules } from '../init/convInit.ts';
import { backward, buildNetwork, createCache, forward } from '../model/network.ts';
import { createRng, deriveSeed } from '../rng.ts';
import { ERF_STREAM } from '../rngStreams.ts';
import { zerosTensor } from '../tensor.ts';
import { buildArch } from './build.ts';
import type { ArchItem, ArchSpec } from './spec.ts';


/**
 * The specs without batch norm: at initialization, with its running statistics, it is the identity,
 * and with the batch's statistics its mean would spread the one unit's gradient over every pixel.
 */
function withoutBatchNorm<T>(x: T): T {
  if (Array.isArray(x)) return x.map(withoutBatchNorm) as T;
  if (x !== null && typeof x === 'object') return Object.fromEntries(Object.entries(x).filter(([k]) => k !== 'batchNorm').map(([k, v]) => [k, withoutBatchNorm(v)])) as T;
  return x;
}

/** Every prefix of a sequence, shortest first, cutting inside groups and repeats (their rows keep their names). */
function* prefixes(items: readonly ArchItem[]): Generator<ArchItem[]> {
  for (let i = 0; i < items.length; i++) {
    const head = items.slice(0, i), item = items[i];
    if (item.kind === 'group') for (const inner of prefixes(item.items)) yield [...head, { ...item, items: inner }];
    else if (item.kind === 'repeat') for (let t = 1; t < item.times; t++) yield [...head, { ...item, times: t }];
    yield [...head, item];
  }
}

/** The main path's layers (auxiliary heads left out). */
function mainLeaves(rows: readonly ArchRow[]): ArchRow[] {
  return rows.flatMap((r) => (r.kind === 'aux' ? [] : r.children ? mainLeaves(r.children) : [r]));
}

/** The shortest prefix of the spec whose main path reaches the row named (null: the last spatial row), and the row it ends in. */
export function cutAt(spec: ArchSpec, input: readonly number[], name: string | null): { spec: ArchSpec; last: ArchRow } | null {
  if (name === null) {
    const leaves = mainLeaves(analyseArch(spec, [...input]).rows).filter((r) => r.out.length === 3 && r.out[1] > 1);
    name = leaves.length > 0 ? leaves[leaves.length - 1].name : null;
    if (name === null) return null;
  }
  for (const items of prefixes(spec.items)) {
    const report = analyseArch({ items }, [...input]);
    if (report.problems.length > 0) continue;
    const leaves = mainLeaves(report.rows);
    if (leaves.some((r) => r.name === name)) return { spec: { items }, last: leaves[leaves.length - 1] };
  }
  return null;
}

export function effectiveReceptiveField(request: ErfRequest): ErfResult {
  const resolved = resolveArch(request.spec);
  if (resolved.spec === null) throw new Error(`the architecture does not parse: ${resolved.problems[0]?.message ?? 'unknown problem'}`);
  const input = [...request.input];
  const cut = cutAt(resolved.spec, input, request.layer);
  if (cut === null) throw new Error(request.layer === null ? 'the architecture has no layer with a spatial map' : `no layer ${request.layer} on the main path`);
  const out = cut.last.out;
  if (out.length !== 3) throw new Error(`${cut.last.name} has no spatial map (its output is ${out.join('x')})`);
  // fewer images for a bigger net, down to one: refused only when even one is over the cost cap
  let batch = Math.max(1, Math.min(64, Math.floor(request.batch ?? ERF_BATCH)));
  let built = buildArch(cut.spec, input, null, batch);
  while (!built.net && built.cost !== null && batch > 1) {
    batch = Math.max(1, Math.floor(batch / 2));
    built = buildArch(cut.spec, input, null, batch);
  }
  if (!built.net) throw new Error(built.problems.join('; '));
  const net = buildNetwork(input, withoutBatchNorm(built.specs));
  const cache = createCache(net, batch, { inputGradient: true });
  const images = createRng(deriveSeed(request.seed, ERF_STREAM.images)), x = cache.input.data;
  for (let i = 0; i < x.length; i++) x[i] = images.normal();
  const options = initOptionsOf({ ...DEFAULT_CONFIG, act: 'relu' });
  initializeModules(net, request.init, createRng(deriveSeed(request.seed, ERF_STREAM.weights)), options, 0, cache.input);
  forward(net, cache, 'batch');
  const [channels, h, w] = cache.output.shape.slice(1);
  const unit = [Math.floor((h - 1) / 2), Math.floor((w - 1) / 2)] as const;
  const dTop = zerosTensor(cache.output.shape);
  for (let b = 0; b < batch; b++) {
    for (let c = 0; c < channels; c++) dTop.data[((b * channels + c) * h + unit[0]) * w + unit[1]] = 1;
  }
  backward(net, cache, dTop);
  const [C, H, W] = input, plane = H * W, map = new Float32Array(plane), dx = cache.dInput!.data;
  for (let b = 0; b < batch; b++) {
    for (let c = 0; c < C; c++) {
      const o = (b * C + c) * plane;
      for (let p = 0; p < plane; p++) map[p] += Math.abs(dx[o + p]) / batch;
    }
  }
  return {
    asked: request.layer, layer: cut.last.name, unit, layerSize: [h, w], theoretical: cut.last.rf,
    height: H, width: W, map, batch, summary: erfSummary(map, H, W),
  };
}

