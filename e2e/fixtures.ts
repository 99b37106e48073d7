import { test as base, expect } from '@playwright/test';

export interface Guard {
  /** Expect errors matching this pattern (a test that breaks the worker on purpose). */
  allow(pattern: RegExp): void;
}

/**
 * A page that fails the test on any uncaught page error, console error, dialog (alert, confirm)
 * or request that leaves the app's origin; such requests are also blocked before they go out.
 */
export const test = base.extend<{ guard: Guard }>({
  guard: [
    async ({ page, context, baseURL }, use) => {
      const origin = new URL(baseURL ?? 'http://127.0.0.1:4173').origin;
      const failures: string[] = [];
      const allowed: RegExp[] = [];
      await context.route('**/*', async (route) => {
        const url = route.request().url();
        if (new URL(url).origin === origin) return route.continue();
        failures.push(`request left the origin: ${url}`);
        return route.abort('blockedbyclient');
      });
      page.on('pageerror', (error) => failures.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') failures.push(`console error: ${message.text()}`);
      });
      page.on('dialog', async (dialog) => {
        failures.push(`a ${dialog.type()} dialog opened: ${dialog.message()}`);
        await dialog.dismiss();
      });
      page.on('worker', (worker) => {
        worker.on('console', (message) => {
          if (message.type() === 'error') failures.push(`worker console error: ${message.text()}`);
        });
      });
      await use({ allow: (pattern) => allowed.push(pattern) });
      const unexpected = failures.filter((f) => !allowed.some((pattern) => pattern.test(f)));
      expect(unexpected, 'errors, dialogs or off-origin requests during the test').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
