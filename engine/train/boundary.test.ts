import { describe, expect, it } from 'vitest';
import { loadTestDigits } from '../testing/trainingRuns.ts';
import { parseQuery } from '../contract/config.ts';
import { BOUNDARY_FLOPS, BoundaryPainter, boundaryResolution } from './boundary.ts';
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
    const t = new Trainer(parseQuery('data=digits&depth=1&width=4').config, loadTestDigits());
    expect(() => new BoundaryPainter(t)).toThrow(/needs 2D data, not 64 inputs/);
  });

  it('is 48 x 48 for small nets and coarser only where that grid would cost more than BOUNDARY_FLOPS', () => {
    const netOf = (q: string) => new Trainer(parseQuery(q).config, null).net;
    const flops = (q: string, r: number) => r * r * netOf(q).units.reduce((sum, l) => sum + 2 * l.fanIn * l.fanOut, 0);
    expect(boundaryResolution(netOf('data=spiral&depth=3&width=32'))).toBe(48);
    expect(boundaryResolution(netOf('data=spiral&depth=12&width=64'))).toBe(48);
    const wide = 'data=spiral&depth=20&width=128';
    expect(boundaryResolution(netOf(wide))).toBe(24);
    expect(flops(wide, 24)).toBeLessThanOrEqual(BOUNDARY_FLOPS);
    expect(flops(wide, 32)).toBeGreaterThan(BOUNDARY_FLOPS);
    expect(boundaryResolution(netOf('data=spiral&depth=30&width=256'))).toBe(16); // never coarser than 16
  });
});
