#!/usr/bin/env node
// The e2e tests drive the system's Chromium (Playwright's browser download cannot run here).
// Say how to get one when it is missing, instead of failing deep inside Playwright.
import { accessSync, constants } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
try {
  accessSync(path, constants.X_OK);
  console.log(`Chromium found at ${path}`);
} catch {
  console.error(`Chromium was not found at ${path} (or is not executable).
The end-to-end tests need it. Either install it:

    apt-get update && apt-get install -y chromium

or point CHROMIUM_PATH at a Chromium or Chrome executable:

    CHROMIUM_PATH=/path/to/chromium npm run test:e2e
`);
  process.exit(1);
}
