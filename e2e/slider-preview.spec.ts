import { expect, test } from './fixtures.ts';

/**
 * A big net (50 x 256 at batch 256: seconds of work per probe) stays interactive: a slider's
 * step is previewed ahead, and a value typed while the full probe runs is previewed at once, not
 * after it. Times are compared with the full probe's own, measured in the same page, never with
 * a fixed number of milliseconds.
 */
const status = (page: import('@playwright/test').Page) => page.getByRole('status', { name: 'Engine status' });
/**
 * The measured E[h^2] of the deepest layer in the "Signal by layer" table: what the charts show,
 * preview or full (the result fingerprint is shown for full probes only).
 */
const deepest = (page: import('@playwright/test').Page) =>
  page.getByRole('table', { name: /Signal by layer/ }).getByRole('row').filter({ has: page.getByRole('rowheader') }).last().getByRole('cell').first();

/** The full probe's time as the status line reports it ("Computed in 780 ms" or "in 3.2 s"), ms. */
async function fullProbeMs(page: import('@playwright/test').Page): Promise<number> {
  await expect(status(page)).toContainText(/Computed in \d/, { timeout: 120_000 });
  const [, value, unit] = /Computed in ([\d.]+) (ms|s)\b/.exec((await status(page).textContent()) ?? '')!;
  return Number(value) * (unit === 's' ? 1000 : 1);
}

test('a value typed while the full probe runs is previewed at once; a slider step is previewed ahead', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('/?depth=50&width=256&batch=256');
  const full = await fullProbeMs(page);
  expect(full).toBeGreaterThan(300); // a probe slow enough to need previews
  await page.getByRole('region', { name: 'Signal by layer' }).getByRole('button', { name: 'Show table' }).click();

  // Type a gain (not a neighbour of the slider's value): the preview, then the full probe starts.
  const gainBox = page.getByRole('spinbutton', { name: 'Gain' });
  await gainBox.fill('2.3');
  await expect(status(page)).toContainText('Preview from one example', { timeout: 60_000 });
  // While that full probe runs, type another: its preview must not wait for the rest. (No fixed
  // wait here: on a fast machine the full probe can end within a second of starting, and the
  // first probe measured above includes the engine's warm-up, so a fraction of it is no guide.)
  const before = await deepest(page).innerText();
  const typed = Date.now();
  await gainBox.fill('0.7');
  await expect(deepest(page)).not.toHaveText(before, { timeout: 60_000 });
  const previewMs = Date.now() - typed;
  const fullAgain = await fullProbeMs(page);
  console.log(`slider preview: typed during a full probe, previewed in ${previewMs} ms; the full probe takes ${Math.round(fullAgain)} ms`);
  expect(previewMs).toBeLessThan(fullAgain / 2);

  // Focus the slider and step it with the keyboard: the step was computed ahead.
  const slider = page.getByRole('slider', { name: 'Gain' });
  await slider.focus();
  await page.waitForTimeout(Math.min(fullAgain / 4, 2000)); // the worker is idle: the neighbours are previewed
  const beforeStep = await deepest(page).innerText();
  const stepped = Date.now();
  await page.keyboard.press('ArrowRight');
  await expect(deepest(page)).not.toHaveText(beforeStep, { timeout: 60_000 });
  const stepMs = Date.now() - stepped;
  await expect(page).toHaveURL(/gain=0\.75/);
  const fullStep = await fullProbeMs(page);
  console.log(`slider preview: a step previewed ahead showed in ${stepMs} ms; its full probe takes ${Math.round(fullStep)} ms`);
  expect(stepMs).toBeLessThan(fullStep / 2);
});
