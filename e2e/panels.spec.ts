import type { Locator, Page } from '@playwright/test';
import { COMPARISON_LINES } from '../engine/contract/comparison.ts';
import { expect, test } from './fixtures.ts';

const PANELS = ['Signal by layer', 'The variance recursion', 'Initializers side by side', 'Gradient flow', 'Distributions'] as const;

/** Every chart with a table toggle: the figure's name and its table's caption. */
const CHARTS = [
  { figure: 'Signal by layer', table: /^Signal by layer/ },
  { figure: 'Initializers side by side', table: /^Initializers side by side/ },
  { figure: 'Gradient second moment by layer', table: /^Gradient second moment by layer/ },
  { figure: 'Weight-gradient norms by layer', table: /^Weight-gradient norms by layer/ },
  { figure: 'Distributions', table: /^Distributions/ },
] as const;

const panel = (page: Page, name: string) => page.getByRole('region', { name });

/** The probe for the page's config has arrived (generous: a busy 2-core machine runs 30 layers slowly). */
async function settled(page: Page) {
  await expect(page.getByRole('status', { name: 'Engine status' })).toContainText(/Computed in \d/, { timeout: 45_000 });
}

/** Open a figure's table and return it once it has one row per layer. */
async function openTable(page: Page, figure: string, caption: RegExp, layers: number): Promise<Locator> {
  const button = page.getByRole('figure', { name: figure }).getByRole('button', { name: 'Show table' });
  await button.click();
  await expect(page.getByRole('figure', { name: figure }).getByRole('button', { name: 'Hide table' })).toHaveAttribute('aria-expanded', 'true');
  const table = page.getByRole('table', { name: caption });
  await expect(table).toBeVisible();
  await expect(table.getByRole('rowheader')).toHaveCount(layers);
  return table;
}

/** The text of every body row's cell at `index`, layer 1 first. */
async function column(table: Locator, index: number): Promise<string[]> {
  const rows = table.getByRole('row').filter({ has: table.page().getByRole('rowheader') });
  const out: string[] = [];
  for (const row of await rows.all()) out.push((await row.getByRole('cell').nth(index).innerText()).trim());
  return out;
}

test('ReLU with Xavier at 20 layers: the signal table shows it vanish, the formula card says why', async ({ page }) => {
  await page.goto('/?act=relu&init=xavier_normal&depth=20');
  await settled(page);
  const table = await openTable(page, 'Signal by layer', /^Signal by layer/, 20);
  const measured = (await column(table, 0)).map(Number);
  expect(measured).toHaveLength(20);
  expect(measured.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
  expect(measured[19]).toBeLessThan(measured[0] / 1000);

  // Xavier's n·Var[w] = 1, and ReLU halves it: 1/2 per layer, (1/2)^19 over the net.
  const card = panel(page, 'The variance recursion');
  await expect(card).toContainText('n·Var[w] = 1, ReLU halves it: ×1/2 per layer.');
  await expect(card).toContainText(/Layer 20 over layer 1: predicted 1\.907e-6, measured \d(\.\d+)?e-6\./);
  await expect(card.locator('.katex').first()).toBeVisible();
  await expect(card.locator('math').first()).toBeAttached(); // MathML for screen readers
});

test('every panel is there, named, and filled in', async ({ page }) => {
  await page.goto('/');
  await settled(page);
  for (const name of PANELS) await expect(panel(page, name), name).toBeVisible();

  // (a) the signal chart, and its switch to the activations.
  await expect(panel(page, 'Signal by layer').getByRole('img', { name: /^Second moment E\[h²\] of the pre-activations of 10 hidden layers, log scale\. Measured: \S+ at layer 1/ })).toBeVisible();
  await panel(page, 'Signal by layer').getByRole('radio', { name: 'activations φ(h)' }).check();
  await expect(panel(page, 'Signal by layer').getByRole('img', { name: /^Second moment E\[φ\(h\)²\] of the activations of 10 hidden layers/ })).toBeVisible();

  // (b) the comparison fills in, one line per initializer, and its table lists all seven with numbers.
  const comparison = panel(page, 'Initializers side by side');
  await expect(comparison.getByRole('status')).toHaveText('All 7 lines computed.', { timeout: 45_000 });
  const legend = comparison.getByRole('list', { name: 'Initializers' });
  for (const line of COMPARISON_LINES) await expect(legend).toContainText(line.label);
  await expect(legend).not.toContainText('computing…');
  await expect(comparison.getByRole('img', { name: /under 7 initializers, 10 hidden layers/ })).not.toHaveAccessibleName(/Still computing/);
  const table = await openTable(page, 'Initializers side by side', /^Initializers side by side/, 10);
  const headers = await table.getByRole('columnheader').allInnerTexts();
  expect(headers.slice(1).map((h) => h.trim())).toEqual(COMPARISON_LINES.map((l) => l.label));
  for (let i = 0; i < COMPARISON_LINES.length; i++) {
    for (const cell of await column(table, i)) expect(cell === 'overflow' || Number(cell) >= 0, `${COMPARISON_LINES[i].label}: ${cell}`).toBe(true);
  }
  await comparison.getByRole('radio', { name: 'backward: E[g²]' }).check();
  await expect(comparison.getByRole('img', { name: /^Second moment E\[g²\] of the gradients/ })).toBeVisible();

  // (c) tanh: ten histograms, each with its saturated share written on it.
  const distributions = panel(page, 'Distributions');
  const histograms = distributions.getByRole('img', { name: /^Layer \d+ activations: 65,536 values, -?\d/ });
  await expect(histograms).toHaveCount(10);
  await expect(distributions.getByText(/^saturated (\d|<)/)).toHaveCount(10);
  // One x range shared by every layer (the ends written under each are the same ten times), or each layer's own.
  const axisEnds = () => histograms.evaluateAll((svgs) => svgs.map((svg) => [...svg.querySelectorAll('text.tick:not(.spike-label)')].map((t) => t.textContent).filter((t) => t !== '0').join(' to ')));
  const shared = await axisEnds();
  expect(new Set(shared).size, shared.join('; ')).toBe(1);
  await distributions.getByRole('radio', { name: 'each layer’s own' }).check();
  await expect.poll(async () => new Set(await axisEnds()).size).toBeGreaterThan(1);
  await distributions.getByRole('radio', { name: 'shared by all layers' }).check();

  // (d) the gradient charts.
  const gradient = panel(page, 'Gradient flow');
  await expect(gradient.getByRole('img', { name: /^Second moment E\[g²\] of the gradients g = ∂L\/∂h of 10 hidden layers, log scale\. Measured: \d/ })).toBeVisible();
  await expect(gradient.getByRole('img', { name: /^Weight-gradient norms of 10 hidden layers/ })).toBeVisible();

  // (e) the formula card, with this experiment's numbers.
  const card = panel(page, 'The variance recursion');
  await expect(card).toContainText(/n·Var\[w\] = 1, tanh keeps 0\.\d+ of Var\[h\] at layer 1 and 0\.\d+ at layer 10/);
  await expect(card.getByRole('term')).toHaveText(['The recursion', 'Weights', 'Activation', 'Per layer', 'Layer 1 → 10']);
});

test('ReLU: the distributions say how many units are dead, and show a readable subset of a deep net', async ({ page }) => {
  await page.goto('/?act=relu&init=he_normal&depth=30');
  await settled(page);
  const distributions = panel(page, 'Distributions');
  await expect(distributions.getByText(/^dead \d/)).toHaveCount(10);
  await expect(distributions.getByText('10 of 30 layers, evenly spaced from the first to the last.')).toBeVisible();
  const names = await distributions.getByRole('img').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  expect(names[0]).toMatch(/^Layer 1 activations/);
  expect(names[names.length - 1]).toMatch(/^Layer 30 activations/);
  await distributions.getByRole('checkbox', { name: 'all 30 layers' }).check();
  await expect(distributions.getByRole('img')).toHaveCount(30);
  await distributions.getByRole('radio', { name: 'pre-activations h' }).check();
  await expect(distributions.getByRole('img').first()).toHaveAccessibleName(/^Layer 1 pre-activations/);
  await expect(panel(page, 'The variance recursion')).toContainText('n·Var[w] = 2, ReLU halves it: ×1 per layer.');
});

test('every chart has a table toggle that shows and hides its numbers', async ({ page }) => {
  await page.goto('/?depth=6');
  await settled(page);
  await expect(panel(page, 'Initializers side by side').getByRole('status')).toHaveText('All 7 lines computed.', { timeout: 45_000 });
  for (const chart of CHARTS) {
    const figure = page.getByRole('figure', { name: chart.figure });
    const show = figure.getByRole('button', { name: 'Show table' });
    await expect(show, chart.figure).toHaveAttribute('aria-expanded', 'false');
    const table = await openTable(page, chart.figure, chart.table, 6);
    expect(await table.getByRole('cell').count(), chart.figure).toBeGreaterThan(6);
    await figure.getByRole('button', { name: 'Hide table' }).click();
    await expect(table, chart.figure).toBeHidden();
    await expect(show).toHaveAttribute('aria-expanded', 'false');
  }
});

test('a chart reads out each layer from the keyboard', async ({ page }) => {
  await page.goto('/?act=linear&init=standard&depth=5');
  await settled(page);
  const chart = panel(page, 'Signal by layer').getByRole('img', { name: /pre-activations of 5 hidden layers/ });
  await chart.focus();
  const readout = panel(page, 'Signal by layer').getByText(/^Layer \d: measured/);
  await expect(readout).toHaveText(/^Layer 1: measured \d\S* · theory 0\.3333$/);
  await chart.press('ArrowRight');
  await expect(readout).toHaveText(/^Layer 2: measured \d\S* · theory 0\.1111$/);
  await chart.press('End');
  await expect(readout).toHaveText(/^Layer 5: measured \S+ · theory 0\.004115$/);
  await expect(panel(page, 'The variance recursion')).toContainText('n·Var[w] = 1/3, the identity keeps it: ×1/3 per layer.');
});

test('overflow is marked in every chart that has it, never dropped', async ({ page }) => {
  await page.goto('/?depth=30&width=64&act=linear&init=normal&std=4&batch=64');
  await settled(page);
  await expect(panel(page, 'Signal by layer').getByRole('img', { name: /layers overflowed/ })).toBeVisible();
  await expect(panel(page, 'Gradient flow').getByText('The gradient overflowed in the backward pass')).toBeVisible();
  const table = await openTable(page, 'Gradient second moment by layer', /^Gradient second moment by layer/, 30);
  expect(await column(table, 0)).toContain('overflow');
  await expect(panel(page, 'Distributions').getByText(/values overflowed$/).first()).toBeVisible();
  await expect(panel(page, 'The variance recursion')).toContainText('measured overflow');
});
