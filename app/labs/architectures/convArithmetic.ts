/**
 * One convolution along one axis, cell by cell, for the arithmetic view: the grid the kernel slides
 * over (input, zero padding, and for a transposed convolution the zeros inserted between inputs),
 * the cells each output reads, the rows the floor drops, and the formula with its numbers filled in.
 * The counts (weights, MACs) come from the contract's shape helpers, as in the architecture table.
 */
import { convInfo, convTransposeInfo, ShapeError } from '../../../engine/contract/arch/shapes.ts';

export interface ConvParams {
  /** Input size (square). */
  readonly n: number;
  readonly k: number;
  readonly s: number;
  readonly p: number;
  readonly d: number;
  readonly transposed: boolean;
  /** Output padding (transposed only). */
  readonly op: number;
  readonly cin: number;
  readonly cout: number;
}

export const DEFAULT_CONV: ConvParams = { n: 5, k: 3, s: 2, p: 1, d: 1, transposed: false, op: 0, cin: 1, cout: 1 };

export const CONV_LIMITS: Readonly<Record<keyof ConvParams, readonly [number, number]>> = {
  n: [1, 16], k: [1, 7], s: [1, 4], p: [0, 6], d: [1, 4], transposed: [0, 1], op: [0, 3], cin: [1, 4096], cout: [1, 4096],
};

/** What a grid cell is: an input value (its index along the axis), padding, a zero inserted by the stride, or an input the floor leaves out. */
export type CellKind = 'input' | 'pad' | 'zero' | 'dropped';

export interface GridCell { readonly kind: CellKind; readonly index: number }

export interface Arithmetic {
  /** Output size along one axis; 0 when the settings give no output. */
  readonly out: number;
  /** The cells along one axis of the grid the kernel slides over (stride `step`). */
  readonly axis: readonly GridCell[];
  readonly step: number;
  /** The formula with the numbers in: "⌊(5 + 2·1 − 1·(3 − 1) − 1) / 2⌋ + 1 = 3". */
  readonly formula: string;
  /** Input rows (and columns) no output reads: the floor's remainder; empty when it divides. */
  readonly dropped: readonly number[];
  /** The remainder the floor throws away (0 when the division is exact). */
  readonly remainder: number;
  readonly weights: number;
  readonly biases: number;
  readonly macs: number;
  readonly problem: string | null;
}


/** The grid cells one output (row i, column j) reads: [row, column] positions in the grid. */
export function taps(a: Pick<Arithmetic, 'step'>, c: Pick<ConvParams, 'k' | 'd'>, i: number, j: number): [number, number][] {
  const out: [number, number][] = [];
  for (let u = 0; u < c.k; u++) for (let v = 0; v < c.k; v++) out.push([i * a.step + u * c.d, j * a.step + v * c.d]);
  return out;
}

export function arithmetic(c: ConvParams): Arithmetic {
  const span = c.d * (c.k - 1);
  let counts = { weights: 0, biases: 0, macs: 0 }, problem: string | null = null;
  try {
    const info = c.transposed
      ? convTransposeInfo([c.cin, c.n, c.n], { outChannels: c.cout, kernel: [c.k, c.k], stride: c.s, padding: c.p, dilation: c.d, outputPadding: c.op })
      : convInfo([c.cin, c.n, c.n], { outChannels: c.cout, kernel: [c.k, c.k], stride: c.s, padding: c.p, dilation: c.d });
    counts = { weights: info.params - c.cout, biases: c.cout, macs: info.macs };
  } catch (e) {
    if (!(e instanceof ShapeError)) throw e;
    problem = e.message;
  }
  if (c.transposed) return transposed(c, span, counts, problem);
  const numerator = c.n + 2 * c.p - span - 1;
  const out = numerator < 0 ? 0 : Math.floor(numerator / c.s) + 1;
  const remainder = numerator < 0 ? 0 : numerator % c.s;
  const size = c.n + 2 * c.p;
  const reached = out === 0 ? 0 : (out - 1) * c.s + span + 1;
  const axis: GridCell[] = [], dropped: number[] = [];
  for (let g = 0; g < size; g++) {
    const index = g - c.p;
    const real = index >= 0 && index < c.n;
    if (real && g >= reached) dropped.push(index);
    axis.push({ kind: !real ? 'pad' : g >= reached ? 'dropped' : 'input', index });
  }
  const formula = `⌊(${c.n} + 2·${c.p} − ${c.d}·(${c.k} − 1) − 1) / ${c.s}⌋ + 1 = ⌊${numerator} / ${c.s}⌋ + 1 = ${out}`;
  return { out, axis, step: c.s, formula, dropped, remainder, ...counts, problem: problem ?? (out === 0 ? 'the kernel does not fit the padded input' : null) };
}

/**
 * A transposed convolution drawn as the direct convolution it equals (Dumoulin & Visin 2016, §4):
 * s − 1 zeros between inputs, d(k − 1) − p zeros around them (plus the output padding on one side),
 * then a stride-1 convolution.
 */
function transposed(c: ConvParams, span: number, counts: { weights: number; biases: number; macs: number }, problem: string | null): Arithmetic {
  const out = (c.n - 1) * c.s - 2 * c.p + span + c.op + 1;
  const formula = `(${c.n} − 1)·${c.s} − 2·${c.p} + ${c.d}·(${c.k} − 1) + ${c.op} + 1 = ${out}`;
  const border = span - c.p;
  const base = { out: Math.max(0, out), step: 1, formula, dropped: [], remainder: 0, ...counts };
  if (border < 0) return { ...base, axis: [], problem: problem ?? `padding ${c.p} is more than d(k − 1) = ${span}: the transposed view would crop its input` };
  const axis: GridCell[] = [];
  for (let g = 0; g < border; g++) axis.push({ kind: 'pad', index: -1 });
  for (let i = 0; i < c.n; i++) {
    if (i > 0) for (let z = 0; z < c.s - 1; z++) axis.push({ kind: 'zero', index: -1 });
    axis.push({ kind: 'input', index: i });
  }
  for (let g = 0; g < border + c.op; g++) axis.push({ kind: 'pad', index: -1 });
  return { ...base, axis, problem: problem ?? (out < 1 ? 'no output' : null) };
}

/** The lecture's stride-1 rule, when it applies: W − (w − 1). */
export function lectureRule(c: ConvParams): string | null {
  if (c.transposed || c.s !== 1 || c.p !== 0 || c.d !== 1) return null;
  return `p = 0, s = 1: W − (w − 1) = ${c.n} − (${c.k} − 1) = ${c.n - c.k + 1}`;
}

/** Read `conv=` (n-k-s-p-d-t-op-cin-cout); anything missing or out of range keeps its default. */
export function parseConv(value: string): ConvParams | null {
  const parts = value.split('-');
  const keys = ['n', 'k', 's', 'p', 'd', 'transposed', 'op', 'cin', 'cout'] as const;
  if (parts.length !== keys.length || !parts.every((p) => /^\d{1,4}$/.test(p))) return null;
  const nums = parts.map(Number);
  if (keys.some((key, i) => nums[i] < CONV_LIMITS[key][0] || nums[i] > CONV_LIMITS[key][1])) return null;
  const [n, k, s, p, d, t, op, cin, cout] = nums;
  return { n, k, s, p, d, transposed: t === 1, op, cin, cout };
}

export function formatConv(c: ConvParams): string {
  return [c.n, c.k, c.s, c.p, c.d, c.transposed ? 1 : 0, c.op, c.cin, c.cout].join('-');
}
