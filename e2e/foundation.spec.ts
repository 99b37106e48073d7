import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/** The "Signal by layer" panel: each layer's second moment (one of several panels with a table toggle). */
const signalPanel = (page: Page) => page.getByRole('region', { name: 'Signal by layer' });

/** Open the numbers behind the chart and wait for the worker's answer: one row per hidden layer. */
async function openTable(page: Page, layers: number) {
  await signalPanel(page).getByRole('button', { name: 'Show table' }).click();
  const table = page.getByRole('table', { name: /Signal by layer/ });
  await expect(table.getByRole('rowheader')).toHaveCount(layers);
  await expect(page.getByRole('status', { name: 'Engine status' })).toContainText(/Computed in \d/);
  return table;
}

/** The text of one column (0 = measured E[h²]) of every body row of a table (the signal table by default). */
async function column(page: Page, index: number, name: RegExp = /Signal by layer/): Promise<string[]> {
  const table = page.getByRole('table', { name });
  const rows = table.getByRole('row').filter({ has: page.getByRole('rowheader') });
  const texts: string[] = [];
  for (const row of await rows.all()) texts.push((await row.getByRole('cell').nth(index).innerText()).trim());
  return texts;
}

test('the default experiment charts ten layers of real numbers', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle('Layerscope');
  await expect(page.getByRole('heading', { level: 1, name: 'Layerscope' })).toBeVisible();
  await expect(page.getByText(/10 hidden layers × 256 units · tanh · xavier_uniform init · batch 256 · seed 1/)).toBeVisible();

  const chart = page.getByRole('img', { name: /Second moment E\[h²\] of the pre-activations of 10 hidden layers/ });
  await expect(chart).toBeVisible();
  await expect(page.getByRole('figure', { name: /Signal by layer/ })).toBeVisible();

  const table = await openTable(page, 10);
  await expect(table).toBeVisible();
  await expect(signalPanel(page).getByRole('button', { name: 'Hide table' })).toHaveAttribute('aria-expanded', 'true');
  for (const index of [0, 1, 2, 3]) {
    const values = (await column(page, index)).map(Number);
    expect(values, `column ${index}`).toHaveLength(10);
    for (const v of values) {
      expect(Number.isFinite(v) && v > 0, `column ${index}: ${v}`).toBe(true);
    }
  }
  // The measured moments follow the theory for this well-behaved default (Xavier + tanh).
  const measured = (await column(page, 0)).map(Number);
  const theory = (await column(page, 1)).map(Number);
  measured.forEach((m, i) => expect(Math.abs(Math.log(m / theory[i]))).toBeLessThan(0.2));

  await signalPanel(page).getByRole('button', { name: 'Hide table' }).click();
  await expect(table).toBeHidden();

  // The gradients' second moments, measured and predicted, sit in the gradient panel's table.
  await page.getByRole('figure', { name: 'Gradient second moment by layer' }).getByRole('button', { name: 'Show table' }).click();
  const gradients = /Gradient second moment by layer/;
  await expect(page.getByRole('table', { name: gradients }).getByRole('rowheader')).toHaveCount(10);
  for (const index of [0, 1]) {
    const values = (await column(page, index, gradients)).map(Number);
    expect(values, `gradient column ${index}`).toHaveLength(10);
    for (const v of values) expect(Number.isFinite(v) && v > 0, `gradient column ${index}: ${v}`).toBe(true);
  }
});

test('a link with depth, activation and init runs that experiment', async ({ page }) => {
  await page.goto('/?depth=5&act=relu&init=he_normal');
  await expect(page.getByText(/5 hidden layers × 256 units · relu · he_normal init/)).toBeVisible();
  await openTable(page, 5);
  await expect(page.getByRole('slider', { name: 'Hidden layers' })).toHaveValue('5');
  await expect(page.getByRole('combobox', { name: 'Activation', exact: true })).toHaveValue('relu');
  await expect(page.getByRole('combobox', { name: 'Initializer' })).toHaveValue('he_normal');
  await expect(page.getByRole('status', { name: 'Problems in this link' })).toHaveCount(0);
});

test('a garbage link names its problems as text and still draws a chart', async ({ page }) => {
  await page.goto('/?depth=abc&zzz=1&act=<script>alert(1)</script>');
  const notice = page.getByRole('status', { name: 'Problems in this link' });
  await expect(notice).toBeVisible();
  await expect(notice.getByRole('listitem')).toHaveCount(3);
  await expect(notice).toContainText('depth=abc is not a number');
  await expect(notice).toContainText('unknown key "zzz"');
  await expect(notice).toContainText('act=<script>alert(1)</script> is not a choice');

  // The defaults stand in for the bad values.
  await expect(page.getByText(/10 hidden layers × 256 units · tanh/)).toBeVisible();
  await expect(page.getByRole('img', { name: /Second moment E\[h²\] of the pre-activations of 10 hidden layers/ })).toBeVisible();
  await openTable(page, 10);
  for (const v of (await column(page, 0)).map(Number)) expect(Number.isFinite(v) && v > 0).toBe(true);

  await page.getByRole('button', { name: 'Dismiss the link problems' }).click();
  await expect(notice).toHaveCount(0);
});

test('changing a control rewrites the link and reruns the probe', async ({ page }) => {
  await page.goto('/');
  await openTable(page, 10);
  await page.getByRole('spinbutton', { name: 'Hidden layers' }).fill('4');
  await page.getByRole('combobox', { name: 'Activation', exact: true }).selectOption('relu');
  await page.getByRole('combobox', { name: 'Initializer' }).selectOption('he_uniform');
  await expect(page).toHaveURL(/\?v=1&depth=4&act=relu&init=he_uniform$/);
  await expect(page.getByRole('table', { name: /Signal by layer/ }).getByRole('rowheader')).toHaveCount(4);
  await expect(page.getByText(/4 hidden layers × 256 units · relu · he_uniform init/)).toBeVisible();

  // The link replays the same experiment.
  await page.reload();
  await expect(page.getByRole('slider', { name: 'Hidden layers' })).toHaveValue('4');
});

test('overflow and exact zeros are marked, not dropped', async ({ page }) => {
  // Weights of std 4 with 64 inputs: E[h²] grows 1024-fold per layer; values pass float32's
  // largest (3.4e38, so E[h²] near 1e77) around layer 26.
  await page.goto('/?depth=30&width=64&act=linear&init=normal&std=4&batch=64');
  await expect(page.getByText(/Layer \d+ overflowed in the forward pass/)).toBeVisible();
  await openTable(page, 30);
  const measured = await column(page, 0);
  const firstOverflow = measured.indexOf('overflow');
  expect(firstOverflow).toBeGreaterThan(0);
  expect(measured.slice(firstOverflow).every((t) => t === 'overflow')).toBe(true);
  expect(measured.slice(0, firstOverflow).every((t) => Number(t) > 0)).toBe(true);
  await expect(page.getByText(`Layer ${firstOverflow + 1} overflowed in the forward pass`)).toBeVisible();
  await expect(page.getByRole('img', { name: /pre-activations of 30 hidden layers.*overflowed/ })).toBeVisible();

  await page.goto('/?depth=3&init=zeros');
  await openTable(page, 3);
  expect(await column(page, 0)).toEqual(['0', '0', '0']);
  await expect(page.getByRole('img', { name: /pre-activations of 3 hidden layers.*3 layers are exactly 0/ })).toBeVisible();
});

test('a probe that takes too long can be stopped, and the lab goes on', async ({ page }) => {
  // 1024 x 1024 weights on 1024 examples, 10 layers: about a minute of work in 250 MB, so the
  // Stop button appears (much larger configs fail to allocate instead, which is another path).
  await page.goto('/?width=1024&batch=1024');
  const status = page.getByRole('status', { name: 'Engine status' });
  await expect(status).toContainText('Computing');
  await status.getByRole('button', { name: 'Stop' }).click();
  await expect(status).toContainText('Stopped');
  await expect(status.getByRole('button', { name: 'Restart' })).toBeVisible();

  // A new setting starts a fresh worker by itself: computing (its preview may already be up), or done.
  await page.getByRole('spinbutton', { name: 'Hidden layers' }).fill('1');
  await expect(page).toHaveURL(/depth=1&width=1024&batch=1024/);
  await expect(status).toContainText(/computing|Computed in/i);
  await expect(status).not.toContainText('Stopped');
});

test('a worker that crashes is reported with a Restart button that brings it back', async ({ page, context, guard }) => {
  guard.allow(/engine exploded on purpose/);
  let crashes = 1;
  await context.route(/probe\.worker-[\w-]+\.js$/, async (route) => {
    if (crashes-- > 0) {
      await route.fulfill({ contentType: 'text/javascript', body: 'throw new Error("engine exploded on purpose");' });
    } else {
      await route.fallback();
    }
  });
  await page.goto('/?depth=4');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The engine failed');
  await expect(alert).toContainText('engine exploded on purpose');
  await alert.getByRole('button', { name: 'Restart' }).click();
  await expect(alert).toHaveCount(0);
  await openTable(page, 4);
});
