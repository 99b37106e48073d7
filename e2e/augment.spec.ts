import type { Locator, Page } from '@playwright/test';
import { parseQuery } from '../engine/contract/config.ts';
import { runTraining } from '../engine/cli/train.ts';
import { loadTestDigits } from '../engine/testing/trainingRuns.ts';
import { percent } from '../app/labs/training/predictions.ts';
import { expect, test } from './fixtures.ts';

/** Augmentation journeys: the augmented batch changes with every step; the controls write the link; a scarce-data A/B. */

const TRAIN_TIMEOUT = 30_000;
test.describe.configure({ timeout: 120_000 });

const SCARCE = 'lab=regularization&data=digits&ntrain=10&depth=1&width=32&batch=16&opt=adam&lr=0.003';

async function openRun(page: Page, query: string): Promise<void> {
  await page.goto(`/?${query}`);
  await expect(page.getByText('Ready at step 0')).toBeVisible({ timeout: TRAIN_TIMEOUT });
}

function batchPanel(page: Page): Locator {
  return page.getByRole('region', { name: 'Augmented training batch' });
}

/** Every image of a grid as its pixels (data URLs of the canvases), in order. */
async function gridPixels(grid: Locator): Promise<string[]> {
  return grid.locator('canvas').evaluateAll((canvases) => canvases.map((c) => (c as HTMLCanvasElement).toDataURL()));
}

async function stepOnce(page: Page, to: number): Promise<void> {
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByText(`Paused at step ${to}.`)).toBeVisible({ timeout: TRAIN_TIMEOUT });
}

test('the augmented batch is drawn at every step and changes with it; a control writes aug into the link', async ({ page }) => {
  await openRun(page, `${SCARCE}&aug=shift:1_elastic:2:1`);
  const panel = batchPanel(page);
  await panel.scrollIntoViewIfNeeded();
  await expect(panel.getByText('No batch yet: press Step or Play.')).toBeVisible();

  await stepOnce(page, 1);
  const grid = panel.getByRole('list', { name: /the training batch at step 1, shifts ≤ 1 px, elastic α 2 σ 1/ });
  await expect(grid).toBeVisible();
  await expect(grid.getByRole('listitem')).toHaveCount(16);
  await expect(grid.getByRole('listitem').first()).toHaveAccessibleName(/^Example 1: a \d$/);
  const first = await gridPixels(grid);

  await stepOnce(page, 2);
  const grid2 = panel.getByRole('list', { name: /the training batch at step 2,/ });
  await expect(grid2).toBeVisible();
  const second = await gridPixels(grid2);
  expect(second).toHaveLength(16);
  expect(second).not.toEqual(first);

  // Reset and step again: the same link draws the same augmented batch (its own seeded stream).
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByText('Ready at step 0')).toBeVisible({ timeout: TRAIN_TIMEOUT });
  await stepOnce(page, 1);
  await expect(panel.getByRole('list', { name: /the training batch at step 1,/ })).toBeVisible();
  expect(await gridPixels(panel.getByRole('list', { name: /the training batch at step 1,/ }))).toEqual(first);

  // The sidebar's controls: switching cutout on writes it into the link, in the canonical order.
  const controls = page.getByRole('group', { name: 'Augmentations' });
  await controls.getByRole('checkbox', { name: 'Cutout' }).check();
  await expect(page).toHaveURL(/[?&]aug=shift:1_elastic:2:1_cutout:3(&|$)/);
  await expect(controls.getByRole('slider', { name: 'Cutout: strength' })).toBeVisible();
  await controls.getByRole('checkbox', { name: 'Integer shift' }).uncheck();
  await expect(page).toHaveURL(/[?&]aug=elastic:2:1_cutout:3(&|$)/);
});

test('a scarce-data A/B: 100 digits without and with elastic warps, side by side, the numbers the CLI prints', async ({ page }, testInfo) => {
  const query = `${SCARCE}&vs=aug:elastic:2:1`;
  await openRun(page, query);
  await page.getByRole('button', { name: '+100', exact: true }).click();
  await expect(page.getByText('Paused at step 100.')).toBeVisible({ timeout: TRAIN_TIMEOUT });

  const panel = batchPanel(page);
  await panel.scrollIntoViewIfNeeded();
  await expect(panel.getByRole('heading', { name: 'No augmentation' })).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'Elastic α 2 σ 1' })).toBeVisible();
  const plain = await gridPixels(panel.getByRole('list', { name: /^No augmentation: the training batch at step 100/ }));
  const warped = await gridPixels(panel.getByRole('list', { name: /^Elastic α 2 σ 1: the training batch at step 100/ }));
  expect(plain).toHaveLength(16);
  expect(warped).toHaveLength(16);
  expect(warped).not.toEqual(plain); // the same examples (same batch order), warped
  await page.screenshot({ path: testInfo.outputPath('augment-ab.png') });

  // Each run's test accuracy on the page is the engine's (the CLI's) for the same link and step.
  const config = parseQuery(query).config;
  const report = runTraining(config, 100, { track: false, digits: loadTestDigits() });
  const want = [report.metrics.testAccuracy!, report.variants![0].metrics.testAccuracy!].map(percent);
  const digitsPanel = page.getByRole('region', { name: 'Test digits and predictions' });
  await expect(digitsPanel.getByText(`Test accuracy ${want[0]}`)).toBeVisible();
  await expect(digitsPanel.getByText(`Test accuracy ${want[1]}`)).toBeVisible();
});
