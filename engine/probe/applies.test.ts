/**
 * No silent numbers: every config key, changed, either changes what the probe prints or is listed
 * in its notApplied with a reason.
 */
import { describe, expect, it } from 'vitest';
import { CONFIG_FIELDS, CONFIG_KEYS, variantsOf, withConfig, type Config, type ConfigKey } from '../contract/config.ts';
import { runProbe } from '../experiment.ts';
import { loadTestDigits } from '../testing/trainingRuns.ts';
import { probeOutput } from './output.ts';

/** A valid value other than the base's for each key. */
const OTHER: Record<Exclude<ConfigKey, 'v'>, (c: Config) => number | string> = {
  depth: (c) => c.depth + 1, width: (c) => c.width + 4, act: (c) => (c.act === 'relu' ? 'tanh' : 'relu'),
  init: (c) => (c.init === 'he_normal' ? 'xavier_normal' : 'he_normal'), gain: () => 1.5, std: () => 0.3, const: () => 0.05,
  bias: () => 0.2, fan: (c) => (c.fan === 'in' ? 'out' : 'in'), batch: (c) => c.batch + 8, input: (c) => (c.input === 'gauss' ? 'uniform' : 'gauss'),
  seed: (c) => c.seed + 1, data: (c) => (c.data === 'none' ? 'moons' : 'none'), points: () => 300, classes: (c) => (c.classes === 3 ? 2 : 3), noise: () => 0.3,
  split: () => 0.4, opt: () => 'adam', lr: () => 0.01, mom: () => 0.5, wd: () => 0.01, norm: (c) => (c.norm === 'none' ? 'batch' : 'none'),
  bnpos: (c) => (c.bnpos === 'before' ? 'after' : 'before'), bnmom: () => 0.3, bneps: () => 0.01, testbn: () => 'batch', evalevery: () => 7,
  vs: () => 'depth:3', residual: (c) => 1 - c.residual, resform: (c) => (c.resform === 'post' ? 'pre' : 'post'),
  alpha: (c) => (c.alpha === 'one' ? 'invsqrt' : 'one'), aux1: () => 1, aux2: () => 2, auxw: () => 0.5,
  widths: (c) => (c.widths === '' ? '16,4,12' : ''),
  arch: (c) => (c.arch === '' ? 'tiny_vgg' : ''), size: () => 16, channels: () => 2,
  ntrain: (c) => (c.ntrain === 5 ? 0 : 5),
  aug: (c) => (c.aug === '' ? 'shift:1_noise:0.1' : ''),
  pretrain: (c) => (c.pretrain === 'none' ? 'dae' : 'none'), ptsteps: (c) => c.ptsteps + 10, ptnoise: () => 0.5, ptlr: () => 0.05,
  prior: (c) => (c.prior === 'laplace' ? 'gauss' : 'laplace'), decay: (c) => (c.decay === 'coupled' ? 'decoupled' : 'coupled'),
};

const BASES: Config[] = [
  withConfig({ depth: 4, width: 8, batch: 16 }),
  withConfig({ depth: 4, width: 8, batch: 16, act: 'relu', init: 'he_normal', norm: 'batch' }),
  withConfig({ depth: 5, width: 8, batch: 16, act: 'relu', init: 'he_normal', residual: 1, alpha: 'invsqrt', norm: 'batch' }),
  withConfig({ depth: 3, width: 8, batch: 16, data: 'spiral', init: 'he_normal', act: 'relu', classes: 3 }),
  withConfig({ depth: 3, width: 8, batch: 16, data: 'digits', init: 'normal' }),
  withConfig({ depth: 3, width: 8, batch: 16, init: 'constant', data: 'blobs', points: 40 }),
  withConfig({ width: 8, widths: '4,16,8', batch: 16, act: 'relu', init: 'he_normal' }),
];

const digits = loadTestDigits();
/** Everything the CLI prints for a probe, but the echo of the config itself. */
function printed(config: Config) {
  const { query, config: _c, notApplied, ...numbers } = probeOutput(runProbe(config, digits));
  const variants = variantsOf(config).map((v) => probeOutput(runProbe(v, digits)).layers);
  return { numbers: JSON.stringify({ numbers, variants }), notApplied };
}

describe('every key changes the probe or is reported as not applying', () => {
  for (const [i, base] of BASES.entries()) {
    it(`base ${i + 1}: ${JSON.stringify(Object.fromEntries(CONFIG_KEYS.filter((k) => base[k] !== CONFIG_FIELDS[k].default).map((k) => [k, base[k]])))}`, () => {
      const before = printed(base).numbers;
      const silent: string[] = [];
      for (const key of CONFIG_KEYS) {
        if (key === 'v') continue;
        const changed = { ...base, [key]: OTHER[key](base) } as Config;
        const after = printed(changed);
        const reported = after.notApplied.some((n) => n.key === key && n.why.length > 0);
        if (after.numbers === before && !reported) silent.push(`${key}=${changed[key]}`);
      }
      expect(silent).toEqual([]);
    }, 60_000);
  }

  it('the config echoed is the one computed: a batch larger than the training split is capped and says so', () => {
    const run = runProbe(withConfig({ depth: 2, width: 8, batch: 500, data: 'moons', points: 50, split: 0.2 }));
    expect(run.config.batch).toBe(40);
    expect(run.cache.batch).toBe(40);
    expect(run.notApplied.find((n) => n.key === 'batch')?.why).toMatch(/40 examples/);
  });

  it('the digits without their file: the synthetic input, and data is reported as not applied', () => {
    const run = runProbe(withConfig({ depth: 2, width: 8, batch: 16, data: 'digits' }));
    expect(run.net.inputWidth).toBe(8);
    expect(run.notApplied.map((n) => n.key)).toContain('data');
    const withFile = runProbe(withConfig({ depth: 2, width: 8, batch: 16, data: 'digits' }), digits);
    expect(withFile.net.inputWidth).toBe(64);
    expect(withFile.notApplied.map((n) => n.key)).not.toContain('data');
  });
});
