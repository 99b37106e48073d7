import { describe, expect, it } from 'vitest';
import type { BoundaryGrid } from '../../engine/contract/trainLayout.ts';
import { boundaryPixels, classAreas, isUniform, MAX_TINT, MIN_TINT } from './boundaryPixels.ts';

const WHITE = [255, 255, 255] as const;
const COLORS = [[0, 0, 255], [255, 0, 0]] as const;

function grid(resolution: number, probsOf: (i: number, j: number) => number[]): BoundaryGrid {
  const classes = probsOf(0, 0).length;
  const probs = new Float32Array(resolution * resolution * classes);
  for (let i = 0; i < resolution; i++) for (let j = 0; j < resolution; j++) probs.set(probsOf(i, j), (i * resolution + j) * classes);
  return { resolution, extent: 1.5, classes, probs };
}

describe('boundaryPixels', () => {
  it('puts grid row 0 (the bottom of the plane) in the last image row', () => {
    const g = grid(2, (i) => (i === 0 ? [1, 0] : [0, 1]));
    const px = boundaryPixels(g, COLORS, WHITE);
    // top image row = grid row 1 = class 1 (red), bottom image row = class 0 (blue)
    expect(px[0]).toBeGreaterThan(px[2]);
    expect(px[2 * 4 + 2]).toBeGreaterThan(px[2 * 4]);
  });

  it('tints by confidence: a coin toss is nearly background, certainty is MAX_TINT', () => {
    const g = grid(1, () => [0.5, 0.5]);
    const toss = boundaryPixels(g, COLORS, WHITE);
    expect(toss[0]).toBeCloseTo(255 * (1 - MIN_TINT), -1); // blue wins ties: red channel drops by MIN_TINT
    const sure = boundaryPixels(grid(1, () => [0, 1]), COLORS, WHITE);
    expect(sure[1]).toBeCloseTo(255 * (1 - MAX_TINT), -1);
    expect(sure[3]).toBe(255);
  });

  it('leaves NaN cells (a diverged net) as background', () => {
    const px = boundaryPixels(grid(1, () => [NaN, NaN]), COLORS, WHITE);
    expect(Array.from(px)).toEqual([255, 255, 255, 255]);
    expect(isUniform(px)).toBe(true);
  });

  it('classAreas sums to 1 over decided cells', () => {
    const g = grid(4, (_, j) => (j < 1 ? [0.9, 0.1] : [0.2, 0.8]));
    const areas = classAreas(g);
    expect(areas[0].share).toBeCloseTo(0.25);
    expect(areas[1].share).toBeCloseTo(0.75);
    expect(areas[0].meanConfidence).toBeCloseTo(0.9);
    expect(isUniform(boundaryPixels(g, COLORS, WHITE))).toBe(false);
  });
});
