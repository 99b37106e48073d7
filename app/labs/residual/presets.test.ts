/**
 * The residual presets' notices are claims about numbers: these tests run the engine on each
 * preset's link (the probe, or training as the page trains, every variant in lockstep on the same
 * batches) and check every number quoted, so a changed engine cannot leave a notice saying
 * something false.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseQuery, toQuery, variantsOf, type Config } from '../../../engine/contract/config.ts';
import { parseDigits } from '../../../engine/data/digits.ts';
import { runProbe } from '../../../engine/experiment.ts';
import { stat, type ProbeData, type StatField } from '../../../engine/contract/probeLayout.ts';
import { Trainer } from '../../../engine/train/trainer.ts';
import { matchPreset, presetConfig, PRESETS, type Preset } from '../../presets/presets.ts';
import { RESIDUAL_PRESETS } from './presets.ts';

function byId(id: string): Preset {
  const preset = RESIDUAL_PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`no preset ${id}`);
  return preset;
}

const configOf = (id: string) => parseQuery(byId(id).query).config;
/** The probe of the config and of each variant, in vs order. */
const probesOf = (config: Config) => [config, ...variantsOf(config)].map((c) => runProbe(c).probe);
/** A field at every hidden layer. */
const column = (probe: ProbeData, field: StatField) => Array.from({ length: probe.depth }, (_, l) => stat(probe, l, field));
/** A field at the layers that end a block (where it is defined). */
const perBlock = (probe: ProbeData, field: StatField) => column(probe, field).filter((x) => !Number.isNaN(x));
/** a is b to the digits quoted (within 5%, or the absolute tolerance). */
const near = (a: number, b: number, rel = 0.05) => expect(Math.abs(a / b - 1), `${a} vs ${b}`).toBeLessThan(rel);

const digits = parseDigits(new Uint8Array(readFileSync(new URL('../../../public/digits.bin', import.meta.url))));

function trained(config: Config, steps: number): Trainer {
  const t = new Trainer(config, config.data === 'digits' ? digits : null);
  t.run(steps);
  if (t.metrics.evaluatedAt !== t.step) t.evaluate();
  return t;
}

describe('residual presets', { timeout: 240_000 }, () => {
  it('are valid links with unique ids and titles that survive the URL', () => {
    const all = [...PRESETS, ...RESIDUAL_PRESETS.filter((p) => !PRESETS.includes(p))];
    expect(new Set(all.map((p) => p.id)).size).toBe(all.length);
    expect(new Set(all.map((p) => p.title)).size).toBe(all.length);
    for (const p of RESIDUAL_PRESETS) {
      expect(parseQuery(p.query).problems, p.id).toEqual([]);
      expect(variantsOf(presetConfig(p)).length, p.id).toBeGreaterThan(0); // every one is an A/B (or A/B/C) comparison
      expect(matchPreset(parseQuery(toQuery(presetConfig(p))).config, RESIDUAL_PRESETS), p.id).toBe(p);
    }
  });

  it('50 layers: plain halves the gradient per pair of layers, residual keeps it; layer 1 gets 8 orders of magnitude more', () => {
    const config = configOf('residual-gradient-50');
    const [plain, residual] = probesOf(config);
    expect([config.residual, variantsOf(config)[0].residual]).toEqual([0, 1]);
    const plainJ = perBlock(plain, 'blockJacobian'), residualJ = perBlock(residual, 'blockJacobian');
    expect(plainJ).toHaveLength(25);
    expect(Math.min(...plainJ)).toBeGreaterThan(0.475);
    expect(Math.max(...plainJ)).toBeLessThan(0.545);
    const plainGrad = column(plain, 'gradNorm'), residualGrad = column(residual, 'gradNorm');
    near(plainGrad[49], 186);
    near(plainGrad[0], 1.1e-5);
    expect(residualJ).toHaveLength(25);
    expect(Math.min(...residualJ)).toBeGreaterThan(1.015);
    expect(Math.max(...residualJ)).toBeLessThan(1.145);
    near(residualGrad[0], 2.1e3);
    expect(Math.floor(Math.log10(residualGrad[0] / plainGrad[0]))).toBe(8);
  });

  it('degradation: at step 1000 plain 30 layers 0.37, plain 6 layers 0.11, residual 30 layers 0.10', () => {
    const config = configOf('residual-degradation');
    const runs = [config, ...variantsOf(config)];
    expect(runs.map((c) => [c.depth, c.residual])).toEqual([[30, 0], [6, 0], [30, 1]]);
    expect(runs[2].alpha).toBe('invsqrt');
    const losses = runs.map((c) => trained(c, 1000).metrics.trainLoss);
    near(losses[0], 0.37, 0.03);
    near(losses[1], 0.11, 0.05);
    near(losses[2], 0.10, 0.05);
    expect(losses[0]).toBeGreaterThan(3 * losses[1]);
    expect(losses[2]).toBeLessThan(losses[1]);
  });

  it('zero-initialized branch: the stream stays at 0.49, Jacobian 1; α = 1 grows ×2.4 per block to 4.2e5; α = 1/√15 ends at 2.9', () => {
    const config = configOf('residual-zero-branch');
    const [zero, one, invsqrt] = probesOf(config);
    expect([config, ...variantsOf(config)].map((c) => c.alpha)).toEqual(['zero', 'one', 'invsqrt']);
    const stream = perBlock(zero, 'streamM2');
    expect(stream).toHaveLength(15);
    for (const m2 of stream) near(m2, 0.49, 0.01);
    const jacobian = perBlock(zero, 'blockJacobian');
    for (const j of jacobian.slice(0, -1)) expect(j).toBeCloseTo(1, 6);
    const grad = column(zero, 'gradNorm');
    for (let l = 0; l < 30; l += 2) expect(grad[l], `layer ${l + 1}`).toBe(0); // each branch's first layer
    for (let l = 1; l < 30; l += 2) expect(grad[l], `layer ${l + 1}`).toBeGreaterThan(0);

    const grown = perBlock(one, 'streamM2');
    near(grown[14], 4.2e5);
    near((grown[14] / grown[0]) ** (1 / 14), 2.4, 0.03);
    near(column(one, 'gradNorm')[0], 3.4e4);
    near(perBlock(invsqrt, 'streamM2')[14], 2.9, 0.02);
  });

  it('auxiliary heads: 11.4% without them and 68.5% with them, at step 1000', () => {
    const config = configOf('residual-aux-sigmoid');
    const withHeads = trained(config, 1000);
    const without = trained(variantsOf(config)[0], 1000);
    expect([config.aux1, config.aux2, config.auxw]).toEqual([7, 14, 0.3]);
    near(without.metrics.testAccuracy, 0.114, 0.03);
    near(withHeads.metrics.testAccuracy, 0.685, 0.01);
  });
});
