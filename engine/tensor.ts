/** A dense row-major float32 tensor, batch first. */
export interface Tensor {
  readonly data: Float32Array;
  readonly shape: readonly number[];
}

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) throw new Error(`invalid shape [${shape.join(', ')}]`);
    n *= d;
  }
  return n;
}

export function zerosTensor(shape: readonly number[]): Tensor {
  return { data: new Float32Array(sizeOf(shape)), shape: [...shape] };
}

export function tensorFrom(shape: readonly number[], values: ArrayLike<number>): Tensor {
  const n = sizeOf(shape);
  if (values.length !== n) {
    throw new Error(`shape [${shape.join(', ')}] holds ${n} values, got ${values.length}`);
  }
  return { data: Float32Array.from(values), shape: [...shape] };
}

function shapeError(what: string, expected: readonly number[], got: readonly number[]): Error {
  return new Error(`${what}: expected shape [${expected.join(', ')}], got [${got.join(', ')}]`);
}

/** Throws an error naming both shapes when a tensor's shape is not the expected one. */
export function assertShape(what: string, t: Tensor, expected: readonly number[]): void {
  const ok = t.shape.length === expected.length && t.shape.every((d, i) => d === expected[i]);
  if (!ok) throw shapeError(what, expected, t.shape);
}

// The checks below run on every op of every training step: they allocate nothing unless they fail.

/** Throws unless t is a rows x cols matrix. */
export function assertMatrix(what: string, t: Tensor, rows: number, cols: number): void {
  const s = t.shape;
  if (s.length !== 2 || s[0] !== rows || s[1] !== cols) throw shapeError(what, [rows, cols], s);
}

/** Throws unless t is a vector of n entries. */
export function assertVector(what: string, t: Tensor, n: number): void {
  const s = t.shape;
  if (s.length !== 1 || s[0] !== n) throw shapeError(what, [n], s);
}

/** Throws unless b has a's shape; the message is `${what}${detail}`. */
export function assertSameShape(what: string, a: Tensor, b: Tensor, detail = ''): void {
  const sa = a.shape, sb = b.shape;
  let ok = sa.length === sb.length;
  for (let i = 0; ok && i < sa.length; i++) ok = sa[i] === sb[i];
  if (!ok) throw shapeError(what + detail, sa, sb);
}
