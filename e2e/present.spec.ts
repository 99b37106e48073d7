/**
 * The lecture hall: presentation mode from a link, keyboard control of training and presets, the
 * shortcut list, hidden controls, the share link and an embed that shows only its panels.
 */
import { expect, test } from './fixtures.ts';
import { ENGINE_TIMEOUT } from './lab.ts';

test('a lecturer opens a training link in presentation mode and drives it from the keyboard', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?data=circles&depth=2&width=16&batch=32&present=1');
  await expect(page.locator('.app.present')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Present' })).toHaveAttribute('aria-pressed', 'true');
  // The controls are folded into one button; the training bar stays.
  await expect(page.getByRole('form', { name: 'Experiment controls' })).toBeHidden();
  const step = page.getByTestId('train-step');
  await expect(page.getByText('Ready at step 0')).toBeVisible({ timeout: ENGINE_TIMEOUT });

  await page.locator('body').click({ position: { x: 5, y: 400 } }); // focus on the page, not on a control
  await page.keyboard.press('ArrowRight');
  await expect(step).toHaveText('1', { timeout: ENGINE_TIMEOUT });
  await page.keyboard.press('ArrowRight');
  await expect(step).toHaveText('2', { timeout: ENGINE_TIMEOUT });
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect.poll(async () => Number((await step.innerText()).replace(/,/g, '')), { timeout: ENGINE_TIMEOUT }).toBeGreaterThan(50);
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  const paused = await step.innerText();
  await page.waitForTimeout(300);
  await expect(step).toHaveText(paused);
  await page.keyboard.press('r');
  await expect(step).toHaveText('0', { timeout: ENGINE_TIMEOUT });

  // ? lists every shortcut; Esc closes it.
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Play or pause training');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // P leaves presentation mode, and the link says so.
  await page.keyboard.press('p');
  await expect(page.locator('.app.present')).toHaveCount(0);
  await expect(page).not.toHaveURL(/present=1/);
  await expect(page.getByRole('form', { name: 'Experiment controls' })).toBeVisible();
});

test('] and [ step through the presets in presentation mode', async ({ page }) => {
  await page.goto('/?present=1');
  const select = page.getByLabel('Preset');
  await page.locator('body').click({ position: { x: 5, y: 400 } });
  await page.keyboard.press(']');
  const first = await select.inputValue();
  expect(first).not.toBe('');
  await page.keyboard.press(']');
  const second = await select.inputValue();
  expect(second).not.toBe(first);
  await page.keyboard.press('[');
  await expect(select).toHaveValue(first);
  await expect(page).toHaveURL(/present=1/);
});

test('hide= folds away the controls a lecturer leaves out', async ({ page }) => {
  await page.goto('/?hide=presets,theme,depth,init&act=relu');
  await expect(page.getByLabel('Preset')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /dark theme/i })).toHaveCount(0);
  const form = page.getByRole('form', { name: 'Experiment controls' });
  await expect(form.getByRole('slider', { name: 'Hidden layers' })).toHaveCount(0);
  await expect(form.getByLabel('Initializer')).toHaveCount(0);
  await expect(form.getByLabel('Activation')).toBeVisible();
  // Changing what is left keeps the hide list in the link.
  await form.getByLabel('Activation').selectOption('tanh');
  await expect(page).toHaveURL(/hide=presets,theme,depth,init/);
  await expect(page).toHaveURL(/act=tanh|^(?!.*act=)/);
});

test('an embed URL shows only its panels, and the share menu writes that URL', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  await page.goto('/?depth=6&width=32&act=relu&init=he_normal');
  await page.getByText('Share', { exact: true }).click();
  const link = await page.getByLabel('Link to this experiment').inputValue();
  expect(link).toMatch(/\?v=1&depth=6&width=32&act=relu&init=he_normal$/);
  await page.getByRole('checkbox', { name: 'Gradient flow' }).check();
  await page.getByRole('button', { name: 'Copy embed code' }).click();
  await expect(page.getByText('Embed code copied.')).toBeVisible();
  const code = await page.getByLabel('Embed code').inputValue();
  const src = /src="([^"]+)"/.exec(code)?.[1].replaceAll('&amp;', '&');
  expect(src).toMatch(/embed=1&panels=signal,gradient/);

  await page.goto(src!.replace(/^https?:\/\/[^/]+/, ''));
  await expect(page.getByRole('heading', { name: 'Signal by layer' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Gradient flow' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Layerscope' })).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Experiment controls' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: /Distributions/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Open in Layerscope' })).toHaveAttribute('href', /depth=6/);
  await expect(page.locator('svg path[d]:not([d=""])').first()).toBeVisible({ timeout: ENGINE_TIMEOUT });
});
