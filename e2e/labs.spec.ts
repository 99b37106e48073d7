/**
 * The three labs: the switch in the masthead (mouse and arrow keys), one screen of controls per lab
 * at 1280 x 720 with its first chart in view, lab= links, and links from before there were labs.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { ENGINE_TIMEOUT } from './lab.ts';

const LABS = [
  { tab: 'Initialization', own: ['slider', 'Hidden layers'], url: null },
  { tab: 'Training & batch norm', own: ['combobox', 'Data set'], url: /[?&]data=spiral(&|$)/ },
  { tab: 'Residual & auxiliary heads', own: ['combobox', 'Residual connections'], url: /[?&]residual=1(&|$)/ },
  { tab: 'Regularization', own: ['combobox', 'Prior'], url: /[?&]data=spiral(&|$)/ },
] as const;

const tab = (page: Page, name: string) => page.getByRole('tablist', { name: 'Lab' }).getByRole('tab', { name, exact: true });
const controls = (page: Page) => page.getByRole('form', { name: 'Experiment controls' });

/** Every control of the form, focused one by one, is inside the viewport once focused. */
async function everyControlReachable(page: Page): Promise<number> {
  const fields = controls(page).locator('input, select, button, textarea');
  const count = await fields.count();
  for (let i = 0; i < count; i++) {
    const field = fields.nth(i);
    if (!(await field.isVisible())) continue;
    await field.focus();
    await expect(field, `control ${i + 1} of ${count}`).toBeFocused();
    await expect(field, `control ${i + 1} of ${count} in view when focused`).toBeInViewport();
  }
  return count;
}

test('at 1280 x 720 the switch opens each lab: its controls all reachable, its first chart in view', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto('/?depth=6&width=32&batch=32');
  await expect(tab(page, 'Initialization')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: 'Initialization' })).toBeVisible();
  for (const lab of LABS) {
    await tab(page, lab.tab).click();
    await expect(tab(page, lab.tab)).toHaveAttribute('aria-selected', 'true');
    if (lab.url) await expect(page).toHaveURL(lab.url);
    await expect(page).toHaveURL(/depth=6&width=32&batch=32/); // the experiment is kept
    await expect(controls(page).getByRole(lab.own[0], { name: lab.own[1], exact: true })).toBeVisible();
    await expect(page.getByRole('main').getByRole('figure').first()).toBeInViewport({ timeout: ENGINE_TIMEOUT });
    expect(await everyControlReachable(page)).toBeGreaterThan(5);
    // The charts did not move while the controls scrolled: the first one is still in view.
    await expect(page.getByRole('main').getByRole('figure').first()).toBeInViewport();
  }
  // The training lab's data set and its optimizer are the residual lab's too, once a set is chosen.
  await expect(controls(page).getByRole('combobox', { name: 'Data set', exact: true })).toHaveValue('spiral');
  await expect(controls(page).getByRole('slider', { name: 'Learning rate', exact: true })).toBeVisible();
  // Back in the initialization lab the experiment keeps its data set, so the link names the lab.
  await tab(page, 'Initialization').click();
  await expect(page).toHaveURL(/[?&]lab=init(&|$)/);
  await expect(controls(page).getByRole('combobox', { name: 'Data set', exact: true })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Training' })).toHaveCount(0);
});

test('arrow keys move between the labs, and only the open tab is in the Tab order', async ({ page }) => {
  await page.goto('/?depth=4&width=32&batch=32');
  const init = tab(page, 'Initialization');
  await init.focus();
  await page.keyboard.press('ArrowRight');
  await expect(tab(page, 'Training & batch norm')).toBeFocused();
  await expect(tab(page, 'Training & batch norm')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText('Ready at step 0')).toBeVisible({ timeout: ENGINE_TIMEOUT }); // the arrow did not step training
  await page.keyboard.press('End');
  await expect(tab(page, 'Convolutions')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight'); // wraps round
  await expect(init).toBeFocused();
  await expect(init).toHaveAttribute('aria-selected', 'true');
  await expect(init).toHaveAttribute('tabindex', '0');
  await expect(tab(page, 'Training & batch norm')).toHaveAttribute('tabindex', '-1');
});

test('lab= opens the named lab without changing the experiment', async ({ page }) => {
  await page.goto('/?depth=6&lab=residual');
  await expect(tab(page, 'Residual & auxiliary heads')).toHaveAttribute('aria-selected', 'true');
  await expect(controls(page).getByRole('combobox', { name: 'Residual connections', exact: true })).toBeVisible();
  await expect(page).toHaveURL(/\?depth=6&lab=residual$/);

  await page.goto('/?data=spiral&depth=3&width=16&lab=init');
  await expect(tab(page, 'Initialization')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('status', { name: 'Engine status' })).toContainText(/Computed in \d/, { timeout: ENGINE_TIMEOUT });
  await expect(page.getByRole('region', { name: 'Signal by layer' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Initializers side by side' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Loss' })).toHaveCount(0);
  await expect(page).toHaveURL(/data=spiral&depth=3&width=16&lab=init$/);
});

test('a lab= link the lab cannot show opens a working lab and says what it changed', async ({ page }) => {
  await page.goto('/?lab=regularization');
  const notice = page.getByRole('status', { name: 'Problems in this link' });
  await expect(notice).toContainText('this link has no data set; opening it with data=digits, ntrain=10');
  await expect(page).toHaveURL(/[?&]data=digits(&|$)/);
  await expect(page).toHaveURL(/[?&]ntrain=10(&|$)/);
  await expect(page.getByRole('region', { name: 'Training loss, test loss and the gap' })).toBeVisible({ timeout: ENGINE_TIMEOUT });

  // An embed of the Convolutions lab without an architecture: the lab's tiny CNN, not an empty frame.
  await page.goto('/?lab=conv&embed=1&panels=curves,convnet');
  await expect(page.getByRole('region', { name: 'Loss' })).toBeVisible({ timeout: ENGINE_TIMEOUT });
  await expect(page).toHaveURL(/[?&]arch=conv3-8/);

  // An architecture under another lab's name opens where its controls are.
  await page.goto('/?lab=training&data=digits&arch=tiny_vgg');
  await expect(tab(page, 'Convolutions')).toHaveAttribute('aria-selected', 'true');
  await expect(notice).toContainText('opening it in the Convolutions lab');
  await expect(controls(page).getByRole('combobox', { name: 'Architecture' })).toHaveValue('tiny_vgg');
  await expect(page).not.toHaveURL(/lab=training/); // the corrected link opens the Convolutions lab (its keys imply it)
  await expect(page).toHaveURL(/[?&]arch=tiny_vgg(&|$)/);
});

test('links from before the labs open the lab they showed', async ({ page }) => {
  await page.goto('/?data=spiral');
  await expect(tab(page, 'Training & batch norm')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: 'Loss' })).toBeVisible({ timeout: ENGINE_TIMEOUT });
  await expect(page).toHaveURL(/\?data=spiral$/); // no lab= added: the keys say it

  await page.goto('/?residual=1');
  await expect(tab(page, 'Residual & auxiliary heads')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: 'Gradient norm by layer' })).toBeVisible({ timeout: ENGINE_TIMEOUT });
  await expect(page).toHaveURL(/\?residual=1$/);

  await page.goto('/?depth=20&vs=residual:1');
  await expect(tab(page, 'Residual & auxiliary heads')).toHaveAttribute('aria-selected', 'true');

  await page.goto('/?act=relu');
  await expect(tab(page, 'Initialization')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: 'Training' })).toHaveCount(0);
});
