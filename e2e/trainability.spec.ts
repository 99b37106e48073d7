/**
 * The trainability map fills with progress across workers and stops on Cancel; both planes (the
 * edge of chaos and the map) are reachable from the keyboard, their cursors announced, Enter sets
 * the gain (and the map's depth); the plane follows another activation.
 */
import { expect, test } from './fixtures.ts';
import { ENGINE_TIMEOUT } from './lab.ts';

const START = '/?depth=6&width=32&init=xavier_normal&act=tanh&gain=1';
const param = (url: string, key: string) => new URL(url).searchParams.get(key);

test('the trainability map shows its progress, cells as they finish, and stops on Cancel', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(START);
  const panel = page.getByRole('region', { name: 'Trainability: depth against σ_w² (tanh)' });
  await panel.scrollIntoViewIfNeeded({ timeout: ENGINE_TIMEOUT });
  const status = panel.getByTestId('trainmap-status');
  await expect(status).toHaveAttribute('data-status', 'idle');
  await panel.getByRole('button', { name: 'Train the map' }).click();
  await expect(status).toHaveAttribute('data-status', 'running');
  await expect(status).toContainText(/of 128 cells on \d+ workers/);
  const progress = panel.getByRole('progressbar', { name: 'Cells trained' });
  // The first cells (the deepest, a few seconds each) arrive; their accuracy is in the table.
  await expect.poll(async () => Number(await progress.getAttribute('value')), { timeout: ENGINE_TIMEOUT }).toBeGreaterThanOrEqual(2);
  await panel.getByRole('button', { name: 'Show table' }).click();
  await expect(panel.getByRole('cell', { name: /^\d+%$/ }).first()).toBeVisible();
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(status).toHaveAttribute('data-status', 'cancelled');
  const done = Number(await status.getAttribute('data-done'));
  expect(done).toBeGreaterThanOrEqual(2);
  expect(done).toBeLessThan(128);
  await expect(status).toContainText(`Cancelled after ${done} of 128 cells`);
  await expect(panel.getByRole('button', { name: 'Train the map again' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('trainability-cancelled.png') });
});

test('both planes answer the keyboard: arrows move the cursor, Enter sets the gain (and the depth)', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(START);
  const chaos = page.getByRole('region', { name: 'The edge of chaos (tanh)' });
  await chaos.scrollIntoViewIfNeeded({ timeout: ENGINE_TIMEOUT });
  await expect(chaos.getByTestId('chaos-status')).toHaveAttribute('data-ms', /^\d+$/, { timeout: ENGINE_TIMEOUT });
  const picker = chaos.getByRole('button', { name: /Edge-of-chaos plane: arrow keys move the cursor, Enter sets the gain/ });
  await picker.focus();
  // The cursor starts on the marker's cell (sigma_w^2 = 1 lies in the cell centred at 0.996) and steps one cell (3.5 / 60) a key.
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect(chaos.getByTestId('phase-announce')).toContainText('σ_w² 1.29');
  await page.keyboard.press('Enter');
  await expect.poll(() => Number(param(page.url(), 'gain'))).toBeCloseTo(Math.sqrt(0.5 + 13.5 * (3.5 / 60)), 2);
  await expect.poll(async () => Number(await chaos.getByTestId('phase-marker').getAttribute('data-x'))).toBeCloseTo(1.2875, 2);

  // The trainability map: from the marker's cell (sigma_w^2 1.29 -> column 1.25, depth 6 -> row 8), two right and one up.
  const map = page.getByRole('region', { name: 'Trainability: depth against σ_w² (tanh)' });
  await map.scrollIntoViewIfNeeded();
  await map.getByRole('button', { name: /Trainability map: arrow keys move across cells, Enter sets/ }).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowUp');
  await expect(map.getByTestId('trainmap-announce')).toContainText('cell σ_w² 1.75, depth 14, not trained yet; 6 ξ_c 2557.2');
  await page.keyboard.press('Enter');
  await expect.poll(() => param(page.url(), 'depth')).toBe('14');
  await expect.poll(() => Number(param(page.url(), 'gain'))).toBeCloseTo(Math.sqrt(1.75), 2);
  await expect(map.getByTestId('trainmap-marker')).toHaveAttribute('data-y', '14');
  await expect(map.getByText('this network (depth 14)')).toBeVisible();
});

test('the plane follows another activation: ReLU has no chaotic phase, erf has one', async ({ page }) => {
  await page.goto('/?depth=6&width=32&init=he_normal&act=relu&gain=1');
  const relu = page.getByRole('region', { name: 'The edge of chaos (ReLU)' });
  await relu.scrollIntoViewIfNeeded({ timeout: ENGINE_TIMEOUT });
  await expect(relu).toContainText('ReLU has no chaotic phase');
  // The boundary is the vertical line sigma_w^2 = 2 (zero width, so not "visible" to Playwright): one x all the way up.
  const d = (await relu.getByTestId('phase-boundary').getAttribute('d')) ?? '';
  const xs = [...d.matchAll(/[ML]([\d.]+),/g)].map((m) => m[1]);
  expect(xs.length).toBeGreaterThan(10);
  expect(new Set(xs).size).toBe(1);
  await expect.poll(async () => Number(await relu.getByTestId('phase-marker').getAttribute('data-x'))).toBeCloseTo(2, 6);
  await relu.getByLabel('Activation of the plane').selectOption('erf');
  const erf = page.getByRole('region', { name: 'The edge of chaos (erf(√π x / 2))' });
  await expect(erf).toContainText('closed form');
  await expect(erf.getByTestId('phase-marker')).toHaveCount(0);
  await expect(erf.getByTestId('phase-boundary')).toBeVisible();
});
