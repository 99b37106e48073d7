import { describe, expect, it } from 'vitest';
import { blockRatios, readBlocks } from './blockRows.ts';

describe('the block Jacobian rows and their reading', () => {
  const blocks = [
    { module: 1, projection: false, gradIn: 1.2, gradSum: 1, gradOut: 1.5 },
    { module: 2, projection: true, gradIn: 2, gradSum: 3, gradOut: 4 },
    { module: 3, projection: false, gradIn: 0.9, gradSum: 1, gradOut: 1 },
  ];
  it('ratios across the sum and across the block', () => {
    const rows = blockRatios(blocks);
    expect(rows.map((r) => [r.module, r.projection])).toEqual([[1, false], [2, true], [3, false]]);
    [[0.8, 1.2], [0.5, 2 / 3], [0.9, 0.9]].forEach(([block, sum], i) => {
      expect(rows[i].block).toBeCloseTo(block, 12);
      expect(rows[i].sum).toBeCloseTo(sum, 12);
    });
  });
  it('reads the numbers it shows', () => {
    expect(readBlocks(blockRatios(blocks))).toBe('Across the sum, the identity blocks pass 0.9 to 1.2 times the gradient; below 1 at block 3, where ∂F/∂x partly cancels the I term; '
      + 'through all 3 blocks (each ReLU after the sum included) the gradient\'s norm changes by a factor of 0.36: it shrinks on the way down.');
    expect(readBlocks(blockRatios([blocks[0]]))).toBe('Across the sum, the identity block passes 1.2 times the gradient: at least 1 at each, so no sum lets the gradient shrink; '
      + 'through all 1 block (each ReLU after the sum included) the gradient\'s norm changes by a factor of 0.8: it neither vanishes nor explodes.');
  });
  it('says nothing without finite numbers', () => {
    expect(readBlocks(blockRatios([{ module: 0, projection: false, gradIn: NaN, gradSum: 1, gradOut: 1 }]))).toBeNull();
    expect(readBlocks([])).toBeNull();
  });
});
