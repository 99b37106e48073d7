/**
 * Every preset's "what to notice" is a claim about numbers; these tests run the engine on the
 * preset's link and check the claims, so a changed engine cannot leave a preset saying something
 * false. Numbers are seed 1, as the link carries it.
 */
import { describe, expect, it } from 'vitest';
import { parseQuery, toQuery } from '../../engine/contract/config.ts';
import { runProbe } from '../../engine/experiment.ts';
import { layerReports, type LayerReport } from '../../engine/probe/report.ts';
import { matchPreset, PRESETS, presetConfig, type Preset } from './presets.ts';

function byId(id: string): Preset {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`no preset ${id}`);
  return preset;
}

function layersOf(query: string): { layers: LayerReport[]; forwardOverflowLayer: number } {
  const { probe } = runProbe(parseQuery(query).config);
  return { layers: layerReports(probe), forwardOverflowLayer: probe.forwardOverflowLayer };
}

const preM2 = (r: LayerReport) => r.preact.m2 ?? NaN;
const gradM2 = (r: LayerReport) => r.grad.m2 ?? NaN;
/** a is b to two significant digits. */
const near = (a: number, b: number) => expect(Math.abs(a / b - 1)).toBeLessThan(0.05);

describe('presets', { timeout: 60_000 }, () => {
  it('are valid links with unique ids and titles, and each replaces the whole config', () => {
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
    expect(new Set(PRESETS.map((p) => p.title)).size).toBe(PRESETS.length);
    for (const p of PRESETS) {
      expect(parseQuery(p.query).problems, p.id).toEqual([]);
      expect(p.notice.length, p.id).toBeGreaterThan(20);
      expect(matchPreset(presetConfig(p)), p.id).toBe(p);
      expect(matchPreset(parseQuery(toQuery(presetConfig(p))).config), p.id).toBe(p); // survives the URL
    }
    expect(new Set(PRESETS.map((p) => toQuery(presetConfig(p)))).size).toBe(PRESETS.length);
    expect(matchPreset({ ...presetConfig(PRESETS[0]), seed: 2 })).toBeNull();
  });

  it('vanishing: E[h²] x1/40 per layer, the gradient too', () => {
    const { layers } = layersOf(byId('vanishing-small').query);
    near(preM2(layers[0]), 0.025);
    expect(preM2(layers[9])).toBeLessThan(2e-16);
    near(gradM2(layers[9]), 0.99);
    near(gradM2(layers[0]), 4.3e-15);
  });

  it('exploding: x128 per layer, overflow at layer 36', () => {
    const { layers, forwardOverflowLayer } = layersOf(byId('exploding-normal').query);
    near(preM2(layers[0]), 251);
    near(preM2(layers[19]), 3.9e42);
    expect(forwardOverflowLayer).toBe(36);
  });

  it('Glorot standard vs normalized: forward decay and the gradient ratio', () => {
    const standard = layersOf(byId('glorot-standard').query).layers;
    near(preM2(standard[0]), 0.33);
    near(preM2(standard[4]), 0.0022);
    near(gradM2(standard[0]), 0.007);
    near(gradM2(standard[4]), 0.99);
    expect(Math.round(gradM2(standard[4]) / gradM2(standard[0]))).toBeGreaterThan(130);
    const xavier = layersOf(byId('glorot-normalized').query).layers;
    near(preM2(xavier[0]), 0.99);
    near(preM2(xavier[4]), 0.13);
    near(gradM2(xavier[0]), 0.14);
    near(gradM2(xavier[4]), 0.81);
    expect(Math.round(gradM2(xavier[4]) / gradM2(xavier[0]))).toBe(6);
  });

  it('He et al.: Xavier halves E[h²] per layer under ReLU, He keeps it level', () => {
    const xavier = layersOf(byId('he-xavier-relu').query).layers;
    near(preM2(xavier[0]), 0.98);
    near(preM2(xavier[29]), 2.7e-9);
    const he = layersOf(byId('he-he-relu').query).layers;
    for (const r of he) {
      expect(preM2(r)).toBeGreaterThanOrEqual(1.75);
      expect(preM2(r)).toBeLessThan(3.3);
      expect(gradM2(r)).toBeGreaterThan(0.5);
      expect(gradM2(r)).toBeLessThan(0.75);
    }
  });

  it('dead ReLUs: the dead fraction grows with depth until every unit is dead', () => {
    const { layers } = layersOf(byId('dead-relu').query);
    const dead = layers.map((r) => r.dead ?? NaN);
    expect(dead.slice(0, 2)).toEqual([0, 0]);
    near(dead[9], 0.13);
    near(dead[12], 0.64);
    expect(dead.indexOf(1)).toBe(14); // layer 15
    for (const r of layers.slice(14)) {
      near(preM2(r), 0.04);
    }
    expect(layers.every((r) => gradM2(r) === 0)).toBe(true);
  });

  it('saturated sigmoid: two thirds of the units saturated, a tiny slope at the top', () => {
    const { layers } = layersOf(byId('saturated-sigmoid').query);
    for (const r of layers) {
      expect(r.saturated).toBeGreaterThanOrEqual(0.635);
      expect(r.saturated).toBeLessThanOrEqual(0.775);
    }
    near(Math.sqrt(preM2(layers[9])), 10.5);
    near(gradM2(layers[9]), 0.0059);
  });

  it('orthogonal keeps the signal exactly; Xavier at the same variance drifts', () => {
    const orthogonal = layersOf(byId('orthogonal-linear').query).layers;
    for (const r of orthogonal) {
      near(preM2(r), 0.993);
      near(gradM2(r), 0.976);
    }
    const xavier = layersOf(byId('orthogonal-linear').query.replace('init=orthogonal', 'init=xavier_normal')).layers;
    near(preM2(xavier[0]), 1.0);
    near(preM2(xavier[24]), 2.1);
    near(preM2(xavier[99]), 0.32);
  });
});
