import { describe, expect, it } from 'vitest';
import { arithmetic, DEFAULT_CONV, formatConv, lectureRule, parseConv, taps } from './convArithmetic.ts';

describe('arithmetic', () => {
  it('fills in the output-size formula', () => {
    const a = arithmetic(DEFAULT_CONV); // 5, k3, s2, p1
    expect(a.out).toBe(3);
    expect(a.formula).toBe('⌊(5 + 2·1 − 1·(3 − 1) − 1) / 2⌋ + 1 = ⌊4 / 2⌋ + 1 = 3');
    expect(a.dropped).toEqual([]);
    expect(a.axis.map((c) => c.kind)).toEqual(['pad', 'input', 'input', 'input', 'input', 'input', 'pad']);
  });

  it('names the input rows the floor drops: 6 inputs, k3, s2, no padding reach rows 0..4', () => {
    const a = arithmetic({ ...DEFAULT_CONV, n: 6, p: 0 });
    expect(a.out).toBe(2); // floor(3 / 2) + 1
    expect(a.remainder).toBe(1);
    expect(a.dropped).toEqual([5]);
    expect(a.axis[5]).toEqual({ kind: 'dropped', index: 5 });
  });

  it('is the lecture W − (w − 1) at p = 0, s = 1', () => {
    const c = { ...DEFAULT_CONV, n: 7, k: 3, s: 1, p: 0 };
    expect(arithmetic(c).out).toBe(5);
    expect(lectureRule(c)).toBe('p = 0, s = 1: W − (w − 1) = 7 − (3 − 1) = 5');
    expect(lectureRule(DEFAULT_CONV)).toBeNull();
  });

  it('counts C_in·k·k·C_out weights and MACs per output', () => {
    const a = arithmetic({ ...DEFAULT_CONV, cin: 3, cout: 8 });
    expect(a.weights).toBe(3 * 3 * 3 * 8);
    expect(a.biases).toBe(8);
    expect(a.macs).toBe(8 * 3 * 3 * 3 * 3 * 3); // 8 channels x 3x3 outputs x 27 taps
  });

  it('a 1x1 convolution has C_in·C_out weights: a dense layer at every pixel', () => {
    const a = arithmetic({ ...DEFAULT_CONV, k: 1, s: 1, p: 0, cin: 64, cout: 32 });
    expect(a.out).toBe(5);
    expect(a.weights).toBe(64 * 32);
    expect(a.macs).toBe(64 * 32 * 25);
  });

  it('dilation spreads the taps', () => {
    const a = arithmetic({ ...DEFAULT_CONV, n: 7, s: 1, p: 0, d: 2 });
    expect(a.out).toBe(3);
    expect(taps(a, { k: 3, d: 2 }, 0, 1).slice(0, 3)).toEqual([[0, 1], [0, 3], [0, 5]]);
  });

  it('draws a transposed convolution as zeros inserted and a stride-1 convolution', () => {
    const c = { ...DEFAULT_CONV, n: 3, k: 3, s: 2, p: 1, op: 1, transposed: true };
    const a = arithmetic(c);
    expect(a.out).toBe(6); // (3 - 1)·2 - 2 + 2 + 1 + 1
    expect(a.formula).toBe('(3 − 1)·2 − 2·1 + 1·(3 − 1) + 1 + 1 = 6');
    expect(a.axis.map((x) => x.kind)).toEqual(['pad', 'input', 'zero', 'input', 'zero', 'input', 'pad', 'pad']);
    expect(a.axis.length - (c.k - 1)).toBe(a.out);
    expect(a.problem).toBeNull();
    expect(a.weights).toBe(9);
  });

  it('reports output padding not smaller than the stride', () => {
    expect(arithmetic({ ...DEFAULT_CONV, transposed: true, s: 1, op: 1 }).problem).toMatch(/output padding/);
  });
});

describe('conv= link value', () => {
  it('round-trips and rejects what is out of range', () => {
    expect(parseConv(formatConv(DEFAULT_CONV))).toEqual(DEFAULT_CONV);
    expect(parseConv('5-3-2-1-1-1-1-3-8')).toEqual({ n: 5, k: 3, s: 2, p: 1, d: 1, transposed: true, op: 1, cin: 3, cout: 8 });
    expect(parseConv('99-3-2-1-1-0-0-1-1')).toBeNull();
    expect(parseConv('5-3')).toBeNull();
    expect(parseConv('<script>')).toBeNull();
  });
});
