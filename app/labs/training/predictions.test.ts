import { describe, expect, it } from 'vitest';
import { digitIndices } from './digitIndices.ts';
import { commonestMistake, percent, summarizePredictions } from './predictions.ts';

describe('summarizePredictions', () => {
  it('counts per class and fills the confusion matrix by (true, predicted)', () => {
    const s = summarizePredictions(Int32Array.from([0, 0, 1, 1, 2]), Int32Array.from([0, 1, 1, 1, 0]), 3);
    expect(s.correct).toBe(3);
    expect(s.accuracy).toBeCloseTo(0.6);
    expect(s.perClass.map((c) => c.count)).toEqual([2, 2, 1]);
    expect(s.perClass[2].accuracy).toBe(0);
    expect(s.confusion[0 * 3 + 1]).toBe(1);
    expect(s.confusion[2 * 3 + 0]).toBe(1);
    expect(commonestMistake(s, 2)).toEqual({ predicted: 0, count: 1 });
    expect(commonestMistake(s, 1)).toBeNull();
  });

  it('a class with no test examples has NaN accuracy, shown as a dash', () => {
    const s = summarizePredictions(Int32Array.from([0]), Int32Array.from([0]), 2);
    expect(s.perClass[1].accuracy).toBeNaN();
    expect(percent(s.perClass[1].accuracy)).toBe('–');
    expect(percent(s.accuracy)).toBe('100.0%');
  });
});

describe('digitIndices', () => {
  it('takes the first n, or the first n mistakes (none before any prediction)', () => {
    const labels = Int32Array.from([1, 2, 3, 4, 5]);
    const predictions = Int32Array.from([1, 0, 3, 0, 0]);
    expect(digitIndices(labels, predictions, 'first', 3)).toEqual([0, 1, 2]);
    expect(digitIndices(labels, predictions, 'wrong', 2)).toEqual([1, 3]);
    expect(digitIndices(labels, null, 'wrong', 2)).toEqual([]);
  });
});
