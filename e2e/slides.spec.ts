/**
 * The slide view for lecturers: one panel of the open lab filling a 1280x720 window, PageDown and
 * PageUp (a clicker's keys) to step through the panels, the slide in the link, Esc to leave.
 */
import { expect, test } from './fixtures.ts';

test.use({ viewport: { width: 1280, height: 720 } });

test('slides: one chart at a time, whole on screen, stepped with PageDown/PageUp, in the link, Esc leaves', async ({ page }) => {
  await page.goto('/?depth=6&slide=signal');
  const bar = page.getByRole('navigation', { name: 'Slides' });
  await expect(bar).toContainText('Slide 1 of 7: the signal panel');
  const chart = page.getByRole('img', { name: /^Second moment E\[h²\] of the pre-activations of 6 hidden layers/ });
  await expect(chart).toBeVisible({ timeout: 30_000 });
  // Only this panel, and all of its chart (both axes) inside the window.
  await expect(page.getByRole('region', { name: 'Gradient flow' })).toHaveCount(0);
  const box = await chart.boundingBox();
  expect(box, 'the chart has a box').not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(720);
  expect(box!.x + box!.width).toBeLessThanOrEqual(1280);

  await page.keyboard.press('PageDown');
  await expect(bar).toContainText('Slide 2 of 7: the formula card');
  await expect(page).toHaveURL(/[?&]slide=formula(&|$)/);
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  await expect(bar).toContainText('Slide 4 of 7: the gradient panel');
  await expect(page.getByRole('region', { name: 'Gradient flow' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Signal by layer' })).toHaveCount(0);
  await page.keyboard.press('PageUp');
  await expect(bar).toContainText('Slide 3 of 7');
  await bar.getByRole('button', { name: 'Next →' }).click();
  await expect(bar).toContainText('Slide 4 of 7');

  // A shared link opens on its slide; Esc leaves for the whole page, and S comes back to the first slide.
  await page.goto('/?depth=6&slide=distributions');
  await expect(bar).toContainText('Slide 7 of 7: the distributions panel');
  await expect(bar.getByRole('button', { name: 'Next →' })).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(bar).toHaveCount(0);
  await expect(page).toHaveURL(/\?v=1&depth=6$/);
  await expect(page.getByRole('region', { name: 'Signal by layer' })).toBeVisible();
  await page.locator('body').press('s');
  await expect(bar).toContainText('Slide 1 of 7');
  await expect(page).toHaveURL(/[?&]slide=signal(&|$)/);
});

test('slides in the training lab: the training bar stays, a slide the config cannot show opens the first', async ({ page }) => {
  await page.goto('/?data=spiral&depth=3&width=16&slide=bn');
  const bar = page.getByRole('navigation', { name: 'Slides' });
  await expect(bar).toContainText(/Slide \d+ of \d+: the batch-norm panels/);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await page.goto('/?depth=3&slide=curves'); // no data set: no loss curves to show
  await expect(bar).toContainText('Slide 1 of 7: the signal panel');
  await expect(page).toHaveURL(/[?&]slide=signal(&|$)/);
});
