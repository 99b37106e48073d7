import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

function arch(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'engine/cli/arch.ts', ...args], { cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

// Each test spawns a Node process (~2 s alone); the machine is shared with builds and browsers.
describe('npm run arch', { timeout: 60_000 }, () => {
  it('prints ResNet-50 as JSON: 25,557,032 parameters, block rows and torchvision-style names', async () => {
    const { code, stdout } = await arch('https://example.org/lab/?arch=resnet50');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.input).toEqual([3, 224, 224]);
    expect(out.totals.params).toBe(25_557_032);
    const names = out.layers.map((l: { name: string }) => l.name);
    expect(names.slice(0, 5)).toEqual(['conv1', 'bn1', 'relu', 'maxpool', 'layer1']);
    expect(names).toContain('layer1.0.conv1');
    expect(names).toContain('layer4.0.downsample.0');
    expect(out.layers.at(-1)).toEqual({ name: 'fc', kind: 'fc', out: [1000], params: 2_049_000, macs: 2_048_000, rf: expect.any(Number), jump: 32, activations: 1000 });
  });

  it('prints CSV with --format csv, on the input size and channels of the query', async () => {
    const { code, stdout } = await arch('arch=conv5-6p0,tanh,avg2&size=32&channels=1', '--format', 'csv');
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toEqual([
      'name,kind,out,params,macs,rf,jump,activations',
      'conv1,conv,6x28x28,156,117600,5,1,4704',
      'tanh1,tanh,6x28x28,0,0,5,1,4704',
      'avgpool1,avgpool,6x14x14,0,0,6,2,1176',
      'total,,6x14x14,156,117600,,,10584',
    ]);
  });

  it('bad input: exit code 2, the offset and what was expected on stderr, nothing on stdout', async () => {
    const { code, stdout, stderr } = await arch('arch=conv3-16,relu,mx2&size=0');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([
      'arch: size=0 is not an integer in 1..4096',
      'arch: arch value at 14: expected a layer: conv, max, avg, gap, adapt, flatten, fc, bn, an activation, res, bneck, inc, dense, trans, aux( or (, found "mx2"',
    ]);
    const small = await arch('arch=resnet18&size=16');
    expect(small.code).toBe(0); // 16 -> 8 -> 4 -> 2 -> 1: still fits
    const tooSmall = await arch('arch=vgg16&size=16');
    expect(tooSmall.code).toBe(2);
    expect(tooSmall.stderr).toMatch(/^arch: features\.\d+: a 2x2 max pool does not fit the 512x1x1 input/);
  });
});
