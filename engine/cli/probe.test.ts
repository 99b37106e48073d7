import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Run the real CLI in another process; resolves with its exit code and output. */
function probe(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'engine/cli/probe.ts', ...args], { cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

// Each test spawns a Node process (~2 s alone); the machine is shared with builds and browsers.
describe('npm run probe', { timeout: 60_000 }, () => {
  it('prints one JSON object per hidden layer with the documented fields, exit code 0', async () => {
    const { code, stdout } = await probe('https://example.org/lab/?depth=3&width=16&batch=8&act=relu&init=he_normal');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.query).toBe('v=1&depth=3&width=16&act=relu&init=he_normal&batch=8');
    expect(out.fingerprint).toMatch(/^[0-9a-f]{8}$/);
    expect(out.layers).toHaveLength(3);
    for (const layer of out.layers) {
      for (const k of ['mean', 'var', 'm2', 'p15', 'p50', 'p85']) expect(Number.isFinite(layer.preact[k])).toBe(true);
      for (const k of ['mean', 'var', 'm2']) expect(Number.isFinite(layer.act[k])).toBe(true);
      expect(layer.grad.m2).toBeGreaterThan(0);
      expect(layer.grad.norm).toBeGreaterThan(0);
      expect(layer.weightGrad.norm).toBeGreaterThan(0);
      expect(layer.theory.preactM2).toBeCloseTo(2, 10); // He + ReLU: 2 at every layer
      expect(layer.nonFinite).toEqual({ preact: 0, act: 0, grad: 0, weightGrad: 0 });
    }
  });

  it('norm=batch: the probe runs batch norm (train mode) and prints each layer\'s per-feature and running statistics; keys it does not use are listed', async () => {
    const { code, stdout, stderr } = await probe('depth=2&width=4&batch=8&norm=batch&lr=0.5&act=relu&init=he_normal');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.notApplied.map((n: { key: string }) => n.key)).toEqual(['lr']);
    expect(stderr).toMatch(/lr=0.5 not applied: a training key/);
    expect(out.batchNorm).toHaveLength(2);
    const bn = out.batchNorm[0];
    expect(bn).toMatchObject({ layer: 1, position: 'before', eps: 1e-5, momentum: 0.1, features: 4, gamma: [1, 1, 1, 1], beta: [0, 0, 0, 0] });
    // One train-mode update from 0 and 1: running = 0.1 * batch mean; 0.9 + 0.1 * unbiased batch variance.
    bn.batchMean.forEach((m: number, j: number) => expect(bn.runningMean[j]).toBeCloseTo(0.1 * m, 6));
    bn.batchVar.forEach((v: number, j: number) => expect(bn.runningVar[j]).toBeCloseTo(0.9 + (0.1 * v * 8) / 7, 5));
    expect(out.layers[0].preact.m2).toBeCloseTo(1, 3); // normalized: v / (v + eps)
  });

  it('--steps N --export FILE writes the trained network (weights, biases, gamma, beta, running statistics) and its check outputs', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'probe-')), 'model.json');
    const { code, stdout, stderr } = await probe('data=xor&depth=2&width=4&batch=8&norm=batch', '--steps', '5', '--export', file);
    expect(code).toBe(0);
    expect(stderr).toMatch(/wrote .*model.json \(the trained network at step 5\)/);
    expect(JSON.parse(stdout).batchNorm[1].runningVar).toHaveLength(4);
    const model = JSON.parse(readFileSync(file, 'utf8'));
    expect(model.format).toBe('layerscope-model/1');
    expect(model.step).toBe(5);
    expect(model.layers[0].weight).toHaveLength(4);
    expect(Object.keys(model.layers[0].batchNorm)).toEqual(['position', 'eps', 'momentum', 'gamma', 'beta', 'runningMean', 'runningVar']);
    expect(model.check.logits[0]).toHaveLength(2);
  });

  it('prints CSV with --format csv: a header and one row per layer', async () => {
    const { code, stdout } = await probe('depth=4&width=8&batch=4', '--format', 'csv');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0].split(',').slice(0, 3)).toEqual(['layer', 'width', 'preact_mean']);
    expect(lines).toHaveLength(5);
  });

  it('--export writes input, PyTorch-layout weights, biases and the top gradient', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'probe-')), 'export.json');
    const { code } = await probe('depth=2&width=3&batch=2&bias=0.5', '--export', file);
    expect(code).toBe(0);
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    expect(exported.input).toHaveLength(2);
    expect(exported.input[0]).toHaveLength(3);
    expect(exported.topGrad).toHaveLength(2);
    expect(exported.layers[0].weight).toHaveLength(3); // fan_out x fan_in
    expect(exported.layers[0].bias).toEqual([0.5, 0.5, 0.5]);
    expect(exported.layers[1].statistics.layer).toBe(2);
  });

  it('bad input: exit code 2, one line per problem on stderr, nothing on stdout', async () => {
    const { code, stdout, stderr } = await probe('depth=abc&act=swish&zzz=1');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/depth=abc is not a number/);
    expect(lines[1]).toMatch(/act=swish is not a choice/);
    expect(lines[2]).toMatch(/unknown key "zzz"/);
  });

  it('refuses bad flags and configs too big for a tab with exit code 2', async () => {
    expect((await probe('depth=2', '--format', 'xml')).code).toBe(2);
    expect((await probe('depth=2', '--bogus')).code).toBe(2);
    const big = await probe('depth=200&width=1024&batch=4096');
    expect(big.code).toBe(2);
    expect(big.stderr).toMatch(/more than a browser tab can run/);
  });
  it('with vs, prints the variant\'s probe as `variant` (JSON) or after a "variant" line (CSV); refuses one too big', async () => {
    const { code, stdout } = await probe('depth=3&width=16&batch=8&vs=act:relu,init:he_normal');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.query).toBe('v=1&depth=3&width=16&batch=8&vs=act:relu,init:he_normal');
    expect(out.variant.query).toBe('v=1&depth=3&width=16&act=relu&init=he_normal&batch=8');
    expect(out.variant.layers).toHaveLength(3);
    expect(out.variant.layers[2].theory.preactM2).toBeCloseTo(2, 10);
    expect(out.variant.fingerprint).not.toBe(out.fingerprint);
    const csv = await probe('depth=2&width=4&batch=4&vs=depth:3', '--format', 'csv');
    expect(csv.stdout.split('\n\n').map((t) => t.split('\n')[0])).toEqual([expect.stringMatching(/^layer,/), 'variant', expect.stringMatching(/^layer,/)]);
    const big = await probe('depth=2&width=4&batch=4&vs=depth:200,width:1024,batch:4096');
    expect(big.code).toBe(2);
    expect(big.stderr).toMatch(/^probe: the run "200 layers, 1024 units, batch 4096": This experiment \(200 layers/);
  }, 30_000);

  it('residual nets: the stream\'s E[x^2] with its theory and the block Jacobian on each block\'s last layer; several variants print as `variants`', async () => {
    const { code, stdout } = await probe('depth=5&width=32&batch=16&act=relu&init=he_normal&residual=1&vs=residual:0;resform:pre');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.variants.map((v: { query: string }) => v.query)).toEqual([
      'v=1&depth=5&width=32&act=relu&init=he_normal&batch=16',
      'v=1&depth=5&width=32&act=relu&init=he_normal&batch=16&residual=1&resform=pre',
    ]);
    expect(out.variant).toEqual(out.variants[0]);
    for (const run of [out, out.variants[1]]) {
      // blocks end on layers 2 and 4; layer 5 stays plain (odd depth)
      expect(run.layers.map((l: { stream: { m2: number | null } }) => l.stream.m2 !== null)).toEqual([false, true, false, true, false]);
      expect(run.layers.map((l: { blockJacobian: number | null }) => l.blockJacobian !== null)).toEqual([false, true, false, true, false]);
      expect(run.layers[1].stream.theoryM2).toBeGreaterThan(1);
    }
    // plain: no stream, but the same pairs' Jacobians, so the two compare like for like
    expect(out.variants[0].layers.map((l: { stream: { m2: number | null } }) => l.stream.m2)).toEqual([null, null, null, null, null]);
    expect(out.variants[0].layers.map((l: { blockJacobian: number | null }) => l.blockJacobian !== null)).toEqual([false, true, false, true, false]);
    const csv = await probe('depth=2&width=4&batch=4&vs=depth:3;residual:1', '--format', 'csv');
    expect(csv.stdout.split('\n\n').map((t) => t.split('\n')[0])).toEqual([expect.stringMatching(/^layer,/), 'variant', expect.stringMatching(/^layer,/), 'variant', expect.stringMatching(/^layer,/)]);
    expect(csv.stdout.split('\n')[0]).toMatch(/,stream_m2,theory_stream_m2,block_jacobian$/);
  });
});
