import { describe, expect, it } from 'vitest';
import type { AugmentedBatchView } from '../../../../engine/contract/augmentLayout.ts';
import { batchCells, batchRows, mixLine } from './augmentCells.ts';

const view = (partners: number[], lambda: number): AugmentedBatchView => ({
  step: 3, aug: 'mixup:0.2', count: 2, shape: [1, 2, 2], pixelMax: 16,
  pixels: Float32Array.of(0, 16, 8, 0, 1, 1, 1, 1), labels: Int32Array.of(7, 2), partners: Int32Array.from(partners), lambda,
});

describe('the augmented batch as cells and rows', () => {
  it('names each example by its label, and a mixed one by both labels and their weights', () => {
    expect(batchCells(view([-1, -1], 1)).map((c) => [c.caption, c.name])).toEqual([['7', 'Example 1: a 7'], ['2', 'Example 2: a 2']]);
    expect(batchCells(view([3, 2], 0.62)).map((c) => [c.caption, c.name])).toEqual([
      ['7+3', 'Example 1: 0.62 of a 7 mixed with 0.38 of a 3'],
      ['2', 'Example 2: a 2'],
    ]);
    expect(batchCells(view([-1, -1], 1), ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker'])[0].name).toBe('Example 1: a Sneaker');
  });

  it('says the mixup weights once for the batch', () => {
    expect(mixLine(view([3, 2], 0.62))).toBe('mixed 0.62 : 0.38 (first label : second)');
    expect(mixLine(view([-1, -1], 1))).toBe('');
  });

  it('gives each example\'s pixel mean and range', () => {
    expect(batchRows(view([-1, -1], 1))).toEqual([[1, 7, '', 1, 6, 0, 16], [2, 2, '', 1, 1, 1, 1]]);
  });
});
