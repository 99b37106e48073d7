import { toQuery } from '../engine/contract/config.ts';
import { PRESETS, presetConfig } from '../app/presets/presets.ts';
import { expect, test } from './fixtures.ts';
import { measuredColumn, signalPanel, signalTable } from './lab.ts';

/** A measured second moment as the table writes it: a finite number, or the overflow mark. */
const READING = /^(overflow|[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?)$/;

// The deepest presets take seconds in the worker, more on a busy machine.
test.describe.configure({ timeout: 240_000 });

test('every preset opens from the menu with its note and non-empty charts', async ({ page }) => {
  test.setTimeout(PRESETS.length * 90_000);
  await page.goto('/');
  const menu = page.getByRole('combobox', { name: 'Preset' });
  await expect(menu).toHaveValue('');

  // The MLP's presets (the convolution lab's, whose network is a spec, are e2e/conv-lab.spec.ts's).
  for (const preset of PRESETS.filter((p) => presetConfig(p).arch === '')) {
    await test.step(preset.title, async () => {
      await menu.selectOption({ label: preset.title });
      const config = presetConfig(preset);
      // A preset of a lab the link would not imply (e.g. the Regularization lab's) names its lab too.
      await expect(page).toHaveURL(new RegExp(`\\?${toQuery(config).replace(/[.?+]/g, '\\$&')}(&lab=[a-z]+)?$`));
      await expect(menu).toHaveValue(preset.id);

      const note = page.getByRole('region', { name: /^What to notice/ });
      await expect(note).toContainText(preset.title);
      await expect(note).toContainText(preset.notice);

      await expect(page.getByRole('slider', { name: 'Hidden layers' })).toHaveValue(String(config.depth));
      await expect(page.getByRole('combobox', { name: 'Activation', exact: true })).toHaveValue(config.act);
      await expect(page.getByRole('combobox', { name: 'Initializer' })).toHaveValue(config.init);

      const table = await signalTable(page, config.depth);
      const measured = await measuredColumn(table);
      expect(measured).toHaveLength(config.depth);
      for (const [i, text] of measured.entries()) {
        expect(text, `layer ${i + 1}`).toMatch(READING);
        if (text !== 'overflow') expect(Number.isFinite(Number(text)), `layer ${i + 1}: ${text}`).toBe(true);
      }
      await expect(signalPanel(page).getByRole('img').first()).toBeVisible();
      await expect(signalPanel(page).getByRole('img').first()).toHaveAccessibleName(/\w/);
    });
  }
});

test('the exploding preset marks the overflow at the layer where it happens', async ({ page }) => {
  const preset = PRESETS.find((p) => p.id === 'exploding-normal')!;
  await page.goto(`/?${preset.query}`);
  await expect(page.getByRole('region', { name: /^What to notice/ })).toContainText(preset.notice); // a shared link shows its note too
  const table = await signalTable(page, 40);
  const measured = await measuredColumn(table);
  expect(measured.indexOf('overflow')).toBe(35); // layer 36, as the note says
  expect(measured.slice(35).every((t) => t === 'overflow')).toBe(true);
  await expect(page.getByText('Layer 36 overflowed in the forward pass')).toBeVisible();
});

test('[ and ] step through the presets; changing a setting leaves the preset and its note', async ({ page }) => {
  await page.goto('/');
  const menu = page.getByRole('combobox', { name: 'Preset' });
  await page.locator('body').press(']');
  await expect(menu).toHaveValue(PRESETS[0].id);
  await page.locator('body').press(']');
  await expect(menu).toHaveValue(PRESETS[1].id);
  await page.locator('body').press('[');
  await expect(menu).toHaveValue(PRESETS[0].id);
  await expect(page.getByRole('region', { name: /^What to notice/ })).toContainText(PRESETS[0].notice);

  await page.getByRole('combobox', { name: 'Activation', exact: true }).selectOption('relu');
  await expect(menu).toHaveValue('');
  await expect(page.getByRole('region', { name: /^What to notice/ })).toHaveCount(0);
});

test('choosing a preset clears the notice about a broken link', async ({ page }) => {
  await page.goto('/?depth=abc');
  await expect(page.getByRole('status', { name: 'Problems in this link' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Preset' }).selectOption(PRESETS[2].id);
  await expect(page.getByRole('status', { name: 'Problems in this link' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: /^What to notice/ })).toContainText(PRESETS[2].notice);
});
