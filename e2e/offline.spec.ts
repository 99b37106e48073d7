/**
 * A student opens the lab once, then again with no network: it opens from the service worker's
 * cache. The build is served here by a small static server of our own, under a sub-path (as a
 * course page might host it), so "offline" can mean the server really stops answering: Chromium
 * does not apply Playwright's setOffline to a service worker's own requests.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test as base } from './fixtures.ts';
import { ENGINE_TIMEOUT, settled, signalPanel } from './lab.ts';

const DIST = process.env.E2E_DIST ? `${process.env.E2E_DIST.replace(/\/$/, '')}/` : fileURLToPath(new URL('../dist/', import.meta.url));
const SUB_PATH = '/course/layerscope/';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf',
  '.webmanifest': 'application/manifest+json', '.json': 'application/json', '.bin': 'application/octet-stream', '.txt': 'text/plain; charset=utf-8',
};

interface StaticHost {
  /** The app's address: origin and sub-path (set once the server listens). */
  url: string;
  origin: string;
  /** Paths requested (answered or not), in order. */
  readonly requests: string[];
  /** While down, every request is answered by a dropped connection, like a host that has gone away. */
  down: boolean;
  /** Serve sw.js as a new build would (another version), to see the old cache go. */
  nextBuild: boolean;
}

async function startHost(): Promise<{ host: StaticHost; server: Server }> {
  const host: StaticHost = { url: '', origin: '', requests: [], down: false, nextBuild: false };
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    host.requests.push(path);
    if (host.down) {
      request.socket.destroy();
      return;
    }
    if (!path.startsWith(SUB_PATH)) {
      response.writeHead(404).end();
      return;
    }
    const relative = path.slice(SUB_PATH.length) || 'index.html';
    const file = normalize(join(DIST, relative));
    if (!file.startsWith(DIST) || file.endsWith(sep)) {
      response.writeHead(404).end();
      return;
    }
    try {
      let body: Buffer | string = await readFile(file);
      if (relative === 'sw.js' && host.nextBuild) body = body.toString('utf8').replace(/"version": "(\w+)"/, '"version": "$1-next"');
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  host.origin = `http://127.0.0.1:${port}`;
  host.url = `${host.origin}${SUB_PATH}`;
  return { host, server };
}

// The guard fixture takes this host as the app's origin: anything else is off-origin.
const test = base.extend<{ host: StaticHost }>({
  host: async ({}, use) => {
    const { host, server } = await startHost();
    await use(host);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  },
  baseURL: async ({ host }, use) => use(host.url),
  serviceWorkers: 'allow',
});

/** Wait until a service worker is active and this page is one of its clients (reloading once if it came after the page). */
async function controlled(page: Page): Promise<string> {
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none')).toBe('activated');
  return scope;
}

test('after one visit, the lab opens and computes with the network gone', async ({ page, context, host }) => {
  await page.goto('./?depth=10');
  await settled(page);
  const scope = await controlled(page);
  expect(scope).toBe(host.url); // the worker's scope is the sub-path the app was served from
  const sw = await readFile(join(DIST, 'sw.js'), 'utf8');
  expect(sw).not.toMatch(/https?:\/\//); // every file it fetches is relative to its own folder

  host.down = true;
  await context.setOffline(true);
  host.requests.length = 0;
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Layerscope', level: 1 })).toBeVisible();
  await settled(page);
  await expect(signalPanel(page).getByRole('figure').first().getByRole('img').first()).toBeVisible({ timeout: ENGINE_TIMEOUT });
  // Nothing but the browser's own check for a newer sw.js (which fails, and the cached worker goes on).
  expect(host.requests.filter((path) => path !== `${SUB_PATH}sw.js`)).toEqual([]);

  // The digits data set is cached too, so a training lab works offline.
  const digits = await page.evaluate(async () => {
    const response = await fetch('digits.bin');
    return { ok: response.ok, bytes: (await response.arrayBuffer()).byteLength };
  });
  const onDisk = (await readFile(join(DIST, 'digits.bin'))).byteLength;
  expect(digits).toEqual({ ok: true, bytes: onDisk });

  // A new tab, offline from the start, opens the lab at its address too.
  const second = await context.newPage();
  await second.goto('./?depth=3');
  await settled(second);
  await second.close();

  await context.setOffline(false);
  host.down = false;
});

test('a new build replaces the cache of the old one', async ({ page, host }) => {
  await page.goto('./?depth=4');
  await settled(page);
  await controlled(page);
  const before = await page.evaluate(() => caches.keys());
  expect(before).toHaveLength(1);
  expect(before[0]).toMatch(/^layerscope-\w+$/);

  host.nextBuild = true;
  // The new worker installs (caching the whole build again) and activates; 'redundant' means its install failed.
  const state = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    await registration.update();
    const next = registration.installing ?? registration.waiting ?? registration.active;
    if (!next) return 'no worker';
    return new Promise<string>((resolve) => {
      const settle = () => {
        if (next.state === 'activated' || next.state === 'redundant') resolve(next.state);
      };
      next.addEventListener('statechange', settle);
      settle();
    });
  });
  expect(state).toBe('activated');
  await expect.poll(() => page.evaluate(() => caches.keys())).toEqual([`${before[0]}-next`]);
});

test('the web app manifest is linked relatively, parses, and its icons load', async ({ page, host }) => {
  await page.goto('./');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBe('./manifest.webmanifest');
  const manifestUrl = new URL(href!, page.url()).href;
  expect(manifestUrl).toBe(`${host.url}manifest.webmanifest`);

  const fetched = await page.evaluate(async (url) => {
    const response = await fetch(url);
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  }, manifestUrl);
  expect(fetched.status).toBe(200);
  const manifest = JSON.parse(fetched.text) as {
    name: string; start_url: string; scope: string; display: string; theme_color: string; background_color: string;
    icons: { src: string; sizes: string; type: string; purpose?: string }[];
  };
  expect(manifest).toMatchObject({ name: 'Layerscope', start_url: './', scope: './', display: 'standalone' });
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  const sizes = manifest.icons.map((i) => `${i.sizes} ${i.type}`);
  expect(sizes).toEqual(expect.arrayContaining(['192x192 image/png', '512x512 image/png', 'any image/svg+xml']));

  for (const icon of manifest.icons) {
    const url = new URL(icon.src, manifestUrl).href;
    expect(url.startsWith(host.url)).toBe(true);
    const loaded = await page.evaluate(async (src) => {
      const image = new Image();
      image.src = src;
      await image.decode();
      return [image.naturalWidth, image.naturalHeight];
    }, url);
    if (icon.sizes !== 'any') expect(loaded.join('x')).toBe(icon.sizes);
    else expect(loaded[0]).toBeGreaterThan(0);
  }
});
