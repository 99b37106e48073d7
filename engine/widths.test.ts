/**
 * Non-uniform widths: each layer's own fans in the probe and in its theory (He's fan_in against
 * fan_out; Glorot's harmonic mean 2 / (fan_in + fan_out)).
 */
import { describe, expect, it } from 'vitest';
import { parseQuery, toQuery, withConfig } from './contract/config.ts';
import { stat } from './contract/probeLayout.ts';
import { runProbe } from './experiment.ts';
import { trainingProblem } from './contract/training.ts';

describe('the widths key', () => {
  it('parses a list, canonical, never throwing; a bad list is one readable problem and the default', () => {
    expect(parseQuery('widths=64,128,256,512').config.widths).toBe('64,128,256,512');
    expect(parseQuery('widths=064,1').config.widths).toBe('64,1');
    for (const bad of ['64,,128', '64,2000', '0', 'a,b', '64;128', ',', '1.5', `${'1,'.repeat(201)}1`]) {
      const parsed = parseQuery(`widths=${bad}`);
      expect(parsed.config.widths).toBe('');
      expect(parsed.problems).toHaveLength(1);
      expect(parsed.problems[0].message).toMatch(/^widths=.* (is|has) .*using $/);
    }
    const c = parseQuery('widths=64,128&width=32').config;
    expect(toQuery(c)).toBe('v=1&width=32&widths=64,128');
    expect(parseQuery(toQuery(c)).config).toEqual(c);
    expect(parseQuery('vs=widths:64').problems[0].message).toMatch(/cannot be overridden/);
  });

  it('the probe builds one layer per entry, echoes the depth it computed, and training refuses it with a message', () => {
    const run = runProbe(withConfig({ width: 16, widths: '8,32,64', batch: 32, depth: 5 }));
    expect(Array.from(run.probe.widths)).toEqual([8, 32, 64]);
    expect(run.config.depth).toBe(3);
    expect(run.notApplied.map((n) => n.key)).toContain('depth');
    expect(trainingProblem(withConfig({ data: 'xor', widths: '8,4' }))).toMatch(/shapes the probe only/);
  });

  // Widths doubling each layer (64 -> 128 -> 256 -> 512): fan_out = 2 fan_in, and ReLU halves E[x^2].
  // He fan=in, Var = 2 / fan_in: E[h^2] kept; fan=out, Var = 2 / fan_out = 1 / fan_in: halved per
  // layer; Glorot's harmonic mean, Var = 2 / (fan_in + fan_out) = 2 / (3 fan_in): x 1/3 per layer.
  it.each([
    ['he_normal', 'in', 1], ['he_normal', 'out', 0.5], ['xavier_normal', 'in', 1 / 3],
  ] as const)('%s fan=%s on 64,128,256,512 (ReLU): E[h^2] changes by x%f per layer, theory and measurement within sampling error', (init, fan, perLayer) => {
    const run = runProbe(withConfig({ width: 64, widths: '64,128,256,512', batch: 256, act: 'relu', init, fan }));
    for (let l = 0; l < 4; l++) {
      const theory = stat(run.probe, l, 'theoryPreM2');
      // Layer 1: fan_in = fan_out = 64 (He: 2 whatever fan; Glorot: 1), then the per-layer factor.
      const first = init === 'he_normal' ? 2 : 1;
      expect(theory).toBeCloseTo(first * perLayer ** l, 10);
      // A layer's E[h^2] is a mean over its units given the layer below: ~sqrt(2 / width) per layer, compounded.
      expect(Math.abs(stat(run.probe, l, 'preM2') / theory - 1)).toBeLessThan(0.25);
    }
    // Backward: a layer's gradient sums over the next layer's (wider) units.
    const g = (l: number) => stat(run.probe, l, 'gradM2') / stat(run.probe, l, 'theoryGradM2');
    for (let l = 0; l < 4; l++) expect(Math.abs(g(l) - 1)).toBeLessThan(0.3);
  }, 30_000);
});
