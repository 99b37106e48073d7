import { describe, expect, it } from 'vitest';
import { readDigitsFile } from '../cli/train.ts';
import { parseQuery } from '../config.ts';
import { BoundaryPainter } from './boundary.ts';
import { Trainer } from './trainer.ts';

describe('decision boundary grid', () => {
  it('holds class probabilities per cell; after training on circles the centre is class 1 and the ring class 0', () => {
    const t = new Trainer(parseQuery('data=circles&depth=2&width=16&batch=32&norm=batch').config, null);
    t.run(800);
    const grid = new BoundaryPainter(t, 31, 1.5).paint();
    expect([grid.resolution, grid.extent, grid.classes, grid.probs.length]).toEqual([31, 1.5, 2, 31 * 31 * 2]);
    for (let c = 0; c < 31 * 31; c++) expect(grid.probs[2 * c] + grid.probs[2 * c + 1]).toBeCloseTo(1, 6);
    // cell (i, j) is centred at (-1.5 + (j + 0.5) * 3 / 31, -1.5 + (i + 0.5) * 3 / 31): (15, 15) is the origin
    const p1 = (i: number, j: number) => grid.probs[2 * (i * 31 + j) + 1];
    expect(p1(15, 15)).toBeGreaterThan(0.9); // inside the inner circle (radius 0.5)
    expect(p1(15, 25)).toBeLessThan(0.1); // (0.97, 0): on the outer circle
    expect(p1(5, 15)).toBeLessThan(0.1); // (0, -0.97)
  });

  it('is only for 2D data', () => {
    const t = new Trainer(parseQuery('data=digits&depth=1&width=4').config, readDigitsFile());
    expect(() => new BoundaryPainter(t)).toThrow(/needs 2D data, not 64 inputs/);
  });
});
