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
    const plays = [], pauses = [], playsSeen = [], pausesSeen = [], rates = [];
    // In the page: from the click event to the button's label changing (the page's answer), and to
    // the status sentence saying the worker has done it (the worker's), without Playwright's own waits.
    await page.evaluate(() => {
      const w = window;
      w.__pp = { clickAt: 0, labelAt: 0, workerAt: 0 };
      const bar = document.querySelector('section[aria-label="Training"]');
      bar.addEventListener('click', (e) => { w.__pp = { clickAt: e.timeStamp, labelAt: 0, workerAt: 0 }; }, true);
      new MutationObserver(() => {
        const label = bar.querySelector('.train-play')?.textContent ?? '';
        const sentence = bar.querySelector('.training-status')?.textContent ?? '';
        const now = performance.now();
        if (!w.__pp.clickAt) return;
        if (!w.__pp.labelAt && label !== w.__pp.label0) w.__pp.labelAt = now;
        if (!w.__pp.workerAt && (/^Training in the worker/.test(sentence) && label === 'Pause' || /^Paused at step/.test(sentence) && label === 'Play')) w.__pp.workerAt = now;
      }).observe(bar, { subtree: true, childList: true, characterData: true });
    });
    const click = async (name) => {
      await page.evaluate((n) => { window.__pp.label0 = n; }, name);
      await page.getByRole('button', { name, exact: true }).click();
      await page.waitForFunction(() => window.__pp.labelAt > 0 && window.__pp.workerAt > 0, null, { timeout: 60_000 });
      return page.evaluate(() => [window.__pp.labelAt - window.__pp.clickAt, window.__pp.workerAt - window.__pp.clickAt]);
    };
    for (let i = 0; i < 3; i++) {
      const [seen, answered] = await click('Play');
      playsSeen.push(seen); plays.push(answered);
      await page.waitForTimeout(2000);
      rates.push(Number((await page.getByTestId('train-rate').innerText()).replace(/,/g, '')) || 0);
      const [seen2, answered2] = await click('Pause');
      pausesSeen.push(seen2); pauses.push(answered2);
      await page.waitForTimeout(500);
    }
    const ms = (xs) => `${median(xs).toFixed(0)} ms`;
    console.log(`${link}\n  on screen: Play ${ms(playsSeen)}, Pause ${ms(pausesSeen)}; the worker's answer: Play ${ms(plays)}, Pause ${ms(pauses)} (medians of 3); ${median(rates)} steps/s`);
    await page.close();
  }
} finally {
  await browser.close();
  vite.kill();
}
