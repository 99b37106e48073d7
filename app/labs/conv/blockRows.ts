/**
 * The block Jacobian of a residual CNN read from the run's numbers: per residual block the norm
 * ratios across the sum (‖∂L/∂x(k)‖ / ‖∂L/∂(x(k) + F(x(k)))‖, whose Jacobian is ∂F/∂x + I) and
 * across the whole block (‖∂L/∂x(k)‖ / ‖∂L/∂x(k+1)‖, the ReLU after the sum included), and one
 * sentence computed from the same numbers.
 */
import type { ArchBlockGradient } from '../../../engine/contract/archLayout.ts';
import { formatNumber } from '../../format/number.ts';

export interface BlockRatio {
  readonly module: number;
  readonly projection: boolean;
  /** ‖∂L/∂x(k)‖ / ‖∂L/∂x(k+1)‖. */
  readonly block: number;
  /** ‖∂L/∂x(k)‖ / ‖∂L/∂(sum)‖. */
  readonly sum: number;
}

const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) && Number.isFinite(b) ? a / b : NaN);

export function blockRatios(blocks: readonly ArchBlockGradient[]): BlockRatio[] {
  return blocks.map((b) => ({ module: b.module, projection: b.projection, block: ratio(b.gradIn, b.gradOut), sum: ratio(b.gradIn, b.gradSum) }));
}

const f = (x: number) => formatNumber(x, 3);

/** One line from the ratios shown: where the identity blocks sit against 1, and the product through every block. */
export function readBlocks(rows: readonly BlockRatio[]): string | null {
  const ok = rows.filter((r) => Number.isFinite(r.block) && Number.isFinite(r.sum));
  if (ok.length === 0) return null;
  const parts: string[] = [];
  const identity = ok.filter((r) => !r.projection);
  if (identity.length > 0) {
    const sums = identity.map((r) => r.sum), lo = Math.min(...sums), hi = Math.max(...sums);
    const below = identity.filter((r) => r.sum < 1).map((r) => rows.indexOf(r) + 1);
    parts.push(`Across the sum, the identity block${identity.length > 1 ? 's pass' : ' passes'} ${identity.length > 1 ? `${f(lo)} to ${f(hi)}` : f(lo)} times the gradient`
      + (below.length === 0 ? ': at least 1 at each, so no sum lets the gradient shrink' : `; below 1 at block ${below.join(', ')}, where ∂F/∂x partly cancels the I term`));
  }
  const product = ok.reduce((p, r) => p * r.block, 1);
  parts.push(`through all ${ok.length} block${ok.length > 1 ? 's' : ''} (each ReLU after the sum included) the gradient's norm changes by a factor of ${f(product)}`
    + (product < 0.5 ? ': it shrinks on the way down' : product > 2 ? ': it grows on the way down' : ': it neither vanishes nor explodes'));
  return `${parts.join('; ')}.`;
}
