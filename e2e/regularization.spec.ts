import { expect, test } from './fixtures.ts';

/**
 * The regularization lab: scarce data (ntrain), MLE beside MAP in lockstep, the prior's density
 * drawn over each layer's weights, and the objective's two terms.
 */

test.describe.configure({ timeout: 180_000 });
const TRAIN_TIMEOUT = 90_000;

async function plus100(page: import('@playwright/test').Page, to: number) {
  await page.getByRole('button', { name: '+100', exact: true }).click();
  await expect(page.getByText(`Paused at step ${to.toLocaleString('en-US')}.`)).toBeVisible({ timeout: TRAIN_TIMEOUT });
}

test('scarce-data A/B: 10 digits per class, MLE beside a Gaussian prior, then 5 per class', async ({ page }) => {
  await page.goto('/?lab=regularization&data=digits&ntrain=10&wd=0.01&vs=prior:none');
  await expect(page.getByRole('tab', { name: 'Regularization' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Training examples per class')).toHaveValue('10');
  await expect(page.getByLabel('Compare with (A/B)')).toHaveValue('prior:none');
  await expect(page.getByText('Ready at step 0')).toBeVisible({ timeout: TRAIN_TIMEOUT });
  await expect(page.getByRole('region', { name: 'Training', exact: true })).toContainText('100 training and 359 test examples');
  await plus100(page, 100);
  // Both runs in the gap panel's table, with a gap column each.
  const gap = page.getByRole('region', { name: 'Training loss, test loss and the gap' });
  await gap.getByRole('button', { name: 'Show table' }).click();
  const table = gap.getByRole('table');
  await expect(table.getByRole('columnheader', { name: 'Gaussian prior (L2)' })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'MLE (no prior)' })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'gap' })).toHaveCount(2);
  // The objective: data term + prior term for the MAP run, the data term alone for MLE.
  const objective = page.getByRole('region', { name: 'The objective: data term + prior term' });
  await expect(objective.getByText('At step 100 (latest evaluation).')).toHaveCount(2);
  await objective.getByRole('button', { name: 'Show table' }).click();
  const rows = objective.getByRole('table').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  const mle = (await rows.nth(1).getByRole('cell').allInnerTexts()).map((t) => t.trim());
  expect(mle[2]).toBe('0'); // MLE: no prior term
  // Fewer examples: the same runs rebuilt on 5 per class.
  await page.getByLabel('Training examples per class').selectOption('5');
  await expect(page.getByRole('region', { name: 'Training', exact: true })).toContainText('50 training and 359 test examples', { timeout: TRAIN_TIMEOUT });
  await expect(page).toHaveURL(/ntrain=5/);
});

test('the prior overlay: a Gaussian density over the MAP run\'s weights, none over MLE; Laplace gives b', async ({ page }) => {
  await page.goto('/?lab=regularization&data=moons&ntrain=15&noise=0.3&wd=0.01&vs=prior:none');
  await expect(page.getByText('Ready at step 0')).toBeVisible({ timeout: TRAIN_TIMEOUT });
  await plus100(page, 100);
  const weights = page.getByRole('region', { name: 'The weights and the prior' });
  await expect(weights.getByRole('heading', { name: /^Gaussian prior \(L2\): σ = / })).toBeVisible();
  await expect(weights.getByRole('heading', { name: 'MLE (no prior): no prior curve (flat)' })).toBeVisible();
  // Hidden layers 1-3 and the output layer, each with the prior's curve in the MAP column only.
  await expect(weights.getByTestId('prior-density')).toHaveCount(4);
  await expect(weights.getByRole('img', { name: /^layer 1: \d+ weights within ±/ })).toHaveCount(2);
  // N = 30 examples and lambda 0.01: sigma = 1/sqrt(0.3) = 1.83, as the strength's hint says too.
  await expect(weights.getByRole('heading', { name: 'Gaussian prior (L2): σ = 1.83' })).toBeVisible();
  await expect(page.getByText('λ = 0.01 on N = 30 training examples: σ = 1/√(Nλ) = 1.83.')).toBeVisible();
  await page.getByLabel('Prior', { exact: true }).selectOption('laplace');
  await expect(weights.getByRole('heading', { name: 'Laplace prior (L1): b = 3.33' })).toBeVisible({ timeout: TRAIN_TIMEOUT });
  // The strength typed as the prior's scale: b = 1 on 30 examples is lambda = 1/30.
  await page.getByLabel('Prior scale b').fill('1');
  await expect(page).toHaveURL(/wd=0\.03333/);
  await expect(page.getByText('λ = 0.0333 on N = 30 training examples: b = 1/(Nλ) = 1.')).toBeVisible();
  // And the decision boundaries of both runs side by side.
  const boundary = page.getByRole('region', { name: 'Decision boundary' });
  await expect(boundary.getByRole('heading', { level: 3 })).toHaveCount(2);
});
