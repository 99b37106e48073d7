/**
 * When numbers overflow, the lab says where and when, draws the finite part, and recovers on reset:
 * an exploding initialization (forward), training at learning rate 100, and a fresh run after it.
 */
import { expect, test } from './fixtures.ts';
import { ENGINE_TIMEOUT, settled, signalPanel } from './lab.ts';

test('an exploding initialization names the layer that overflowed and still draws the layers below', async ({ page }) => {
  await page.goto('/?depth=40&act=relu&init=normal&std=1');
  await settled(page);
  await expect(signalPanel(page).getByText(/Layer 36 overflowed in the forward pass/)).toBeVisible();
  await expect(signalPanel(page).locator('svg path[d]:not([d=""])').first()).toBeVisible();
});

test('training at learning rate 100 stops at the step that diverged, says where, and Reset recovers', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?data=spiral&depth=4&width=32&batch=256&act=relu&init=he_normal&lr=100');
  await expect(page.getByText('Ready at step 0')).toBeVisible({ timeout: ENGINE_TIMEOUT });
  await page.getByRole('button', { name: 'Play' }).click();
  const status = page.locator('.training-status');
  await expect(status).toContainText(/loss diverged at step 4 \(layer 4’?'?s activations are not finite\)/, { timeout: ENGINE_TIMEOUT });
  await expect(page.getByTestId('train-step')).toHaveText('3'); // the last finite step
  await expect(page.getByRole('button', { name: 'Play' })).toBeDisabled();
  // The curves keep their finite part.
  await expect(page.locator('svg path[d]:not([d=""])').first()).toBeVisible();

  // Reset goes back to step 0; a sane learning rate then trains.
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByTestId('train-step')).toHaveText('0', { timeout: ENGINE_TIMEOUT });
  await expect(page.getByText('Ready at step 0')).toBeVisible();
  const lr = page.getByRole('spinbutton', { name: 'Learning rate' });
  await lr.fill('0.1');
  await lr.blur();
  await page.getByRole('button', { name: '+100' }).click();
  await expect(page.getByTestId('train-step')).toHaveText('100', { timeout: ENGINE_TIMEOUT });
  await expect(status).not.toContainText('diverged');
});
