import { parseQuery } from '../engine/contract/config.ts';
import { runTraining } from '../engine/cli/train.ts';
import { SLOW_STEPS_PER_SECOND } from '../app/labs/training/fastConfig.ts';
import { expect, test } from './fixtures.ts';

/** The first minute: every run drawn and named in words, numbers with their step, sizes that train live. */

const TRAIN_TIMEOUT = 30_000;
test.describe.configure({ timeout: 90_000 });

const THREE = 'data=spiral&depth=30&width=32&batch=32&vs=depth:6;residual:1';
const NAMES = ['30 layers, plain', '6 layers, plain', '30 layers, residual'];

test('three runs in lockstep: Loss and Accuracy draw every run, and every legend and summary names them in words', async ({ page }) => {
  await page.goto(`/?${THREE}`);
  await expect(page.getByText('Ready at step 0')).toBeVisible({ timeout: TRAIN_TIMEOUT });
  await page.getByRole('button', { name: '+100', exact: true }).click();
  await expect(page.getByText('Paused at step 100.')).toBeVisible({ timeout: TRAIN_TIMEOUT });
  for (const title of [/^Loss$/, /^Accuracy$/]) {
    const panel = page.getByRole('region', { name: title });
    const legend = panel.getByRole('list').first();
    for (const name of NAMES) await expect(legend.getByText(name, { exact: true })).toBeVisible();
    for (const id of ['primary', 'variant-1', 'variant-2']) {
      const line = panel.locator(`path[data-line="${id}-test"]`);
      await expect(line, `${title}: the ${id} run's test line`).toHaveCount(1);
      expect((await line.getAttribute('d'))?.length ?? 0, `${title}: the ${id} run's line has points`).toBeGreaterThan(10);
    }
  }
  const summary = page.locator('.summary');
  await expect(summary).toContainText(`runs compared: ${NAMES.join('; ')}`);
  const runs = page.getByRole('list', { name: 'Runs compared' });
  for (const name of NAMES) await expect(runs.getByText(name, { exact: true })).toBeVisible();
  // No URL syntax in what people read.
  const text = await page.locator('main').innerText();
  expect(text).not.toMatch(/depth:\d|residual:\d|vs depth/);
});

test('a paused run shows the fingerprint the CLI prints for the same link and step; the masthead says what the page is doing', async ({ page }) => {
  const link = 'data=spiral&act=relu&init=he_normal&lr=0.05';
  const expected = runTraining(parseQuery(link).config, 100, { track: false, digits: null }).fingerprint;
  await page.goto(`/?${link}`);
  await expect(page.getByText('Ready at step 0')).toBeVisible({ timeout: TRAIN_TIMEOUT });
  const status = page.getByRole('status', { name: 'Engine status' });
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(status).toHaveText('Training in the worker…');
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(status).toContainText(/^Idle at step [\d,]+\./);
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.getByTestId('train-step')).toHaveText('0');
  await page.getByRole('button', { name: '+100', exact: true }).click();
  await expect(page.getByText('Paused at step 100.')).toBeVisible({ timeout: TRAIN_TIMEOUT });
  await expect(page.getByLabel('training fingerprint')).toHaveText(expected);
  await expect(status).toContainText('Idle at step 100.');
});

test('a link that trains on data without sizing the network trains a small one, live', async ({ page }) => {
  await page.goto('/?data=spiral');
  await expect(page.getByText('Ready at step 0')).toBeVisible({ timeout: TRAIN_TIMEOUT });
  await expect(page.locator('.summary')).toContainText('3 hidden layers × 32 units');
  await expect(page.locator('.summary')).toContainText('batch 32');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(async () => Number((await page.getByTestId('train-rate').innerText()).replace(/,/g, '')) || 0, { timeout: TRAIN_TIMEOUT }).toBeGreaterThan(SLOW_STEPS_PER_SECOND);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
});

test('a run under 20 steps/s says so and offers the nearest fast configuration in one click', async ({ page }) => {
  await page.goto('/?depth=10&width=256&batch=256&data=digits');
  await expect(page.getByText('Ready at step 0')).toBeVisible({ timeout: TRAIN_TIMEOUT });
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const offer = page.getByRole('button', { name: 'Train 10 × 64 at batch 32 instead' });
  await expect(offer).toBeVisible({ timeout: TRAIN_TIMEOUT });
  await expect(page.getByRole('note')).toContainText(/Training at \d+ steps\/s: this 10 × 256 network at batch 256 is too big/);
  await offer.click();
  await expect(page).toHaveURL(/depth=10&width=64&.*batch=32&.*data=digits/);
  await expect(page.getByText('Ready at step 0')).toBeVisible({ timeout: TRAIN_TIMEOUT });
});

test('an 800 x 450 embed of two panels shows the whole first chart, both axes in the frame; its description folds', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 450 });
  await page.goto('/?embed=1&panels=signal,gradient');
  const panel = page.getByRole('region', { name: 'Signal by layer' });
  const chart = panel.locator('svg.chart').first();
  await expect(chart).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByRole('figure').first()).toHaveAttribute('aria-busy', 'false', { timeout: 60_000 });
  const box = (await chart.boundingBox())!;
  expect(box.y, 'the chart starts inside the frame').toBeGreaterThanOrEqual(0);
  expect(box.y + box.height, `the chart (${box.y} + ${box.height} px) ends inside 450 px`).toBeLessThanOrEqual(450);
  expect(box.x + box.width).toBeLessThanOrEqual(800);
  await expect(panel.getByText('About this chart')).toBeVisible();
});

test('the steps axis: log or linear, and the last N steps, for every chart over training steps', async ({ page }) => {
  await page.goto('/?data=spiral');
  await expect(page.getByText('Ready at step 0')).toBeVisible({ timeout: TRAIN_TIMEOUT });
  for (let i = 1; i <= 3; i++) {
    await page.getByRole('button', { name: '+100', exact: true }).click();
    await expect(page.getByText(`Paused at step ${i * 100}.`)).toBeVisible({ timeout: TRAIN_TIMEOUT });
  }
  // The steps axis's tick labels (the y axis's sit at the left, with an x).
  const ticks = (title: RegExp) => page.getByRole('region', { name: title }).locator('svg.chart text.tick[y="22"]').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
  await page.getByRole('combobox', { name: 'Steps axis scale' }).selectOption('log');
  for (const title of [/^Loss$/, /^Accuracy$/]) expect(await ticks(title)).toEqual(expect.arrayContaining(['1', '10', '100']));
  await page.getByRole('combobox', { name: 'Steps axis scale' }).selectOption('linear');
  await page.getByRole('combobox', { name: 'Steps shown' }).selectOption('100');
  for (const title of [/^Loss$/, /^Accuracy$/]) {
    const shown = (await ticks(title)).map(Number).filter(Number.isFinite);
    expect(Math.min(...shown), `${title}: only the last 100 steps`).toBeGreaterThanOrEqual(200);
  }
});

test('presenting a preset at 1280 x 720: its note folds above the chart, and the first chart fits the screen with both axes', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/?depth=40&act=relu&init=normal&std=1&present=1');
  const note = page.getByRole('region', { name: /^What to notice/ });
  await expect(note).toBeVisible();
  await expect(note.locator('details')).not.toHaveAttribute('open', '');
  const chart = page.locator('svg.chart').first();
  await expect(chart).toBeVisible({ timeout: 60_000 });
  // The chart may still be laying out as its numbers arrive: wait for it to settle in the frame,
  // then check (and name) its edges.
  await expect.poll(async () => { const b = await chart.boundingBox(); return b !== null && b.y >= 0 && b.y + b.height <= 720; }, { timeout: 10_000 }).toBe(true).catch(() => {});
  const box = (await chart.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height, `the chart ends at ${box.y + box.height} px`).toBeLessThanOrEqual(720);
  await note.getByText(/^What to notice/).click();
  await expect(note.locator('details')).toHaveAttribute('open', '');
});
