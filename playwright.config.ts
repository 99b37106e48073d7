import { defineConfig } from '@playwright/test';

/**
 * e2e journeys against the production build, in the system's Chromium (Playwright's own browser
 * downloads are not available here). scripts/check-chromium.mjs explains a missing browser.
 */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// E2E_PORT and E2E_DIST let two runs on one machine keep out of each other's way.
const port = Number(process.env.E2E_PORT ?? 4173);
const dist = process.env.E2E_DIST ?? 'dist';
const ci = Boolean(process.env.CI);

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  forbidOnly: ci,
  retries: 0,
  workers: ci ? 1 : 2,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 20_000 }, // the first probe takes about a second in the worker; slow machines more
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 720 },
    trace: 'retain-on-failure',
    // The offline service worker would cache ~1.2 MiB per test and serve later requests itself,
    // past page.route; e2e/offline.spec.ts allows it for its own journeys.
    serviceWorkers: 'block',
    launchOptions: {
      executablePath,
      args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--no-sandbox', '--disable-gpu'],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    // Serves the production build. `npm test` builds first; set E2E_SKIP_BUILD=1 to reuse dist/.
    command: `${process.env.E2E_SKIP_BUILD ? '' : `npx vite build --outDir ${dist} && `}npx vite preview --host 127.0.0.1 --port ${port} --strictPort --outDir ${dist}`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !ci,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
