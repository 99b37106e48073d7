/**
 * Worker faults: the engine's worker throws, or is ended, in the middle of a computation.
 * The page says so, with a Restart button, and Restart brings the lab back on the same link.
 */
import type { Page, Worker } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { ENGINE_TIMEOUT, settled, signalPanel } from './lab.ts';

/** A probe that keeps the worker busy for a second or more (~4.5 GFLOP), well inside the tab's budget. */
const BUSY = '/?depth=20&width=384&batch=256';

// A fault is reported when the current task ends: allow a full probe, then a full probe again after Restart.
test.describe.configure({ timeout: 4 * ENGINE_TIMEOUT });
// The service worker is not the engine: keep page.workers() to the one worker under test.
test.use({ serviceWorkers: 'block' });

/** The engine's worker (the app names it layerscope-probe; its script is probe.worker-*.js). */
async function engineWorker(page: Page): Promise<Worker> {
  await expect.poll(() => page.workers().filter((w) => /probe\.worker/.test(w.url())).length, { timeout: ENGINE_TIMEOUT }).toBeGreaterThan(0);
  const workers = page.workers().filter((w) => /probe\.worker/.test(w.url()));
  return workers[workers.length - 1];
}

/** Open the busy link and wait until the worker is inside the probe. */
async function openBusy(page: Page): Promise<Worker> {
  await page.goto(BUSY);
  await expect(page.getByRole('status', { name: 'Engine status' })).toContainText('Computing in the worker');
  const worker = await engineWorker(page);
  await page.waitForTimeout(300); // the configure message has been taken up: the probe is running
  return worker;
}

/** The lab is back on the same link: no alert, the engine answered, a chart has lines. */
async function expectLabBack(page: Page, url: string): Promise<void> {
  await expect(page.getByRole('alert')).toHaveCount(0, { timeout: ENGINE_TIMEOUT });
  await settled(page);
  expect(page.url()).toBe(url);
  await expect(signalPanel(page).getByRole('figure').first().locator('svg path').first()).toBeAttached();
}

test('the worker throws mid-run: the page names the error, and Restart brings the lab back on the same link', async ({ page, guard }) => {
  guard.allow(/injected fault/); // the worker's uncaught error may also reach the console
  const worker = await openBusy(page);
  const url = page.url();

  // Queued on the worker's own event loop: it throws as soon as the probe's task ends, as an uncaught error.
  await worker.evaluate(() => { setTimeout(() => { throw new Error('injected fault'); }, 0); });

  const alert = page.getByRole('alert').filter({ hasText: 'The engine failed' });
  await expect(alert).toContainText('injected fault', { timeout: ENGINE_TIMEOUT });
  await expect(page.getByRole('status', { name: 'Engine status' })).toContainText('The engine stopped with an error');
  const restart = alert.getByRole('button', { name: 'Restart' });
  await expect(restart).toBeVisible();
  expect(page.url(), 'the link is kept').toBe(url);

  await restart.click();
  await expectLabBack(page, url);
});

test('the worker is ended mid-run: the page says the engine stopped, and Restart brings the lab back', async ({ page }) => {
  const worker = await openBusy(page);
  const url = page.url();

  // self.close() ends the worker from inside, as a browser may under memory pressure: no error event
  // reaches the page. (The probe under way still posts its answer; the comparison lines that follow never come.)
  await worker.evaluate(() => { self.close(); }).catch(() => undefined);

  // The page must not go on as if the engine were there (showing old numbers, dropping every new
  // setting): it says the engine stopped, with Restart, within the time a probe would take.
  const alert = page.getByRole('alert').filter({ hasText: /engine/i });
  await expect(alert.getByRole('button', { name: 'Restart' })).toBeVisible({ timeout: ENGINE_TIMEOUT });
  expect(page.url(), 'the link is kept').toBe(url);

  await alert.getByRole('button', { name: 'Restart' }).click();
  await expectLabBack(page, url);
});
