import { describe, expect, it } from 'vitest';
import { columnSpan, logStepTicks, pixelColumns, shownColumns, stepScale } from './stepScale.ts';

const linear = { scale: 'linear', last: null } as const;
const log = { scale: 'log', last: null } as const;

describe('the heatmap on the steps axis', () => {
  const steps = Float64Array.from({ length: 101 }, (_, i) => i); // steps 0..100, every one recorded

  it('linear, every step: columns spread evenly, in order, each shown', () => {
    const source = pixelColumns(steps, linear, 202);
    expect(source[0]).toBe(0);
    expect(source[201]).toBe(100);
    expect(shownColumns(source)).toHaveLength(101);
    expect(columnSpan(source, 50)).toEqual([100, 102]);
  });

  it('log: the first ten steps take half the width of the first hundred, as on the line charts', () => {
    const source = pixelColumns(steps, log, 1000);
    const x = stepScale(log, 100, [0, 1000]);
    const atTen = Math.floor(x(10));
    expect(source[atTen]).toBe(10);
    expect(atTen).toBeGreaterThan(450); // symlog: log1p(10) / log1p(100) = 0.52
    // Step 1 gets dozens of pixels; step 99, a few.
    const width = (c: number) => { const s = columnSpan(source, c)!; return s[1] - s[0]; };
    expect(width(1)).toBeGreaterThan(40);
    expect(width(99)).toBeLessThan(5);
  });

  it('the last N steps: only their columns are shown', () => {
    const source = pixelColumns(steps, { scale: 'linear', last: 20 }, 400);
    const shown = shownColumns(source);
    expect(shown[0]).toBe(80);
    expect(shown[shown.length - 1]).toBe(100);
    expect(columnSpan(source, 10)).toBeNull();
  });

  it('thinned history: each column sits at its own step, and nothing is drawn before the first', () => {
    const thinned = Float64Array.of(10, 20, 40, 80);
    const source = pixelColumns(thinned, linear, 80);
    expect(source[0]).toBe(-1); // step 0.5: the run recorded nothing that early
    expect(source[Math.floor(20)]).toBe(1);
    expect(source[Math.floor(39)]).toBe(2);
    expect(source[79]).toBe(3);
    expect(shownColumns(source)).toEqual([0, 1, 2, 3]);
  });

  it('no columns or no pixels: nothing to show, no throw', () => {
    expect(shownColumns(pixelColumns(new Float64Array(0), log, 100))).toEqual([]);
    expect(pixelColumns(steps, log, 0)).toHaveLength(0);
  });

  it('log ticks: 0 when in view, then powers of ten', () => {
    expect(logStepTicks([0, 2000])).toEqual([0, 1, 10, 100, 1000]);
    expect(logStepTicks([900, 2000])).toEqual([1000]);
  });
});
