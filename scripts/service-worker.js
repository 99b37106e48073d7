/**
 * Layerscope's service worker: after one visit the lab opens with no network (a lecture hall's wifi
 * is not to be trusted). The build prepends `const PRECACHE = { version, files }` (see
 * scripts/vite-offline-plugin.ts): every file of that build, relative to this script.
 *
 * - install: cache every file of the build, in a cache named after the build's content hash;
 * - activate: delete the caches of earlier builds, and take over open pages;
 * - the page (a navigation): network first, so a new build shows up on the next visit; the cached
 *   copy when the network fails or is slow;
 * - everything else of this origin: cache first (file names are content-hashed), then the network,
 *   keeping what came back;
 * - other origins: not touched (the app requests none).
 */
/* global PRECACHE */

const CACHE_PREFIX = 'layerscope-';
const CACHE = `${CACHE_PREFIX}${PRECACHE.version}`;
const SCOPE = new URL(self.registration.scope);
const PAGE = new URL('./', SCOPE).href;
const PAGE_PATHS = new Set([SCOPE.pathname, new URL('index.html', SCOPE).pathname]);
/** How long a navigation waits for the network before the cached page is shown (and updated behind it). */
const NETWORK_PATIENCE_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // cache: 'reload' skips the HTTP cache, so the copies are this build's, not a stale mix.
    await cache.addAll(PRECACHE.files.map((file) => new Request(new URL(file, SCOPE), { cache: 'reload' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE).map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return;
  if (request.mode === 'navigate') event.respondWith(page(event, url));
  else event.respondWith(asset(event));
});

/** The page: the network's answer if it comes in time, else the cached copy (refreshed in the background). */
async function page(event, url) {
  const cache = await caches.open(CACHE);
  const isPage = PAGE_PATHS.has(url.pathname);
  const network = fetch(event.request).then(async (response) => {
    if (isPage && response.ok) await cache.put(PAGE, response.clone());
    return response;
  });
  const cached = await (isPage ? cache.match(PAGE) : cache.match(event.request, { ignoreSearch: true }));
  if (!cached) return network;
  const answer = await Promise.race([
    network.catch(() => null),
    new Promise((resolve) => setTimeout(resolve, NETWORK_PATIENCE_MS, null)),
  ]);
  if (answer) return answer;
  event.waitUntil(network.catch(() => undefined)); // let a slow answer still refresh the cache
  return unredirected(cached);
}

/** A page a host reached through a redirect (index.html -> ./) cannot answer a navigation as it is. */
function unredirected(response) {
  if (!response.redirected) return response;
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** A file of the app: the cached copy, else the network's (kept for next time). */
async function asset(event) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(event.request);
  if (cached) return cached;
  const response = await fetch(event.request);
  if (response.ok && response.type === 'basic') event.waitUntil(cache.put(event.request, response.clone()));
  return response;
}
