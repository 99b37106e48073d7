/**
 * The README's screenshots: `node scripts/screenshots.mjs [dist] [name-part]` serves the build and
 * writes docs/screenshots/*.png at 1280x720, and an 800x450 embed (only the names containing
 * name-part, when given).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { launchChromium, ROOT } from './lib/browser.mjs';

const dist = process.argv[2] ?? 'dist';
const only = process.argv[3] ?? '';
const port = 4900 + Math.floor(Math.random() * 90);
const vite = spawn(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'preview', '--outDir', dist, '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { cwd: ROOT, stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 2500));
const base = `http://127.0.0.1:${port}/`;
const browser = await launchChromium();
const shot = async (name, link, size, act) => {
  if (!name.includes(only)) return;
  const page = await browser.newPage({ viewport: size });
  await page.goto(`${base}?${link}`);
  await act(page);
  await page.screenshot({ path: join(ROOT, 'docs/screenshots', name) });
  await page.close();
  console.log(`docs/screenshots/${name}`);
};
const trained = (steps) => async (page) => {
  await page.getByText('Ready at step 0').waitFor({ timeout: 60_000 });
  for (let i = 0; i < steps / 100; i++) {
    const before = await page.getByTestId('train-step').innerText();
    await page.getByRole('button', { name: '+100', exact: true }).click();
    await page.getByText(`Paused at step ${(Number(before.replace(/,/g, '')) + 100).toLocaleString('en-US')}.`).waitFor({ timeout: 60_000 });
  }
  await page.waitForTimeout(800);
};
try {
  await shot('training-three-runs-1280x720.png', 'depth=30&vs=depth:6;residual:1&data=spiral&lab=training', { width: 1280, height: 720 }, trained(500));
  await shot('regularization-moons-1280x720.png', 'lab=regularization&data=moons&ntrain=15&noise=0.3&depth=3&width=64&act=relu&init=he_normal&wd=0.01&vs=prior:none', { width: 1280, height: 720 }, async (page) => {
    await trained(1000)(page);
    await page.getByRole('region', { name: 'Decision boundary' }).getByRole('heading', { name: 'MLE (no prior)' }).scrollIntoViewIfNeeded();
    await page.locator('main.content').evaluate((el) => el.scrollBy(0, 120));
    await page.waitForTimeout(500);
  });
  await shot('embed-signal-800x450.png', 'embed=1&panels=signal,gradient', { width: 800, height: 450 }, async (page) => {
    await page.locator('svg.chart').first().waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector('main figure')?.getAttribute('aria-busy') === 'false', null, { timeout: 60_000 });
  });
} finally {
  await browser.close();
  vite.kill();
}
