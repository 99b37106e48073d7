/**
 * The shape pass: from a spec and an input shape alone, every layer's output shape, parameters,
 * multiply-accumulates, receptive field and jump (effective stride), and its activation memory,
 * with blocks as a tree. Nothing is allocated but the rows, so a full-size VGG-16 takes
 * milliseconds. Never throws: a shape that cannot work ends the pass with a problem naming the layer.
 */
import { adaptiveAvgPoolInfo, batchNormInfo, concatInfo, convInfo, denseInfo, elementCount, elementwiseInfo, flattenInfo, globalAvgPoolInfo, poolInfo, ShapeError, type LayerInfo, type Shape } from './shapes.ts';
import { ARCH_LIMITS, type ArchItem, type ArchSpec, type BottleneckSpec, type DenseBlockSpec, type InceptionSpec, type ResidualSpec } from './spec.ts';

export interface ArchRow {
  /** torchvision-style dotted path: "layer1.0.conv1". */
  readonly name: string;
  readonly kind: string;
  readonly out: Shape;
  readonly params: number;
  readonly macs: number;
  /** Receptive field along the height, in input pixels. */
  readonly rf: number;
  /** Input pixels between neighbouring output positions (the product of the strides so far). */
  readonly jump: number;
  /** Floats this row keeps per example: its output for a layer, its layers' outputs for a block. */
  readonly activations: number;
  /** Convs and pools: the output height's size formula, filled in ("⌊(28 + 2·2 − (5 − 1) − 1) / 1⌋ + 1 = 28"). */
  readonly formula?: string;
  /** Convs and dense layers: n = fan_in, the inputs one output sums over (C_in/groups·kh·kw). */
  readonly fanIn?: number;
  readonly children?: readonly ArchRow[];
}

export interface ArchTotals {
  readonly params: number;
  readonly macs: number;
  readonly activations: number;
}

export interface ArchReport {
  readonly input: Shape;
  readonly rows: readonly ArchRow[];
  /** Everything, auxiliary heads included. */
  readonly totals: ArchTotals;
  /** The main path alone (what a network keeps at inference, once its auxiliary heads are dropped). */
  readonly mainTotals: ArchTotals;
  readonly output: Shape | null;
  readonly problems: readonly string[];
}

interface Cursor { readonly shape: Shape; readonly rf: number; readonly jump: number }

class Stop extends Error {}

class Pass {
  rowCount = 0;
  auxCount = 0;
  readonly problems: string[] = [];

  leaf(name: string, kind: string, cur: Cursor, infoOf: (shape: Shape) => LayerInfo): [ArchRow, Cursor] {
    if (++this.rowCount > ARCH_LIMITS.maxRows) this.stop(`more than ${ARCH_LIMITS.maxRows} layers`);
    let info: LayerInfo;
    try {
      info = infoOf(cur.shape);
    } catch (e) {
      if (e instanceof ShapeError) this.stop(`${name}: ${e.message}`);
      throw e;
    }
    const next = { shape: info.out, rf: cur.rf + (info.field.extent - 1) * cur.jump, jump: cur.jump * info.field.stride };
    const row: ArchRow = { name, kind, out: info.out, params: info.params, macs: info.macs, rf: next.rf, jump: next.jump, activations: elementCount(info.out) };
    return [{ ...row, ...(info.formula ? { formula: info.formula } : {}), ...(info.fanIn > 0 ? { fanIn: info.fanIn } : {}) }, next];
  }

  stop(problem: string): never {
    this.problems.push(problem);
    throw new Stop(problem);
  }
}

function block(name: string, kind: string, children: readonly ArchRow[], end: Cursor): ArchRow {
  const sum = (f: (r: ArchRow) => number) => children.reduce((a, r) => a + f(r), 0);
  return { name, kind, out: end.shape, params: sum((r) => r.params), macs: sum((r) => r.macs), rf: end.rf, jump: end.jump, activations: sum((r) => r.activations), children };
}

const join = (prefix: string, name: string) => (prefix === '' ? name : `${prefix}.${name}`);

/** The name an unlabelled item gets in a sequence named by kind ("conv3", "block2"). */
function kindName(item: ArchItem): string {
  switch (item.kind) {
    case 'pool': return `${item.op}pool`;
    case 'act': return item.fn;
    case 'adaptive': return 'adaptpool';
    case 'res': case 'bneck': return 'block';
    case 'dense': return 'denseblock';
    default: return item.kind;
  }
}

/** Unlabelled repeats join the enclosing sequence, copy after copy (never more copies than rows allowed). */
function expand(pass: Pass, items: readonly ArchItem[]): ArchItem[] {
  const out: ArchItem[] = [];
  for (const item of items) {
    if (item.kind === 'repeat' && item.label === undefined) {
      const copies = expand(pass, [item.item]);
      for (let i = 0; i < item.times; i++) {
        if (out.length + copies.length > ARCH_LIMITS.maxRows) pass.stop(`more than ${ARCH_LIMITS.maxRows} layers`);
        out.push(...copies);
      }
    } else out.push(item);
  }
  return out;
}

function sequence(pass: Pass, items: readonly ArchItem[], prefix: string, naming: 'index' | 'kind', cur: Cursor, rows: ArchRow[]): Cursor {
  const counters = new Map<string, number>();
  expand(pass, items).forEach((item, index) => {
    let name = item.label;
    if (name === undefined) {
      if (naming === 'index') name = String(index);
      else {
        const base = kindName(item);
        const n = (counters.get(base) ?? 0) + 1;
        counters.set(base, n);
        name = `${base}${n}`;
      }
    }
    const [row, next] = runItem(pass, item, join(prefix, name), cur);
    rows.push(row);
    cur = next;
  });
  return cur;
}

function runItem(pass: Pass, item: ArchItem, name: string, cur: Cursor): [ArchRow, Cursor] {
  switch (item.kind) {
    case 'conv': return pass.leaf(name, 'conv', cur, (s) => convInfo(s, { outChannels: item.out, kernel: item.kernel, stride: item.stride, padding: item.padding, dilation: item.dilation, groups: item.groups, bias: item.bias }));
    case 'pool': return pass.leaf(name, `${item.op}pool`, cur, (s) => poolInfo(s, item));
    case 'gap': return pass.leaf(name, 'gap', cur, globalAvgPoolInfo);
    case 'adaptive': return pass.leaf(name, 'adaptive', cur, (s) => adaptiveAvgPoolInfo(s, item.size));
    case 'flatten': return pass.leaf(name, 'flatten', cur, flattenInfo);
    case 'fc': return pass.leaf(name, 'fc', cur, (s) => denseInfo(s, item.out, item.bias));
    case 'bn': return pass.leaf(name, 'bn', cur, batchNormInfo);
    case 'act': return pass.leaf(name, item.fn, cur, elementwiseInfo);
    case 'res': case 'bneck': return residual(pass, item, name, cur);
    case 'inception': return inception(pass, item, name, cur);
    case 'dense': return denseBlock(pass, item, name, cur);
    case 'transition': {
      const rows: ArchRow[] = [];
      let c = cur;
      for (const [n, k, f] of [['norm', 'bn', batchNormInfo], ['relu', 'relu', elementwiseInfo], ['conv', 'conv', (s: Shape) => convInfo(s, { outChannels: item.out, kernel: [1, 1], bias: false })], ['pool', 'avgpool', (s: Shape) => poolInfo(s, { op: 'avg', kernel: 2 })]] as const) {
        const [row, next] = pass.leaf(join(name, n), k, c, f);
        rows.push(row);
        c = next;
      }
      return [block(name, 'transition', rows, c), c];
    }
    case 'aux': {
      const rows: ArchRow[] = [];
      const end = sequence(pass, item.items, name, 'kind', cur, rows);
      return [block(name, 'aux', rows, end), cur]; // the main path goes on from the aux head's input
    }
    case 'group': case 'repeat': {
      const rows: ArchRow[] = [];
      const end = sequence(pass, item.kind === 'group' ? item.items : Array.from({ length: item.times }, () => item.item), name, 'index', cur, rows);
      return [block(name, 'group', rows, end), end];
    }
  }
}

/** Conv (no bias), BN and optionally ReLU, appended to rows; the cursor after them. */
function convBn(pass: Pass, rows: ArchRow[], names: readonly [string, string, string?], cur: Cursor, conv: Parameters<typeof convInfo>[1]): Cursor {
  let [row, c] = pass.leaf(names[0], 'conv', cur, (s) => convInfo(s, conv));
  rows.push(row);
  [row, c] = pass.leaf(names[1], 'bn', c, batchNormInfo);
  rows.push(row);
  if (names[2] !== undefined) {
    [row, c] = pass.leaf(names[2], 'relu', c, elementwiseInfo);
    rows.push(row);
  }
  return c;
}

function residual(pass: Pass, item: ResidualSpec | BottleneckSpec, name: string, cur: Cursor): [ArchRow, Cursor] {
  const n = (s: string) => join(name, s);
  const rows: ArchRow[] = [];
  let c = cur;
  if (item.kind === 'res') {
    c = convBn(pass, rows, [n('conv1'), n('bn1'), n('relu1')], c, { outChannels: item.out, kernel: [3, 3], stride: item.stride, padding: 1, bias: false });
    c = convBn(pass, rows, [n('conv2'), n('bn2')], c, { outChannels: item.out, kernel: [3, 3], padding: 1, bias: false });
  } else {
    c = convBn(pass, rows, [n('conv1'), n('bn1'), n('relu1')], c, { outChannels: item.width, kernel: [1, 1], bias: false });
    c = convBn(pass, rows, [n('conv2'), n('bn2'), n('relu2')], c, { outChannels: item.width, kernel: [3, 3], stride: item.stride, padding: 1, groups: item.groups, bias: false });
    c = convBn(pass, rows, [n('conv3'), n('bn3')], c, { outChannels: item.out, kernel: [1, 1], bias: false });
  }
  // torchvision's rule: a projection (1x1 conv with the block's stride, then BN) when the shape changes
  if (item.stride !== 1 || cur.shape[0] !== item.out) convBn(pass, rows, [n('downsample.0'), n('downsample.1')], cur, { outChannels: item.out, kernel: [1, 1], stride: item.stride, bias: false });
  else if (cur.shape.join() !== c.shape.join()) pass.stop(`${name}: the identity shortcut ${cur.shape.join('x')} does not match the branch ${c.shape.join('x')}`);
  let row: ArchRow;
  [row, c] = pass.leaf(n('add'), 'add', c, elementwiseInfo);
  rows.push(row);
  [row, c] = pass.leaf(n(item.kind === 'res' ? 'relu2' : 'relu3'), 'relu', c, elementwiseInfo);
  rows.push(row);
  return [block(name, item.kind === 'res' ? 'residual' : 'bottleneck', rows, c), c];
}

function inception(pass: Pass, item: InceptionSpec, name: string, cur: Cursor): [ArchRow, Cursor] {
  const unit = (rows: ArchRow[], prefix: string, c: Cursor, out: number, k: number): Cursor =>
    item.bn
      ? convBn(pass, rows, [join(prefix, 'conv'), join(prefix, 'bn'), join(prefix, 'relu')], c, { outChannels: out, kernel: [k, k], padding: 'half', bias: false })
      : (() => {
          let [row, next] = pass.leaf(join(prefix, 'conv'), 'conv', c, (s) => convInfo(s, { outChannels: out, kernel: [k, k], padding: 'half' }));
          rows.push(row);
          [row, next] = pass.leaf(join(prefix, 'relu'), 'relu', next, elementwiseInfo);
          rows.push(row);
          return next;
        })();
  const branches: ArchRow[] = [];
  const ends: Cursor[] = [];
  const branch = (index: number, build: (rows: ArchRow[], prefix: string) => Cursor) => {
    const rows: ArchRow[] = [];
    const prefix = join(name, `branch${index}`);
    const end = build(rows, prefix);
    branches.push(block(prefix, 'branch', rows, end));
    ends.push(end);
  };
  branch(1, (rows, p) => unit(rows, p, cur, item.c1, 1));
  branch(2, (rows, p) => unit(rows, join(p, '1'), unit(rows, join(p, '0'), cur, item.r3, 1), item.c3, 3));
  branch(3, (rows, p) => unit(rows, join(p, '1'), unit(rows, join(p, '0'), cur, item.r5, 1), item.c5, item.k5));
  branch(4, (rows, p) => {
    const [row, c] = pass.leaf(join(p, '0'), 'maxpool', cur, (s) => poolInfo(s, { op: 'max', kernel: 3, stride: 1, padding: 1, ceil: true }));
    rows.push(row);
    return unit(rows, join(p, '1'), c, item.pool, 1);
  });
  const [concat] = pass.leaf(join(name, 'concat'), 'concat', cur, () => concatInfo(ends.map((e) => e.shape)));
  const end = { shape: concat.out, rf: Math.max(...ends.map((e) => e.rf)), jump: Math.max(...ends.map((e) => e.jump)) };
  return [block(name, 'inception', [...branches, { ...concat, rf: end.rf, jump: end.jump }], end), end];
}

function denseBlock(pass: Pass, item: DenseBlockSpec, name: string, cur: Cursor): [ArchRow, Cursor] {
  const layers: ArchRow[] = [];
  let channels = cur.shape[0], rf = cur.rf;
  for (let i = 1; i <= item.layers; i++) {
    const prefix = join(name, `denselayer${i}`);
    const rows: ArchRow[] = [];
    let c: Cursor = { shape: [channels, ...cur.shape.slice(1)], rf, jump: cur.jump }; // the concatenation of everything so far
    for (const [n, k, f] of [['norm1', 'bn', batchNormInfo], ['relu1', 'relu', elementwiseInfo]] as const) {
      const [row, next] = pass.leaf(join(prefix, n), k, c, f);
      rows.push(row);
      c = next;
    }
    if (item.bottleneck > 0) {
      let row: ArchRow;
      [row, c] = pass.leaf(join(prefix, 'conv1'), 'conv', c, (s) => convInfo(s, { outChannels: item.bottleneck * item.growth, kernel: [1, 1], bias: false }));
      rows.push(row);
      for (const [n, k, f] of [['norm2', 'bn', batchNormInfo], ['relu2', 'relu', elementwiseInfo]] as const) {
        [row, c] = pass.leaf(join(prefix, n), k, c, f);
        rows.push(row);
      }
    }
    const [row, next] = pass.leaf(join(prefix, 'conv2'), 'conv', c, (s) => convInfo(s, { outChannels: item.growth, kernel: [3, 3], padding: 1, bias: false }));
    rows.push(row);
    layers.push(block(prefix, 'denselayer', rows, next));
    channels += item.growth;
    rf = next.rf;
  }
  const end: Cursor = { shape: [channels, ...cur.shape.slice(1)], rf, jump: cur.jump };
  const [concat] = pass.leaf(join(name, 'concat'), 'concat', end, elementwiseInfo);
  return [block(name, 'denseblock', [...layers, concat], end), end];
}

function totalsOf(rows: readonly ArchRow[]): ArchTotals {
  const sum = (f: (r: ArchRow) => number) => rows.reduce((a, r) => a + f(r), 0);
  return { params: sum((r) => r.params), macs: sum((r) => r.macs), activations: sum((r) => r.activations) };
}

/** The outermost auxiliary heads, wherever they sit. */
function auxRows(rows: readonly ArchRow[]): ArchRow[] {
  return rows.flatMap((r) => (r.kind === 'aux' ? [r] : auxRows(r.children ?? [])));
}

/** Analyse a spec on an input shape ([C, H, W] or [F]). Never throws. */
export function analyseArch(spec: ArchSpec, input: Shape): ArchReport {
  const pass = new Pass();
  const rows: ArchRow[] = [];
  let output: Shape | null = null;
  try {
    output = sequence(pass, spec.items, '', 'kind', { shape: input, rf: 1, jump: 1 }, rows).shape;
  } catch (e) {
    if (!(e instanceof Stop)) pass.problems.push(`internal error: ${e instanceof Error ? e.message : String(e)}`);
  }
  const totals = totalsOf(rows), aux = totalsOf(auxRows(rows));
  const mainTotals = { params: totals.params - aux.params, macs: totals.macs - aux.macs, activations: totals.activations - aux.activations };
  return { input, rows, totals, mainTotals, output, problems: pass.problems };
}

/** Every row in order, each block before its children. */
export function flattenRows(rows: readonly ArchRow[]): ArchRow[] {
  const out: ArchRow[] = [];
  const visit = (r: ArchRow) => {
    out.push(r);
    r.children?.forEach(visit);
  };
  rows.forEach(visit);
  return out;
}
