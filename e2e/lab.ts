/** What the control and preset journeys read off the page, by role and name. */
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures.ts';

/** The signal panel (its first chart: the second moment of each layer). */
export function signalPanel(page: Page): Locator {
  return page.getByRole('region', { name: /^(Signal by layer|Second moment by layer)$/ });
}

/**
 * How long to wait for the worker. Deep presets take seconds on a slow or busy machine, and a new
 * probe waits for the comparison line in flight; correctness, not speed, is what these tests check.
 */
export const ENGINE_TIMEOUT = 90_000;

/** Wait until the engine has answered the current config and the charts show it. */
export async function settled(page: Page): Promise<void> {
  // Both at the same moment: read one after the other, an old "Computed in" and a preview's
  // not-busy chart could each pass while the full probe is still on its way.
  await expect.poll(() => page.evaluate(() => {
    const status = document.querySelector('[role="status"][aria-label="Engine status"]')?.textContent ?? '';
    const heading = [...document.querySelectorAll('h2')].find((h) => /^(Signal by layer|Second moment by layer)$/.test(h.textContent ?? ''));
    const figure = heading?.closest('section')?.querySelector('figure');
    return /Computed in \d/.test(status) && figure?.getAttribute('aria-busy') === 'false';
  }), { timeout: ENGINE_TIMEOUT }).toBe(true);
}

/** Open the signal panel's table (if closed), wait for one row per layer, and return it. */
export async function signalTable(page: Page, layers: number): Promise<Locator> {
  const panel = signalPanel(page);
  const show = panel.getByRole('button', { name: 'Show table' });
  if (await show.isVisible()) await show.click();
  await expect(panel.getByRole('button', { name: 'Hide table' })).toHaveAttribute('aria-expanded', 'true');
  const table = panel.getByRole('table');
  await expect(table.getByRole('rowheader')).toHaveCount(layers, { timeout: ENGINE_TIMEOUT });
  await settled(page);
  return table;
}

/** The measured E[h²] column, top row (layer 1) first, as the table writes it. */
export async function measuredColumn(table: Locator): Promise<string[]> {
  const rows = table.getByRole('row').filter({ has: table.page().getByRole('rowheader') });
  const texts: string[] = [];
  for (const row of await rows.all()) texts.push((await row.getByRole('cell').first().innerText()).trim());
  return texts;
}

/** The seed the address bar carries (1, the default, when absent). */
export function seedOf(url: string): number {
  return Number(new URL(url).searchParams.get('seed') ?? '1');
}
