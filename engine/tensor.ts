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

/** Throws an error naming both shapes when a tensor's shape is not the expected one. */
export function assertShape(what: string, t: Tensor, expected: readonly number[]): void {
  const ok = t.shape.length === expected.length && t.shape.every((d, i) => d === expected[i]);
  if (!ok) {
    throw new Error(`${what}: expected shape [${expected.join(', ')}], got [${t.shape.join(', ')}]`);
  }
}

export function assertSameShape(what: string, a: Tensor, b: Tensor): void {
  assertShape(what, b, a.shape);
}
