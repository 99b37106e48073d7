/**
 * Every run of a `vs=` link in the training lab's inside views: the layer x step heatmap draws one
 * per run, named in words, on the steps axis the other step charts use; the batch-norm lab lets
 * each run with batch norm be picked by name and names the ones without.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const TRAIN_TIMEOUT = 30_000;
const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

// Three runs: 3 layers with batch norm, 2 layers with batch norm, 3 layers without.
const LINK = '/?data=spiral&depth=3&width=16&norm=batch&vs=depth:2;norm:none';

async function train100(page: Page, until: number) {
  const plus = page.getByRole('button', { name: '+100', exact: true });
  await expect(plus).toBeEnabled({ timeout: TRAIN_TIMEOUT });
  await plus.click();
  await expect(page.getByTestId('train-step')).toHaveText(until.toLocaleString('en-US'), { timeout: TRAIN_TIMEOUT });
}

test('three runs: three heatmaps named in words, following the steps axis', async ({ page }) => {
  await page.goto(LINK);
  await train100(page, 100);
  await train100(page, 200);
  await page.mouse.move(0, 0); // a heatmap that scrolls under the pointer would take its hover over the keyboard's cell
  const layers = region(page, 'Layers over training');
  await expect(layers.getByRole('heading', { level: 3 })).toHaveText(['3 layers, with batch norm', '2 layers, with batch norm', '3 layers, without batch norm']);
  await expect(layers.getByRole('img', { name: /^2 layers, with batch norm\. Heatmap of the update : weight ratio by layer \(2 hidden layers and the output layer\)/ })).toBeVisible();
  await expect(layers.getByRole('img', { name: /^3 layers, without batch norm\. Heatmap .* Shown: every step, linear steps axis\.$/ })).toBeVisible();
  await expect(layers.getByTestId('heatmap-canvas')).toHaveCount(3);

  // The last 100 steps, on a log axis: the heatmaps say so, and the keyboard walks only the steps on screen.
  await page.getByRole('combobox', { name: 'Steps shown' }).selectOption('100');
  await page.getByRole('combobox', { name: 'Steps axis scale' }).selectOption('log');
  const third = layers.getByRole('img', { name: /^3 layers, without batch norm\. Heatmap .* Shown: the last 100 steps, log steps axis\.$/ });
  await expect(third).toBeVisible();
  await third.focus();
  await page.keyboard.press('Home');
  const first = Number(/^Step (\d+),/.exec(await layers.getByText(/^Step \d+, (the output layer|layer \d)/).innerText())![1]);
  expect(first).toBeGreaterThanOrEqual(99);
  expect(first).toBeLessThanOrEqual(101);
  await page.keyboard.press('End');
  await expect(layers.getByText(/^Step 200, (the output layer|layer \d)/)).toBeVisible();

  // Every step again: Home goes back to the first recorded step.
  await page.getByRole('combobox', { name: 'Steps shown' }).selectOption('all');
  const thirdAll = layers.getByRole('img', { name: /^3 layers, without batch norm\. Heatmap .* Shown: every step, log steps axis\.$/ });
  await thirdAll.focus();
  await page.keyboard.press('Home');
  await expect(layers.getByText(/^Step [01], (the output layer|layer \d)/)).toBeVisible();
});

test('three runs: the batch-norm lab offers each run with batch norm by name', async ({ page }) => {
  await page.goto(LINK);
  await train100(page, 100);
  const lab = region(page, 'Batch normalization, one batch at a time');
  const run = lab.getByRole('group', { name: 'Run' });
  await expect(run.getByRole('radio')).toHaveCount(2);
  await expect(lab.getByText(/2 of the 3 runs have batch normalization: pick one above\. No batch normalization to look inside in 3 layers, without batch norm\./)).toBeVisible();
  await expect(lab.getByRole('img', { name: /^Per-unit batch variance of 3 hidden layers/ })).toBeVisible();
  await run.getByRole('radio', { name: '2 layers, with batch norm' }).check();
  await expect(lab.getByRole('img', { name: /^Per-unit batch variance of 2 hidden layers/ })).toBeVisible();
  await expect(lab.getByRole('figure', { name: 'Running estimates against this batch' }).getByRole('combobox', { name: 'Layer' }).getByRole('option')).toHaveCount(2);
});
