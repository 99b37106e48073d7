/**
 * Hostile links in the page: a few hundred generated links (seeded: the same links every
 * run) with markup and script in keys and values, broken percent-encoding and 64 KB values, thrown
 * at the experiment's keys and at the view keys (lab, panels, hide, present, embed, the explorer's).
 * Each opens the lab on a fresh load: no uncaught error (the fixture), a chart appears, the notice
 * lists exactly the problems the view split and the codec found in the link as opened and quotes
 * that link, the address bar holds the corrected link (which reopens without a problem), and
 * nothing from the link becomes an element or runs.
 */
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from '@playwright/test';
import { parseQuery, toQuery } from '../engine/contract/config.ts';
import { impliedLab } from '../app/labs/registry.ts';
import { labStart } from '../app/labs/labStart.ts';
import { joinQueries, splitViewQuery, VIEW_KEYS } from '../app/url/viewQuery.ts';
import { expect, test } from './fixtures.ts';

/** How many links: a few hundred, as the issue asks; 200 take ~80 s on a quiet 2-core machine (a page load each); HOSTILE_LINKS=N for more or fewer. */
const LINKS = Number(process.env.HOSTILE_LINKS ?? 200);
const SEED = 0x5eed;

declare global {
  interface Window {
    __pwned?: unknown;
    /** The query as the browser handed it to the page, before the app corrected the address bar. */
    __openedSearch?: string;
  }
}

/** A small seeded generator (mulberry32): the links are the same on every run and machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every payload, if it ever ran or became markup, sets window.__pwned or adds an element. */
const PAYLOADS = [
  '<img src=x onerror=window.__pwned=1>',
  '"><script>window.__pwned=1</script>',
  "'><svg onload=window.__pwned=1>",
  '<script>window.__pwned=1</script>',
  '</li></ul><img src=x onerror=window.__pwned=1>',
  '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=1>',
  '<a href="javascript:window.__pwned=1" id=pwn>x</a>',
  'javascript:window.__pwned=1',
  '<details open ontoggle=window.__pwned=1>',
  '<body onload=window.__pwned=1>',
  '{{constructor.constructor("window.__pwned=1")()}}',
  '${window.__pwned=1}',
  '<!--<img src=x onerror=window.__pwned=1>-->',
  '&lt;img src=x onerror=window.__pwned=1&gt;',
  '\u202e<img src=x onerror=window.__pwned=1>',
];
const BAD_ESCAPES = ['%zz', '%', '%4', '%C0%AF', '%E0%80%AF', '%ED%A0%80', '%F4%90%80%80', '%FF', '%80', '%E2%82', '%%'];
const ODD = ['%00', '%EF%BB%BF', '%E2%80%AE', '%F0%9F%98%80', '+', '++', '%2B', '%20', '%0A', '%0D%0A', '%09'];
/** Experiment keys, view keys (split off before the codec; they never change a number) and keys that are neither. */
const KEYS = [
  'depth', 'width', 'act', 'init', 'gain', 'std', 'const', 'bias', 'fan', 'batch', 'input', 'seed', 'opt', 'lr', 'norm', 'vs', 'v', 'arch', 'widths', 'ntrain', 'prior', 'decay', 'aug', 'pretrain', 'ptsteps', 'ptnoise', 'ptlr',
  ...VIEW_KEYS,
  'Depth', 'Lab', '__proto__', 'constructor', 'x',
];

/** A link's query: small sizes first (so the probe is quick), then hostile parts. */
function hostileQuery(next: () => number): string {
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const encodeSome = (s: string) => (next() < 0.5 ? encodeURIComponent(s) : s.replace(/[&#%]/g, encodeURIComponent));
  const parts = ['depth=3', 'width=16', 'batch=16'];
  const count = 1 + Math.floor(next() * 6);
  for (let i = 0; i < count; i++) {
    const kind = next();
    if (kind < 0.3) parts.push(`${pick(KEYS)}=${encodeSome(pick(PAYLOADS))}`); // markup as a value
    else if (kind < 0.45) parts.push(`${encodeSome(pick(PAYLOADS))}=${pick(['1', 'relu', ''])}`); // markup as a key
    else if (kind < 0.6) parts.push(`${pick(KEYS)}=${pick(['1', 'tanh', ''])}${pick(BAD_ESCAPES)}${pick(['', 'x', '%41'])}`); // broken encoding
    else if (kind < 0.7) parts.push(`${pick(KEYS)}${pick(BAD_ESCAPES)}=1`);
    else if (kind < 0.8) parts.push(`${pick(KEYS)}=${pick(ODD)}${pick(['', '5', 'relu'])}${pick(ODD)}`);
    else if (kind < 0.85) {
      // key:value lists (vs) and the aug grammar's name:strength_name:strength, with markup and broken escapes in them.
      // And vs's arch: (the rest of its run a spec), beside an architecture or the MLP.
      const list = next();
      parts.push(list < 0.5
        ? `${pick(KEYS)}=${pick(KEYS)}:${encodeSome(pick(PAYLOADS))},${pick(KEYS)}:${pick(BAD_ESCAPES)}`
        : list < 0.75
          ? `aug=${pick(['shift', 'elastic', 'mixup', 'x'])}:${encodeSome(pick(PAYLOADS))}_${pick(['noise', 'cutout'])}:${pick(['9', '0.1', ''])}${pick(BAD_ESCAPES)}`
          : `${pick(['arch=tiny_vgg&data=digits&', ''])}vs=lr:0.1,arch:${pick(['conv3-8,', 'tiny_resnet', '(res8', ''])}${encodeSome(pick(PAYLOADS))}${pick(['', ';init:he_normal', pick(BAD_ESCAPES)])}`);
    }
    else if (kind < 0.9) parts.push(`${pick(['depth', 'width', 'batch'])}=${pick(['200', '1024', '4096', '0', '-1', '1e9', 'NaN'])}`); // repeated keys: the first wins
    else {
      // A 64 KB value (or key): digits, markup, or broken escapes, repeated.
      const unit = pick(['9', encodeURIComponent(pick(PAYLOADS)), pick(BAD_ESCAPES), 'a']);
      const long = unit.repeat(Math.ceil(65_536 / unit.length)).slice(0, 65_536);
      parts.push(next() < 0.8 ? `${pick(KEYS)}=${long}` : `${long}=1`);
    }
  }
  return parts.join('&');
}

const DIST = process.env.E2E_DIST ? `${process.env.E2E_DIST.replace(/\/$/, '')}/` : fileURLToPath(new URL('../dist/', import.meta.url));
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.txt': 'text/plain', '.bin': 'application/octet-stream',
};

/** Every file of the built app by URL path ("/" is index.html), read once; retried while a build rewrites dist/. */
async function snapshotBuild(): Promise<Map<string, Buffer>> {
  for (let attempt = 0; ; attempt++) {
    try {
      const files = new Map<string, Buffer>();
      for (const entry of await readdir(DIST, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || entry.name.endsWith('.map')) continue;
        const path = join(entry.parentPath, entry.name);
        files.set(`/${path.slice(DIST.length).split('\\').join('/')}`, await readFile(path));
      }
      const index = files.get('/index.html')?.toString() ?? '';
      const scripts = [...index.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => `/${m[1]}`);
      if (scripts.length > 0 && scripts.every((s) => files.has(s))) {
        files.set('/', files.get('/index.html')!);
        return files;
      }
    } catch (error) {
      if (attempt > 60) throw error;
    }
    if (attempt > 60) throw new Error(`no complete build in ${DIST}: run npx vite build`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Answer the app's own requests (page and its worker) from the snapshot; anything else goes on to the fixture's guard. */
async function serveBuild(context: BrowserContext, files: Map<string, Buffer>): Promise<void> {
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    const body = files.get(url.pathname);
    if (url.hostname !== '127.0.0.1' || body === undefined) return route.fallback();
    return route.fulfill({ status: 200, body, contentType: CONTENT_TYPES[extname(url.pathname) || '.html'] ?? 'application/octet-stream' });
  });
}

/** What the page shows once its first chart is drawn, read in one round trip. */
interface Seen {
  /** The address bar's query once the lab is up, and the query the page was opened with. */
  readonly search: string;
  readonly opened: string;
  readonly openedText: string;
  readonly notice: readonly string[];
  readonly pwned: unknown;
  readonly injected: readonly string[];
  readonly title: string;
}

async function openAndRead(page: Page, path: string): Promise<Seen> {
  await page.goto(path, { waitUntil: 'domcontentloaded' });
  // The lab is up: the engine answered and a chart has its lines (the convolution lab: its filters drawn).
  await page.waitForFunction(() => {
    const status = document.querySelector('[aria-label="Engine status"]')?.textContent ?? '';
    return /Computed in \d/.test(status) && (document.querySelector('main figure svg path') !== null || document.querySelector('[data-testid="filter-grid"] canvas') !== null);
  }, null, { polling: 50, timeout: 30_000 });
  return page.evaluate(() => {
    const heading = [...document.querySelectorAll('h2')].find((h) => h.textContent === 'Problems in this link');
    const notice = heading ? [...heading.closest('section')!.querySelectorAll('li')].map((li) => li.textContent ?? '') : [];
    const openedText = heading?.closest('section')!.querySelector('.opened-link')?.textContent ?? '';
    // Elements no link may create, and inline handlers React never writes.
    const injected: string[] = [];
    // The build's own content security policy is the head's first element; any other meta with http-equiv is injected.
    const ownPolicy = document.head.firstElementChild;
    for (const el of document.querySelectorAll('img, iframe, object, embed, frame, base, form[action], meta[http-equiv], details[ontoggle], a[href^="javascript:" i], #pwn, script:not([type="module"])')) {
      if (el !== ownPolicy || el.getAttribute('http-equiv') !== 'Content-Security-Policy') injected.push(el.outerHTML.slice(0, 120));
    }
    for (const el of document.querySelectorAll('*')) {
      for (const attr of el.getAttributeNames()) if (/^on/i.test(attr)) injected.push(`${el.tagName} ${attr}`);
    }
    return { search: location.search, opened: window.__openedSearch ?? '', openedText, notice, pwned: window.__pwned, injected, title: document.title };
  });
}

// Service workers off: a link over the server's header limit is answered below, by the test itself.
// No trace: recording a few hundred page loads costs more than the loads (a failure names its link).
test.use({ serviceWorkers: 'block', trace: 'off' });
test.describe.configure({ timeout: Math.max(180_000, LINKS * 3_000) }); // up to ~1.2 s a link on a busy 2-core machine

test(`${LINKS} hostile links: the lab renders each, names what it ignored, and runs none of it`, async ({ page, context }, testInfo) => {
  // A 64 KB URL is over the preview server's request-header limit (Node's 16 KB) and any real host's,
  // which answer 431 or 414 before the app runs. What the app does with the link is the question
  // here, so the test serves the build itself, as a static host would (the query ignored), from a
  // copy taken now: a few hundred page loads should not straddle another build rewriting dist/.
  await serveBuild(context, await snapshotBuild());
  // The link as the browser gives it to the page (it percent-encodes some characters), before the app corrects it.
  await context.addInitScript(() => { window.__openedSearch = location.search; });

  const next = random(SEED);
  const started = Date.now();
  let withProblems = 0;
  let longest = 0;
  for (let i = 0; i < LINKS; i++) {
    const query = hostileQuery(next);
    longest = Math.max(longest, query.length);
    const label = `link ${i}: ?${query.slice(0, 160)}${query.length > 160 ? `… (${query.length} chars)` : ''}`;
    const seen = await test.step(`link ${i}`, () => openAndRead(page, `/?${query}`), { box: true }).catch((error: unknown) => {
      throw new Error(`${label}\n${String(error)}`);
    });
    expect(seen.pwned, label).toBeUndefined();
    expect(seen.injected, label).toEqual([]);
    expect(seen.title, label).toBe('Layerscope');
    // The notice says exactly what the view split and the codec rejected in the link the page was given, as text.
    const split = splitViewQuery(seen.opened);
    const parsed0 = parseQuery(split.configQuery);
    // A lab= the experiment does not fit opens a lab that shows it (app/labs/labStart.ts), as main.tsx does.
    const named = split.view.lab && split.view.route !== 'lecture' ? labStart(split.view.lab, parsed0.config) : null;
    const parsed = { config: named?.config ?? parsed0.config, problems: [...parsed0.problems, ...(named?.problem ? [named.problem] : [])] };
    const lab = named?.lab ?? split.view.lab ?? impliedLab(parsed.config);
    const expected = [...split.problems, ...parsed.problems].map((p) => p.message);
    expect(seen.notice, label).toEqual(expected);
    if (expected.length === 0) {
      // Nothing to correct (a spec the explorer names in place): the link stays as written.
      expect(seen.search, label).toBe(seen.opened);
      continue;
    }
    withProblems++;
    // The notice quotes the link as opened; the address bar holds the link of what is shown...
    expect(seen.openedText.startsWith(`The link as opened: ${seen.opened.slice(0, 160)}`), `${label}: ${seen.openedText.slice(0, 200)}`).toBe(true);
    const corrected = joinQueries(toQuery(parsed.config), { ...split.view, lab });
    // (as the browser writes it into location.search: the URL standard's query encoding, e.g. ' as %27)
    expect(seen.search, label).toBe(new URL(`http://127.0.0.1/?${corrected}`).search);
    // ...which, shared and reopened, runs the same experiment with nothing to complain about.
    const again = splitViewQuery(seen.search);
    const againParsed = parseQuery(again.configQuery);
    expect([...again.problems, ...againParsed.problems].map((p) => p.message), label).toEqual([]);
    expect(toQuery(againParsed.config), label).toBe(toQuery(parsed.config));
  }
  const seconds = (Date.now() - started) / 1000;
  const summary = `${LINKS} links in ${seconds.toFixed(1)} s (${(seconds * 1000 / LINKS).toFixed(0)} ms each), ${withProblems} with problems corrected in the address bar; longest query ${longest} chars`;
  testInfo.annotations.push({ type: 'hostile links', description: summary });
  console.log(`hostile links: ${summary}`);
  // Nearly every generated part is refused; a link whose only parts are accepted (a net= spec) has nothing to name.
  expect(withProblems).toBeGreaterThan(0.9 * LINKS);
});
