/** The CLI takes aug= with --steps N (the same numbers the page trains), and says the probe does not apply it. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = (...args: string[]) => promisify(execFile)(process.execPath, ['--import', 'tsx', 'engine/cli/probe.ts', ...args], { cwd: root });

describe('npm run probe with aug=', { timeout: 120_000 }, () => {
  it('--steps N trains on augmented batches, the same fingerprint every time, another than without; the probe reports aug as not applied', async () => {
    const base = 'data=digits&ntrain=10&depth=1&width=16&batch=16&opt=adam&lr=0.01';
    const [a, b, plain, probe] = await Promise.all([
      run(`${base}&aug=noise:0.1_shift:1`, '--steps', '20'),
      run(`${base}&aug=shift:1_noise:0.1`, '--steps', '20'),
      run(base, '--steps', '20'),
      run(`depth=2&width=8&batch=8&aug=shift:1`),
    ]);
    const ra = JSON.parse(a.stdout), rb = JSON.parse(b.stdout), rp = JSON.parse(plain.stdout);
    expect(ra.query).toMatch(/&aug=shift:1_noise:0.1$/);
    expect(ra.config.aug).toBe('shift:1_noise:0.1');
    expect(ra.fingerprint).toBe(rb.fingerprint);
    expect(ra.fingerprint).not.toBe(rp.fingerprint);
    expect(rp.config.aug).toBe('');
    expect(probe.stderr).toContain('probe: aug=shift:1 not applied: augmentations change training batches: the probe takes no step (train with --steps N to apply them)');
  });

  it('a bad aug value or one the data cannot take: exit code 2, named', async () => {
    await expect(run('data=digits&aug=shift:1_blur:2', '--steps', '5')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('op 2 ("blur:2") names no augmentation') });
    await expect(run('data=moons&aug=rotate:10', '--steps', '5')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('rotate needs images; the 2D moons set takes noise and mixup only') });
  });
});
