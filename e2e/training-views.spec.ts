import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/** Generous for a busy 2-core machine; the training itself takes a second or two. */
const TRAIN_TIMEOUT = 30_000;

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

/** Press +100 and wait until the run has paused at `until` steps. */
async function train100(page: Page, until: number) {
  const plus = page.getByRole('button', { name: '+100', exact: true });
  await expect(plus).toBeEnabled({ timeout: TRAIN_TIMEOUT });
  await plus.click();
  await expect(page.getByTestId('train-step')).toHaveText(until.toLocaleString('en-US'), { timeout: TRAIN_TIMEOUT });
}

/** Distinct colours among the canvas's pixels (sampled on a grid). */
async function distinctColours(page: Page, testId: string, within: string): Promise<number> {
  return region(page, within).getByTestId(testId).first().evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d');
    if (!ctx || canvas.width === 0) return 0;
    const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const seen = new Set<number>();
    for (let y = 0; y < height; y += 4) for (let x = 0; x < width; x += 4) {
      const o = (y * width + x) * 4;
      seen.add((data[o] << 16) | (data[o + 1] << 8) | data[o + 2]);
    }
    return seen.size;
  });
}

test('spiral: the decision boundary is painted, and the heatmap has a row for every layer', async ({ page }) => {
  await page.goto('/?data=spiral&depth=3&width=32');
  const boundary = region(page, 'Decision boundary');
  await expect(boundary.getByRole('list', { name: 'Classes' })).toContainText('class 1');
  await train100(page, 100);
  await expect.poll(() => distinctColours(page, 'boundary-canvas', 'Decision boundary'), { timeout: TRAIN_TIMEOUT }).toBeGreaterThan(20);
  await expect(boundary.getByRole('img', { name: /^Decision boundary on the spiral data/ })).toHaveAccessibleName(/Test accuracy \d/);

  // The boundary's table: one row per class and one for all.
  await boundary.getByRole('button', { name: 'Show table' }).click();
  const classes = boundary.getByRole('table', { name: /^Decision boundary: per class/ });
  await expect(classes.getByRole('rowheader')).toHaveText(['class 0', 'class 1', 'all']);

  // Layers over training: 3 hidden layers and the output head, each a row of the heatmap and its table.
  const layers = region(page, 'Layers over training');
  await expect(layers.getByRole('img', { name: /^Heatmap of the update : weight ratio by layer \(3 hidden layers and the output layer\) and step, steps 1 to 100/ })).toBeVisible();
  await expect(layers.getByRole('img', { name: /rule of thumb/ })).toBeVisible();
  expect(await distinctColours(page, 'heatmap-canvas', 'Layers over training')).toBeGreaterThan(4);
  await layers.getByRole('radio', { name: 'gradient norm' }).check();
  await expect(layers.getByRole('img', { name: /^Heatmap of the gradient norm/ })).toBeVisible();
  await layers.getByRole('button', { name: 'Show table' }).click();
  const table = layers.getByRole('table', { name: /^Layers over training, the latest recorded step \(step 100\)/ });
  await expect(table.getByRole('rowheader')).toHaveText(['1', '2', '3', 'output']);
  for (const cell of await table.getByRole('cell').allInnerTexts()) expect(Number(cell), cell).toBeGreaterThan(0);

  // Keyboard readout of one cell.
  const heatmap = layers.getByRole('img', { name: /^Heatmap of the gradient norm/ });
  await heatmap.focus();
  await page.keyboard.press('ArrowDown');
  await expect(layers.getByText(/^Step 100, layer 3: ‖∂L\/∂h‖ = \d/)).toBeVisible();
});

test('digits: after 300 steps the test digits show predictions and the accuracy is above 80%', async ({ page }) => {
  await page.goto('/?data=digits&depth=2&width=64&opt=adam&lr=0.01');
  const digits = region(page, 'Test digits and predictions');
  const grid = digits.getByRole('list', { name: 'the first 48 test digits' });
  await expect(grid.getByRole('listitem')).toHaveCount(48, { timeout: TRAIN_TIMEOUT });
  // Play until step 300 (an evaluation step: evalevery is 50), then pause.
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(async () => Number((await page.getByTestId('train-step').innerText()).replace(/,/g, '')), { timeout: 45_000 }).toBeGreaterThanOrEqual(300);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();

  const accuracy = digits.getByText(/^Test accuracy \d+(\.\d)?%/);
  await expect(accuracy).toBeVisible();
  const percent = Number(/Test accuracy (\d+(?:\.\d)?)%/.exec(await accuracy.innerText())![1]);
  expect(percent).toBeGreaterThan(80);
  await expect(grid.getByRole('listitem').first()).toHaveAccessibleName(/^Test image 1: a \d, predicted \d, (right|wrong)$/);

  // Mistakes only: every digit shown is marked wrong, in words as well as colour.
  await digits.getByRole('radio', { name: 'mistakes only' }).check();
  const wrong = digits.getByRole('list', { name: /test digits the network gets wrong$/ }).getByRole('listitem');
  await expect(wrong.first()).toHaveAccessibleName(/, wrong$/);
  await expect(wrong.first()).toContainText('true');

  // The confusion matrix: ten true digits and the total.
  await digits.getByRole('button', { name: 'Show table' }).click();
  const matrix = digits.getByRole('table', { name: /^Confusion matrix of the test digits/ });
  await expect(matrix.getByRole('rowheader')).toHaveCount(11);
});

test('batch norm: off, a button turns it on; on, the batch statistics and the batch-size noise appear', async ({ page }) => {
  await page.goto('/?data=spiral&depth=3&width=32');
  const lab = region(page, 'Batch normalization, one batch at a time');
  await lab.getByRole('button', { name: 'Turn batch norm on' }).click();
  await expect(page).toHaveURL(/norm=batch/);
  await expect(lab.getByRole('figure', { name: 'Batch mean and variance per unit, before and after normalization' })).toBeVisible({ timeout: TRAIN_TIMEOUT });
  await train100(page, 100);

  await expect(lab.getByRole('img', { name: /^Per-unit batch variance of 3 hidden layers, before and after batch normalization/ })).toBeVisible();
  const running = lab.getByRole('figure', { name: 'Running estimates against this batch' });
  await running.getByRole('combobox', { name: 'Layer' }).selectOption('2');
  await expect(running.getByRole('img', { name: /^Per-unit batch mean against running mean, layer 2, 32 units/ })).toBeVisible();

  // After normalization each unit's variance is gamma^2 v/(v+eps): near 1 this early in training.
  const spread = lab.getByRole('figure', { name: 'Batch mean and variance per unit, before and after normalization' });
  await spread.getByRole('button', { name: 'Show table' }).click();
  const table = lab.getByRole('table', { name: /^Batch mean and variance per unit, before and after normalization/ });
  await expect(table.getByRole('rowheader')).toHaveText(['1', '2', '3']);

  // Batch-size noise: one row per layer; the batch buttons set the batch key (and restart the run).
  const noise = lab.getByRole('figure', { name: 'How noisy is a batch’s mean?' });
  await noise.getByRole('button', { name: 'Show table' }).click();
  await expect(lab.getByRole('table', { name: /^How noisy is a batch's mean/ }).getByRole('rowheader')).toHaveCount(3);
  await noise.getByRole('group', { name: 'Batch size' }).getByRole('button', { name: '4', exact: true }).click();
  await expect(page).toHaveURL(/batch=4/);
  await expect(noise.getByRole('button', { name: '4', exact: true })).toHaveAttribute('aria-pressed', 'true');
});
