import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { RESIDUAL_PRESETS } from '../app/labs/residual/presets.ts';
import { expect, test } from './fixtures.ts';
import { signalPanel } from './lab.ts';

/** Residual connections: the gradient they carry down 50 layers, and A/B links that bring back every run. */

test.describe.configure({ timeout: 240_000 });

const TRAIN_TIMEOUT = 90_000;
/** Two 50-layer probes of 256 x 256 take a while on a busy machine; correctness, not speed, is checked here. */
const PROBE_TIMEOUT = 180_000;

/** Wait until the engine has answered the current config (its probe and every variant's) and the charts show it. */
async function settled(page: Page): Promise<void> {
  await expect(page.getByRole('status', { name: 'Engine status' })).toContainText(/Computed in \d/, { timeout: PROBE_TIMEOUT });
  await expect(signalPanel(page).getByRole('figure').first()).toHaveAttribute('aria-busy', 'false', { timeout: PROBE_TIMEOUT });
}

function preset(id: string) {
  const p = RESIDUAL_PRESETS.find((q) => q.id === id);
  if (!p) throw new Error(`no preset ${id}`);
  return p;
}

/** A panel's table, opened if closed, once it has `rows` body rows. */
async function openTable(page: Page, panel: string | RegExp, rows: number): Promise<Locator> {
  const region = page.getByRole('region', { name: panel });
  const show = region.getByRole('button', { name: 'Show table' });
  if (await show.isVisible()) await show.click();
  const table = region.getByRole('table');
  await expect(table.getByRole('rowheader')).toHaveCount(rows, { timeout: PROBE_TIMEOUT });
  return table;
}

/** The column headers of a table (after the row-header column). */
async function headers(table: Locator): Promise<string[]> {
  const cells = await table.locator('thead tr').last().getByRole('columnheader').allInnerTexts();
  return cells.map((c) => c.trim());
}

/** Every body row as [row header, ...cells], as the table writes them. */
async function tableText(table: Locator): Promise<string[][]> {
  const out: string[][] = [];
  for (const row of await table.locator('tbody tr').all()) {
    out.push([(await row.getByRole('rowheader').innerText()).trim(), ...(await row.getByRole('cell').allInnerTexts()).map((t) => t.trim())]);
  }
  return out;
}

/** Layer 1's gradient norm in the named run's column of the "Gradient norm by layer" table. */
async function layerOneNorm(table: Locator, run: string | RegExp): Promise<number> {
  const columns = await headers(table);
  const header = columns.slice(1); // the first header is the row header, "Layer"
  const at = header.findIndex((h) => (typeof run === 'string' ? h === run : run.test(h)));
  expect(at, `a column named ${run} in ${header.join(' | ')}`).toBeGreaterThanOrEqual(0);
  const text = await table.locator('tbody tr').first().getByRole('cell').nth(at).innerText();
  return Number(text.trim());
}

test('in the 50-layer preset, turning residual connections on lifts layer 1’s gradient norm by orders of magnitude', async ({ page }) => {
  const p = preset('residual-gradient-50');
  await page.goto('/');
  await page.getByRole('combobox', { name: 'Preset' }).selectOption({ label: p.title });
  await expect(page.getByRole('region', { name: /^What to notice/ })).toContainText(p.notice);
  await settled(page);

  // Both runs of the A/B link: the plain stack and, beside it, the same net with shortcuts.
  const table = await openTable(page, 'Gradient norm by layer', 50);
  const plain = await layerOneNorm(table, 'plain');
  const residual = await layerOneNorm(table, 'residual');
  expect(plain).toBeGreaterThan(0);
  expect(residual / plain, `layer 1: plain ${plain}, residual ${residual}`).toBeGreaterThan(1000);

  // Now the student turns residual connections on in the primary run itself.
  await page.getByRole('combobox', { name: 'Residual connections' }).selectOption({ label: 'On: x + F(x) every two layers' });
  await expect(page).toHaveURL(/[?&]residual=1(&|$)/);
  await settled(page);
  await expect.poll(() => layerOneNorm(table, /run 1/), { timeout: PROBE_TIMEOUT }).toBe(residual);
  const lifted = await layerOneNorm(table, /run 1/);
  expect(lifted / plain).toBeGreaterThan(1000);
});

test('an A/B link restores both runs after a reload, with the same numbers', async ({ page }) => {
  const query = 'depth=20&width=64&act=relu&init=xavier_normal&vs=residual:1';
  const panel = page.getByRole('region', { name: 'Gradient norm by layer' });
  const legend = panel.getByRole('list', { name: 'Legend' });
  await page.goto(`/?${query}`);
  await settled(page);
  await expect(legend.getByRole('listitem')).toHaveText(['plain', 'residual']);
  await expect(panel.getByRole('img')).toHaveAccessibleName(/plain: .* residual: /);
  const before = await tableText(await openTable(page, 'Gradient norm by layer', 20));
  expect(before[0]).toHaveLength(3); // layer, plain, residual
  expect(before.flatMap((row) => row.slice(1)).every((cell) => Number(cell) > 0), 'every layer of both runs has a gradient').toBe(true);

  await page.reload();
  await settled(page);
  expect(new URL(page.url()).searchParams.get('vs'), 'the variant is still in the link').toBe('residual:1');
  await expect(legend.getByRole('listitem')).toHaveText(['plain', 'residual']);
  expect(await tableText(await openTable(page, 'Gradient norm by layer', 20))).toEqual(before);
});

test('a three-run training link (plain shallow, plain deep, residual deep) restores every run after a reload', async ({ page }) => {
  const query = 'data=spiral&depth=12&width=16&batch=32&evalevery=25&vs=depth:4;residual:1';
  const hundredSteps = async () => {
    await expect(page.getByText('Ready at step 0')).toBeVisible({ timeout: TRAIN_TIMEOUT });
    await page.getByRole('button', { name: '+100', exact: true }).click();
    await expect(page.getByText('Paused at step 100.')).toBeVisible({ timeout: TRAIN_TIMEOUT });
  };
  await page.goto(`/?${query}`);
  await hundredSteps();
  const panel = 'Degradation: training loss of every run';
  const table = await openTable(page, panel, 4); // evaluations at steps 25, 50, 75, 100
  expect(await headers(table)).toEqual(['Step', '12 layers, plain', '4 layers, plain', '12 layers, residual']);
  const before = await tableText(table);
  for (const row of before) for (const cell of row.slice(1)) expect(Number.isFinite(Number(cell)), cell).toBe(true);

  await page.reload();
  await hundredSteps();
  expect(await tableText(await openTable(page, panel, 4))).toEqual(before);
});

test('the residual panels pass axe in both themes, tables open, while a residual net with an auxiliary head trains', async ({ page }) => {
  await page.goto('/?data=spiral&depth=8&width=16&batch=32&residual=1&aux1=3&vs=residual:0');
  await expect(page.getByText('Ready at step 0')).toBeVisible({ timeout: TRAIN_TIMEOUT });
  await page.getByRole('button', { name: '+100', exact: true }).click();
  await expect(page.getByText('Paused at step 100.')).toBeVisible({ timeout: TRAIN_TIMEOUT });
  const panels = ['Gradient norm by layer', 'Block Jacobian norm', 'Residual stream variance by block', 'Degradation: training loss of every run', 'Auxiliary classifiers: main and auxiliary losses'];
  for (const name of panels) {
    const region = page.getByRole('region', { name, exact: true });
    await expect(region.getByRole('img')).toBeVisible();
    await region.getByRole('button', { name: 'Show table' }).click();
    await expect(region.getByRole('table')).toBeVisible();
  }
  for (const theme of ['dark', 'light'] as const) {
    const toggle = page.getByRole('button', { name: /dark theme/i });
    if ((await toggle.getAttribute('aria-pressed')) !== String(theme === 'dark')) await toggle.click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    // This journey checks its own panels and controls; a11y.spec.ts checks the whole page of each lab.
    const results = await new AxeBuilder({ page }).include('.residual-panel').include('.residual-fields').analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`), theme).toEqual([]);
  }
});
