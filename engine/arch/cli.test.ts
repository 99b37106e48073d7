import { describe, expect, it } from 'vitest';
import { parseQuery } from '../contract/config.ts';
import { loadTestDigits } from '../testing/trainingRuns.ts';
import { runArchCli } from './cli.ts';

function run(query: string, steps: number | null) {
  const out: string[] = [], err: string[] = [];
  const { config, problems } = parseQuery(query);
  expect(problems).toEqual([]);
  const code = runArchCli(config, { steps, digits: config.data === 'digits' ? loadTestDigits() : null, write: (t) => out.push(t), problem: (t) => err.push(t) });
  return { code, out: out.length > 0 ? JSON.parse(out.join('')) : null, err };
}

describe('the probe CLI on arch= links', () => {
  it('probes synthetic images of size and channels: a row per conv or fc unit, the theory with n = fan_in, the padding named', () => {
    const { code, out } = run('arch=conv3-8,relu,conv3-8s2p0,relu,gap,fc10&size=9&channels=2&batch=4&init=he_normal&act=relu', null);
    expect(code).toBe(0);
    expect(out.input).toEqual([2, 9, 9]);
    expect(out.layers.map((l: { name: string }) => l.name)).toEqual(['conv 3x3 2->8 relu', 'conv 3x3 8->8 stride 2 relu', 'fc 8->10 linear']);
    expect(out.layers[0].theory.n).toBe(18);
    expect(out.layers[0].theory.note).toMatch(/zero padding 1/);
    expect(out.layers[1].theory.interior).toBeNull();
  });

  it('trains on the digits as 1x8x8 images and reports the metrics', () => {
    const { code, out, err } = run('arch=tiny_vgg&data=digits&batch=16&opt=adam&lr=0.003&init=he_normal&act=relu', 5);
    expect(code).toBe(0);
    expect(out.metrics.step).toBe(5);
    expect(out.metrics.testAccuracy).toBeGreaterThanOrEqual(0);
    expect(err[0]).toMatch(/5 steps in .* steps\/s/);
  });

  it('refuses a 2D toy set, and a network too large for a tab, with the numbers', () => {
    expect(run('arch=tiny_vgg&data=spiral', 3).code).toBe(2);
    const big = run('arch=vgg16', null);
    expect(big.code).toBe(2);
    expect(big.err[0]).toMatch(/138,357,544 parameters/);
  });
});

describe('--export on arch= links', () => {
  it('writes the specs, the input [N][C][H][W] and each module\'s parameters by name, conv weights [out][in/groups][kh][kw]', () => {
    const { config } = parseQuery('arch=conv3-4g1,relu,gap,fc3&size=5&channels=2&batch=3');
    let json = '';
    const code = runArchCli(config, { steps: null, digits: null, write: () => {}, problem: () => {}, exportTo: (j) => { json = j; } });
    expect(code).toBe(0);
    const e = JSON.parse(json);
    expect(e.input.shape).toEqual([3, 2, 5, 5]);
    expect(e.specs.map((s: { kind: string }) => s.kind)).toEqual(['conv', 'pool', 'flatten', 'dense']);
    expect(e.params.map((p: { name: string; shape: number[] }) => [p.name, p.shape])).toEqual([['weight', [4, 2, 3, 3]], ['bias', [4]], ['weight', [3, 4]], ['bias', [3]]]);
  });
});
