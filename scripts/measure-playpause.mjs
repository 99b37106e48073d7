/**
 * Play and Pause latency in Chromium: `node scripts/measure-playpause.mjs [dist] [link...]`. For
 * each link: time from a click on Play until the page shows the run training, and from a click on
 * Pause until it shows the run paused, with the steps/s meanwhile (median of 3 each).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { launchChromium, median, ROOT } from './lib/browser.mjs';

const [dist = 'dist', ...given] = process.argv.slice(2);
const links = given.length > 0 ? given : [
  'depth=30&vs=depth:6;residual:1&data=spiral',
  'depth=30&width=256&batch=256&vs=depth:6;residual:1&data=spiral',
  'depth=10&width=256&batch=256&data=digits',
];
const port = 4600 + Math.floor(Math.random() * 300);
const vite = spawn(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'preview', '--outDir', dist, '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { cwd: ROOT, stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 2500));
const browser = await launchChromium();
try {
  for (const link of links) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`http://127.0.0.1:${port}/?${link}`);
    await page.getByText('Ready at step 0').waitFor({ timeout: 60_000 });
    const plays = [], pauses = [], rates = [];
    for (let i = 0; i < 3; i++) {
      const play = page.getByRole('button', { name: 'Play', exact: true });
      const t0 = await page.evaluate(() => performance.now());
      await play.click();
      await page.getByRole('button', { name: 'Pause', exact: true }).waitFor({ timeout: 60_000 });
      plays.push((await page.evaluate(() => performance.now())) - t0);
      await page.waitForTimeout(2000);
      rates.push(Number((await page.getByTestId('train-rate').innerText()).replace(/,/g, '')) || 0);
      const t1 = await page.evaluate(() => performance.now());
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      await page.getByText(/^Paused at step/).waitFor({ timeout: 60_000 });
      pauses.push((await page.evaluate(() => performance.now())) - t1);
    }
    console.log(`${link}\n  Play ${median(plays).toFixed(0)} ms, Pause ${median(pauses).toFixed(0)} ms (medians of 3: play ${plays.map((x) => x.toFixed(0)).join('/')}, pause ${pauses.map((x) => x.toFixed(0)).join('/')}), ${median(rates)} steps/s`);
    await page.close();
  }
} finally {
  await browser.close();
  vite.kill();
}
