/**
 * The built page's content security policy: it is there, and nothing the lab does breaks it. Every
 * lab, a preset of each, an embed, the presentation mode, the formula card's KaTeX (the one place
 * that sets HTML, through a Trusted Types policy), a training run, the exports and the offline
 * service worker all run with zero `securitypolicyviolation` events.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { settled } from './lab.ts';

/** Every violation on any page this page object opens, reported to the test as it happens. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction('reportViolation', (text: string) => { seen.push(`${page.url()}: ${text}`); });
  await page.addInitScript(() => {
    const report = (window as unknown as { reportViolation: (text: string) => void }).reportViolation;
    document.addEventListener('securitypolicyviolation', (e) => report(`${e.violatedDirective}: ${e.blockedURI || e.sample}`));
  });
  return seen;
}

test.describe.configure({ timeout: 180_000 });

test('the build carries the policy: own origin only, no inline script, no eval, Trusted Types', async ({ page, guard }) => {
  guard.allow(/requires 'Trusted(HTML|ScriptURL)' assignment|Content Security Policy/); // the refusals this test provokes
  await page.goto('/');
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("script-src 'self'");
  expect(policy).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  expect(policy).toContain("connect-src 'self'");
  expect(policy).toContain("require-trusted-types-for 'script'");
  expect(policy).not.toContain('unsafe-eval');
  // The policy is in force: raw HTML is refused (only the 'katex' policy's output goes in), and so
  // is a worker from another origin. (DevTools' own evaluation may eval, so eval is not tried here.)
  const refused = await page.evaluate(() => {
    const out: string[] = [];
    try { document.body.insertAdjacentHTML('beforeend', '<b>x</b>'); out.push('html set'); } catch { out.push('html refused'); }
    try { new Worker('https://elsewhere.example/w.js'); out.push('worker started'); } catch { out.push('worker refused'); }
    return out;
  });
  expect(refused).toEqual(['html refused', 'worker refused']);
});

test('every lab, presets, an embed and the presentation mode run without a violation', async ({ page }) => {
  const violations = await watchViolations(page);
  // The initialization lab with the formula card (KaTeX through the 'katex' policy).
  await page.goto('/?depth=6&width=64&batch=64');
  await settled(page);
  await expect(page.locator('.formula-math .katex').first()).toBeVisible({ timeout: 60_000 });
  // A preset from the menu.
  await page.getByRole('combobox', { name: 'Preset' }).selectOption({ index: 1 });
  await settled(page);
  // Training, with a run (the training code loads into the worker with the first message).
  await page.goto('/?data=spiral&depth=3&width=16&batch=32');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForTimeout(1500);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  // The residual lab, an embed and the presentation mode.
  await page.goto('/?residual=1&depth=6&width=16&batch=32&act=relu&init=he_normal');
  await settled(page);
  await page.goto('/?embed=1&panels=signal,gradient&depth=5&width=32&batch=32');
  await expect(page.getByRole('region').first()).toBeVisible();
  await page.goto('/?present=1&depth=5&width=32&batch=32');
  await settled(page);
  expect(violations).toEqual([]);
});
