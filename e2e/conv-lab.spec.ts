/**
 * The convolution lab: its first screen at 1280 x 720 (every control reachable, the first chart in
 * view), a preset that trains with the diagram, filters and feature maps following, a bad spec
 * named in place, an A/B variant in lockstep, and the model export in the CLI's format.
 */
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { CONV_PRESETS } from '../app/labs/conv/presets.ts';
import { presetConfig } from '../app/presets/presets.ts';

const TRAIN_TIMEOUT = 60_000;
// A conv net shares the two cores with the rest of the suite: generous, never a speed test.
test.describe.configure({ timeout: 120_000 });

const stepCounter = (page: Page) => page.getByTestId('train-step');
const controls = (page: Page) => page.getByRole('form', { name: 'Experiment controls' });

async function openRun(page: Page, query: string): Promise<void> {
  await page.goto(`/?${query}`);
  await expect(page.getByText('Ready at step 0')).toBeVisible({ timeout: TRAIN_TIMEOUT });
}

test('the lab at 1280 x 720: every control reachable, the first chart in view', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openRun(page, 'lab=conv&data=digits&arch=tiny_vgg');
  await expect(page.getByRole('tab', { name: 'Convolutions' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { name: 'Loss', exact: true })).toBeInViewport();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeInViewport();
  const fields = controls(page).locator('select, input, button');
  const count = await fields.count();
  expect(count).toBeGreaterThan(8);
  for (let i = 0; i < count; i++) {
    const f = fields.nth(i);
    await f.scrollIntoViewIfNeeded();
    await expect(f).toBeInViewport();
  }
  for (const label of ['Images', 'Architecture', 'Spec', 'Compare with', 'Initializer', 'Gain', 'Batch', 'Optimizer', 'Learning rate']) {
    await expect(controls(page).getByLabel(label, { exact: true }).first()).toBeVisible();
  }
});

test('the LeNet-5 preset trains on the 28x28 digits; the spec sheet, filters and feature maps follow', async ({ page }) => {
  await page.goto('/?lab=conv');
  await page.getByRole('combobox', { name: 'Preset' }).selectOption('conv-lenet5');
  await expect(page.getByText('Ready at step 0')).toBeVisible({ timeout: TRAIN_TIMEOUT });
  await expect(page.getByTestId('weight-sharing')).toContainText('156');
  await expect(page.getByTestId('weight-sharing')).toContainText('4,821,600');
  await expect(page.getByRole('region', { name: 'Spec sheet', exact: true })).toContainText('⌊(28 + 2·2 − (5 − 1) − 1) / 1⌋ + 1 = 28');
  await expect(page.getByTestId('filter-grid').getByRole('img')).toHaveCount(6);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(stepCounter(page)).toHaveText('1', { timeout: TRAIN_TIMEOUT });
  await expect(page.getByTestId('inspect-prediction')).toContainText('Image 0: true class');
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByTestId('inspect-prediction')).toContainText('Image 1: true class');
  // selecting a layer in the feature maps selects it in the spec sheet
  await page.getByRole('button', { name: /^2\. conv 5x5 6->16/ }).click();
  await expect(page.getByRole('region', { name: 'Spec sheet', exact: true }).locator('tr.selected')).toContainText('c3');
});

test('a bad spec is named in place and changes nothing; a good one trains', async ({ page }) => {
  await openRun(page, 'lab=conv&data=digits&arch=tiny_vgg');
  const spec = controls(page).getByLabel('Spec', { exact: true });
  await spec.fill('conv3-8,relu,max2,fc11');
  await expect(page.getByTestId('spec-shape-problem')).toContainText('the network ends in 11, but the data has 10 classes');
  await spec.fill('conv3-8,relu,maxx2,fc10');
  await expect(controls(page).getByRole('alert')).toContainText('expected');
  await expect(page).toHaveURL(/arch=conv3-8%2Crelu%2Cmax2%2Cfc11|arch=conv3-8,relu,max2,fc11/);
  await spec.fill('conv3-8,relu,max2,fc10');
  await expect(page.getByText('Ready at step 0')).toBeVisible({ timeout: TRAIN_TIMEOUT });
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(stepCounter(page)).toHaveText('1', { timeout: TRAIN_TIMEOUT });
});

test('the layer list rewrites the spec and the link; a refused value is named in place; the batch-norm box inserts bn', async ({ page }) => {
  await openRun(page, 'lab=conv&data=digits&arch=conv3-8,relu,max2,conv3-16,relu,max2,gap,fc10');
  const spec = controls(page).getByLabel('Spec', { exact: true });
  await controls(page).getByRole('button', { name: /Layers \(8\)/ }).click();
  const rows = controls(page).getByRole('list', { name: 'Layers of the spec' });
  const channels = rows.getByLabel('channels', { exact: true });
  await channels.fill('12');
  await expect(spec).toHaveValue('conv3-12,relu,max2,conv3-16,relu,max2,gap,fc10');
  await expect(page).toHaveURL(/arch=conv3-12%2Crelu|arch=conv3-12,relu/);
  await rows.getByLabel('groups', { exact: true }).fill('5');
  await expect(rows.getByRole('alert')).toContainText('divisible by the groups');
  await expect(spec).toHaveValue('conv3-12,relu,max2,conv3-16,relu,max2,gap,fc10');
  await rows.getByRole('button', { name: 'Remove layer 2' }).click();
  await expect(spec).toHaveValue('conv3-12,max2,conv3-16,relu,max2,gap,fc10');
  await controls(page).getByLabel('Batch norm after each conv').check();
  await expect(spec).toHaveValue('conv3-12,bn,max2,conv3-16,bn,relu,max2,gap,fc10');
  await expect(page).toHaveURL(/arch=conv3-12%2Cbn%2Cmax2|arch=conv3-12,bn,max2/);
  await expect(page.getByText('Ready at step 0')).toBeVisible({ timeout: TRAIN_TIMEOUT });
  await controls(page).getByLabel('Batch norm after each conv').uncheck();
  await expect(spec).toHaveValue('conv3-12,max2,conv3-16,relu,max2,gap,fc10');
});

test('an A/B variant trains in lockstep beside the run', async ({ page }) => {
  await openRun(page, 'lab=conv&data=digits&arch=conv3-4,relu,max2,conv3-8,relu,gap,fc10&init=xavier_normal');
  await controls(page).getByLabel('Compare with', { exact: true }).fill('init:he_normal');
  await expect(page.getByText('Ready at step 0')).toBeVisible({ timeout: TRAIN_TIMEOUT });
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByText('Paused at step 1.')).toBeVisible({ timeout: TRAIN_TIMEOUT });
  const filters = page.getByRole('region', { name: 'First-layer filters' });
  await expect(filters.getByTestId('filter-grid')).toHaveCount(2);
  await expect(filters).toContainText('He normal init');
  await expect(page.getByRole('region', { name: 'Signal by layer, with the theory line' })).toContainText('He normal init: measured');
});

test('another network beside it (vs=arch:): each run trains its own; the drawing and the feature maps switch between them', async ({ page }) => {
  await openRun(page, 'lab=conv&data=digits&arch=conv3-4,relu,max2,conv3-8,relu,gap,fc10&init=he_normal');
  await controls(page).getByLabel('Compare with', { exact: true }).fill('arch:conv3-4nb,bn,relu,gap,fc10');
  await expect(page.getByText('Ready at step 0')).toBeVisible({ timeout: TRAIN_TIMEOUT });
  await expect(page).toHaveURL(/vs=arch:conv3-4nb,bn,relu,gap,fc10/);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByText('Paused at step 1.')).toBeVisible({ timeout: TRAIN_TIMEOUT });
  // the network panel draws either run's network
  const network = page.getByRole('region', { name: 'The network: drawing and spec sheet' });
  await network.getByText('conv3-4nb,bn,relu,gap,fc10', { exact: true }).click();
  await expect(page.getByTestId('conv-params')).toHaveText('94'); // 36 conv weights (no bias), 8 of batch norm (γ, β), 40 + 10 of fc10
  // the feature maps of the second run: two units (conv, fc), not three
  const maps = page.getByRole('region', { name: 'Feature maps of one test image' });
  await maps.getByText('conv3-4nb,bn,relu,gap,fc10', { exact: true }).click();
  await expect(maps.locator('.map-layer')).toHaveCount(2);
  await maps.getByText('conv3-4,relu,max2,conv3-8,relu,gap,fc10', { exact: true }).click();
  await expect(maps.locator('.map-layer')).toHaveCount(3);
});

test('the model export is the CLI\'s format, conv weights in PyTorch\'s layout', async ({ page }) => {
  await openRun(page, 'lab=conv&data=digits&arch=tiny_vgg');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(stepCounter(page)).toHaveText('1', { timeout: TRAIN_TIMEOUT });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Model JSON' }).click()]);
  const json = JSON.parse(await readFile(await download.path(), 'utf8'));
  expect(json.format).toBe('layerscope-arch-1');
  expect(json.step).toBe(1);
  expect(json.params[0]).toMatchObject({ module: 0, name: 'weight', shape: [8, 1, 3, 3] });
  await expect(page.getByText(/fingerprint at step 1/i)).toContainText(json.fingerprint);
});

test('axe: the lab after a step, tables open, no serious or critical violation', async ({ page }) => {
  await openRun(page, 'lab=conv&data=digits&arch=tiny_resnet');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(stepCounter(page)).toHaveText('1', { timeout: TRAIN_TIMEOUT });
  for (const show of await page.getByRole('button', { name: 'Show table' }).all()) {
    if (await show.isVisible()) await show.click();
  }
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad, bad.map((v) => `${v.id}: ${v.help}\n  ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n  ')}`).join('\n')).toEqual([]);
});

test('every convolution preset opens from the menu with its note, its network and a run at step 0', async ({ page }) => {
  test.setTimeout(CONV_PRESETS.length * 90_000);
  await page.goto('/?lab=conv');
  const menu = page.getByRole('combobox', { name: 'Preset' });
  for (const preset of CONV_PRESETS) {
    await test.step(preset.title, async () => {
      await menu.selectOption(preset.id);
      await expect(page.getByRole('combobox', { name: 'Initializer' })).toHaveValue(presetConfig(preset).init);
      await expect(page.getByRole('region', { name: /^What to notice/ })).toContainText(preset.notice);
      await expect(page.getByText('Ready at step 0')).toBeVisible({ timeout: TRAIN_TIMEOUT });
      await expect(page.getByTestId('conv-params')).toHaveText(/^[\d,]+$/);
      await expect(page.getByTestId('filter-grid').first().getByRole('img').first()).toBeVisible();
    });
  }
});
