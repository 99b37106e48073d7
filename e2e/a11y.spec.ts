/**
 * axe-core on every lab, in both themes: no serious or critical violation. The labs are the
 * initialization lab, training on 2D data, the batch-norm lab on the digits, presentation mode
 * and an embed. Each page is checked after its first numbers are drawn (and, for training, after
 * some steps), with the tables open, so the checked DOM is the one a student reads.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { ENGINE_TIMEOUT } from './lab.ts';

const LABS = [
  { name: 'initialization lab', query: '?depth=8&width=64&act=relu&init=he_normal', trains: false },
  { name: 'training on spiral', query: '?data=spiral&depth=3&width=16&batch=32', trains: true },
  { name: 'batch-norm lab on digits', query: '?data=digits&depth=2&width=32&act=sigmoid&norm=batch&batch=32', trains: true },
  { name: 'regularization lab, MLE vs MAP', query: '?lab=regularization&data=moons&ntrain=10&depth=2&width=16&wd=0.01&vs=prior:none', trains: true },
  { name: 'presentation mode', query: '?data=circles&depth=2&width=16&present=1', trains: true },
  { name: 'embed', query: '?depth=6&width=32&embed=1&panels=signal,gradient', trains: false },
] as const;

async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  const toggle = page.getByRole('button', { name: /dark theme/i });
  if ((await toggle.count()) === 0) {
    await page.emulateMedia({ colorScheme: theme }); // an embed has no toggle: it follows the system
    return;
  }
  if ((await toggle.getAttribute('aria-pressed')) !== String(theme === 'dark')) await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

for (const lab of LABS) {
  for (const theme of ['light', 'dark'] as const) {
    test(`axe: ${lab.name}, ${theme} theme`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.goto(`/${lab.query}`);
      await setTheme(page, theme);
      // The first numbers are in: the probe's, and for training the run at step 0.
      if (lab.query.includes('embed=1')) {
        // An embed has no status line: its chart is drawn and not busy.
        await expect(page.locator('figure[aria-busy="false"] svg').first()).toBeVisible({ timeout: ENGINE_TIMEOUT });
      } else {
        await expect(page.getByRole('status', { name: 'Engine status' })).toContainText(/Computed in \d/, { timeout: ENGINE_TIMEOUT });
      }
      if (lab.trains) await expect(page.getByText('Ready at step 0')).toBeVisible({ timeout: ENGINE_TIMEOUT });
      if (lab.trains) {
        await page.getByRole('button', { name: '+100' }).click();
        await expect(page.getByTestId('train-step')).toHaveText('100', { timeout: ENGINE_TIMEOUT });
      }
      for (const show of await page.getByRole('button', { name: 'Show table' }).all()) {
        if (await show.isVisible()) await show.click();
      }
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n  ')}`).join('\n');
      expect(bad, report).toEqual([]);
    });
  }
}
