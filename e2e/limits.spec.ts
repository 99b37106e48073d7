import { expect, test } from './fixtures';

test('a link too big for a tab is refused with a reason before any work, and the lab goes on', async ({ page }) => {
  await page.goto('/?depth=200&width=1024&batch=4096');
  const alert = page.getByRole('alert').filter({ hasText: 'too big to run here' });
  await expect(alert).toContainText('more than a browser tab can run smoothly');
  await expect(alert).toContainText('200 layers × 1024 units, batch 4096');
  await expect(page.getByRole('status', { name: 'Engine status' })).toContainText('Not run');

  // Smaller settings run again, in the same page.
  await page.getByRole('spinbutton', { name: 'Width' }).fill('32');
  await page.getByRole('spinbutton', { name: 'Width' }).press('Enter');
  await page.getByRole('spinbutton', { name: 'Batch' }).fill('32');
  await page.getByRole('spinbutton', { name: 'Batch' }).press('Enter');
  await expect(alert).toHaveCount(0);
  await expect(page.getByRole('status', { name: 'Engine status' })).toContainText('Computed in', { timeout: 60_000 });
});
