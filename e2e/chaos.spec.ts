/**
 * The edge-of-chaos panel: the (sigma_w^2, sigma_b^2) plane renders (its time printed), its marker follows
 * the gain slider (sigma_w^2 = gain^2 under Xavier), a click on the plane sets the gain, and the
 * correlation panel measures two inputs' c_l beside the map.
 */
import { expect, test } from './fixtures.ts';
import { ENGINE_TIMEOUT } from './lab.ts';

test('the phase diagram renders, its marker follows the gain, a click sets the gain', async ({ page }) => {
  test.setTimeout(120_000);
  const t0 = Date.now();
  await page.goto('/?depth=6&width=32&init=xavier_normal&act=tanh&gain=1');
  const panel = page.getByRole('region', { name: 'The edge of chaos (tanh)' });
  await panel.scrollIntoViewIfNeeded({ timeout: ENGINE_TIMEOUT });
  const status = panel.getByTestId('chaos-status');
  await expect(status).toHaveAttribute('data-ms', /^\d+$/, { timeout: ENGINE_TIMEOUT });
  const ms = Number(await status.getAttribute('data-ms'));
  // A figure to read, not a pass mark (the house rule: no test fails because a machine is slow); the target is 2 s.
  console.log(`phase diagram computed in ${ms} ms (page load to diagram ${Date.now() - t0} ms)`);
  expect(ms).toBeGreaterThan(0);
  await expect(panel.getByTestId('phase-canvas')).toBeVisible();
  await expect(panel.getByTestId('phase-boundary')).toBeVisible();
  const marker = panel.getByTestId('phase-marker');
  const markerX = async () => Number(await marker.getAttribute('data-x'));
  await expect.poll(markerX).toBeCloseTo(1, 6);

  // The gain slider: one step right, and the marker moves to gain^2.
  const slider = page.getByRole('form', { name: 'Experiment controls' }).getByRole('slider', { name: 'Gain' });
  await slider.focus();
  await slider.press('ArrowRight');
  await expect(page).not.toHaveURL(/[?&]gain=1(&|$)/);
  const gain = Number(new URL(page.url()).searchParams.get('gain'));
  expect(gain).toBeGreaterThan(1);
  await expect.poll(markerX).toBeCloseTo(gain * gain, 6);

  // A click at sigma_w^2 = 3 (the plane spans 0.5..4) sets gain = sqrt(3).
  const plane = panel.getByTestId('phase-plane');
  const box = (await plane.boundingBox())!;
  await plane.click({ position: { x: box.width * ((3 - 0.5) / 3.5), y: box.height * 0.5 } });
  await expect.poll(() => Number(new URL(page.url()).searchParams.get('gain'))).toBeCloseTo(Math.sqrt(3), 1);
  await expect.poll(markerX).toBeGreaterThan(2.9);
  await expect(panel).toContainText('chaotic');

  // Measured beside theory: the correlation of two inputs by layer, re-measured at the new gain.
  const correlation = page.getByRole('region', { name: 'Correlation of two inputs by layer' });
  await correlation.scrollIntoViewIfNeeded();
  await expect(correlation.getByTestId('correlation-measured')).toBeVisible({ timeout: ENGINE_TIMEOUT });
  await expect(correlation.getByTestId('correlation-theory')).toBeVisible();
  await expect(correlation).toContainText(/This run: 0\.9 at the input, [-\d.]+ at layer 6, the map [\d.]+/);
  await page.setViewportSize({ width: 1280, height: 1600 });
  await page.mouse.move(0, 0);
  await panel.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, -120));
  await panel.screenshot({ path: test.info().outputPath('edge-of-chaos.png') }); // docs/screenshots/ keeps the committed one
  await correlation.scrollIntoViewIfNeeded();
  await correlation.screenshot({ path: test.info().outputPath('correlation-by-layer.png') });
});

test('a smooth activation beyond tanh: SELU\'s plane is computed by quadrature, its marker at lecun_normal\'s sigma_w^2 = 1, the correlation map drawn', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?depth=6&width=32&init=lecun_normal&act=selu&gain=1');
  const panel = page.getByRole('region', { name: 'The edge of chaos (SELU)' });
  await panel.scrollIntoViewIfNeeded({ timeout: ENGINE_TIMEOUT });
  const status = panel.getByTestId('chaos-status');
  await expect(status).toHaveAttribute('data-ms', /^\d+$/, { timeout: ENGINE_TIMEOUT });
  console.log(`SELU phase diagram computed in ${await status.getAttribute('data-ms')} ms`);
  await expect(panel.getByTestId('phase-canvas')).toBeVisible();
  await expect(panel.getByTestId('phase-boundary')).toBeVisible();
  await expect.poll(async () => Number(await panel.getByTestId('phase-marker').getAttribute('data-x'))).toBeCloseTo(1, 6);
  await expect(panel).toContainText('At its own initialization');
  await expect(panel).toContainText(/On this grid: \d+ cells ordered, \d+ chaotic \(c\* < 1\), \d+ without q\*/);
  await expect(panel.getByLabel('Activation of the plane').locator('option')).toHaveCount(9);
  const correlation = page.getByRole('region', { name: 'Correlation of two inputs by layer' });
  await correlation.scrollIntoViewIfNeeded();
  await expect(correlation.getByTestId('correlation-theory')).toBeVisible({ timeout: ENGINE_TIMEOUT });
  await expect(correlation).toContainText('for SELU at σ_w²');
  await page.setViewportSize({ width: 1280, height: 1600 });
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: test.info().outputPath('edge-of-chaos-selu.png') });
});
