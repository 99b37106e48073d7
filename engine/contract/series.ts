/**
 * A bounded record of fixed-width rows (one per training step or evaluation), for runs of any
 * length: it keeps every `stride`-th row offered, and when full drops every other row it holds and
 * doubles the stride. So it always spans the whole run at between capacity/2 and capacity rows,
 * evenly spaced, in memory allocated once. Rows are float64.
 */
export interface SeriesChunk {
  /** Numbers per row. */
  readonly columns: number;
  readonly rows: number;
  /** Rows offered per row kept (the spacing of the kept rows). */
  readonly every: number;
  /** rows x columns, row-major. */
  readonly data: Float64Array;
}

export class DecimatingSeries {
  readonly columns: number;
  readonly capacity: number;
  private data: Float64Array;
  private kept = 0;
  private offered = 0;
  private stride = 1;

  constructor(columns: number, capacity: number) {
    if (capacity < 2 || capacity % 2 !== 0) throw new Error(`DecimatingSeries: capacity ${capacity} must be even and at least 2`);
    this.columns = columns;
    this.capacity = capacity;
    this.data = new Float64Array(columns * capacity);
  }

  get rows(): number { return this.kept; }
  get every(): number { return this.stride; }

  /** Offer a row (its first `columns` numbers are copied if it is kept). */
  offer(row: ArrayLike<number>): void {
    const index = this.offered++;
    if (index % this.stride !== 0) return;
    if (this.kept === this.capacity) {
      this.halve();
      if (index % this.stride !== 0) return;
    }
    const c = this.columns;
    const at = this.kept * c;
    for (let j = 0; j < c; j++) this.data[at + j] = row[j];
    this.kept++;
  }

  /** Keep rows 0, 2, 4, ... (offered indices that are multiples of twice the stride). */
  private halve(): void {
    const c = this.columns;
    for (let r = 0; r < this.kept / 2; r++) this.data.copyWithin(r * c, 2 * r * c, (2 * r + 1) * c);
    this.kept /= 2;
    this.stride *= 2;
  }

  /** Value at (row, column). */
  at(row: number, column: number): number {
    return this.data[row * this.columns + column];
  }

  clear(): void {
    this.kept = 0;
    this.offered = 0;
    this.stride = 1;
  }

  /** A copy of the kept rows (a fresh array, safe to transfer to another thread). */
  chunk(): SeriesChunk {
    return { columns: this.columns, rows: this.kept, every: this.stride, data: this.data.slice(0, this.kept * this.columns) };
  }
}
