import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/** Greedy layer-wise pretraining: a run pretrains layer by layer (Step and +100 move it), then fine-tunes beside its baseline. */

const TIMEOUT = 60_000;
test.describe.configure({ timeout: 180_000 });

const QUERY = 'lab=regularization&data=digits&depth=2&width=16&batch=16&act=sigmoid&lr=0.1&pretrain=dae&ptsteps=100&ptlr=0.1&vs=pretrain:none';

const layerBar = (page: Page, layer: number) => page.getByRole('progressbar', { name: `Layer ${layer}` });
const stepCounter = (page: Page) => page.getByTestId('train-step');

test('a pretraining run shows its progress per layer, then fine-tunes with labels beside its baseline', async ({ page }) => {
  await page.goto(`/?${QUERY}`);
  await expect(page.getByText('Ready at step 0')).toBeVisible({ timeout: TIMEOUT });
  const progress = page.getByRole('region', { name: 'Pretraining, layer by layer' });
  await expect(progress).toBeVisible({ timeout: TIMEOUT });
  await expect(layerBar(page, 1)).toHaveAttribute('value', '0');
  await expect(page.getByRole('combobox', { name: 'Pretraining' })).toHaveValue('dae');

  // One Step is one pretraining step of layer 1: no training step yet.
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(layerBar(page, 1)).toHaveAttribute('value', '1', { timeout: TIMEOUT });
  await expect(stepCounter(page)).toHaveText('0');
  await expect(progress.getByRole('status')).toHaveText('Pretraining layer 1 of 2 as a denoising autoencoder: step 1 of 100.');

  // +100: layer 1 done (100 steps), layer 2 begun; reconstructions drawn through both decoders.
  await page.getByRole('button', { name: '+100', exact: true }).click();
  await expect(layerBar(page, 1)).toHaveAttribute('value', '100', { timeout: TIMEOUT });
  await expect(layerBar(page, 2)).toHaveAttribute('value', '1');
  await expect(progress.getByText(/Layer 1 \(linear decoder, squared error\): done, reconstruction loss [\d.]+ → [\d.]+/)).toBeVisible();
  await expect(progress.getByText(/Layer 2 \(sigmoid decoder, cross-entropy\): step 1 of 100/)).toBeVisible();
  const reconstructions = page.getByRole('region', { name: 'Reconstructions' });
  await expect(reconstructions.getByRole('img', { name: 'Reconstruction 8 from layer 1' })).toBeVisible();
  await expect(reconstructions.getByRole('img', { name: 'Reconstruction 8 from layer 2' })).toBeVisible();
  await expect(reconstructions.getByText('from layers 2 → 1')).toBeVisible();

  // +100 again: pretraining ends after 200 steps, and both runs take their first step with labels together.
  await page.getByRole('button', { name: '+100', exact: true }).click();
  await expect(progress.getByRole('status')).toHaveText(/^Pretraining done: 2 layers × 100 steps/, { timeout: TIMEOUT });
  await expect(stepCounter(page)).toHaveText('1');
  await expect(layerBar(page, 2)).toHaveAttribute('value', '100');

  // The per-layer gradient before and after pretraining, in the table behind the chart.
  const gradient = page.getByRole('region', { name: 'Gradient by layer, before and after pretraining' });
  await gradient.getByRole('button', { name: 'Show table' }).click();
  const rows = gradient.getByRole('table').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all()) await expect(row.getByRole('cell').nth(1)).toHaveText(/^\d/);

  // Fine-tuning: 100 more steps with labels; the test accuracy is measured for both runs.
  await page.getByRole('button', { name: '+100', exact: true }).click();
  await expect(page.getByText('Paused at step 101.')).toBeVisible({ timeout: TIMEOUT });
  await expect(page.getByRole('region', { name: 'Training', exact: true })).toContainText(/\d+(\.\d)?%/);
});

test('a link that cannot pretrain says why by name', async ({ page }) => {
  await page.goto('/?lab=regularization&data=digits&depth=2&width=16&batch=16&pretrain=ae&norm=batch');
  await expect(page.getByText(/pretrain=ae trains each layer as an autoencoder without batch norm/).first()).toBeVisible({ timeout: TIMEOUT });
});
