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
