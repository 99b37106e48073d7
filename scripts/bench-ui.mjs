#!/usr/bin/env node
/**
 * The UI performance budget, measured on the built app in Chromium and printed: a
 * benchmark, not a test. It never fails because the machine is slow; it exits non-zero only when it
 * cannot measure at all (no build, no browser).
 *
 *   npm run bench:ui                     # builds nothing: run `npx vite build` first
 *   npm run bench:ui -- --json out.json  # also write the numbers as JSON
 *   npm run bench:ui -- --url http://127.0.0.1:4173/   # measure a server already running
 *   npm run bench:ui -- --only slider    # some of: first, bundle, slider, training, conv, lenet, lenet50
 *
 * (a) frame time while a 20 x 128 net trains (requestAnimationFrame deltas over 5 s), and the same in
 *     the convolution lab (its tiny CNN on the 8x8 digits; LeNet-5 on MNIST) with the steps/s meanwhile;
 * (b) slider-change-to-chart latency for a 50 x 256 net at batch 256: the Gain slider moved a step
 *     at a time (20 moves; the target), then 10 jumps across the track, reported beside it;
 * (c) time to first chart on load (navigation start to the first chart's line, fresh profile);
 * (d) gzipped JavaScript of dist/: what a first visit asks for before its first chart is drawn (the
 *     budget), everything it fetches (the formula card's KaTeX comes after the chart), every chunk.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST, frameDeltas, launchChromium, median, quantile, startPreview } from './lib/browser.mjs';
const TARGETS = { fps: 55, sliderP95Ms: 50, firstChartMs: 1500, gzipKB: 150, comparisonFillMs: 2000 };
const FRAME_WINDOW_MS = 5000;
const SLIDER_MOVES = 20;
/** Gain values for the jumps, each at least 0.5 from the one before. */
const SLIDER_JUMPS = [2.5, 0.6, 3.2, 1.4, 0.3, 2.05, 0.9, 3.65, 1.7, 0.45];
const FIRST_CHART_LOADS = 5;
/** How long one measurement may wait for the engine before it is reported as not measured. */
const PATIENCE_MS = 120_000;

// ---------------------------------------------------------------------------------------------
// Arguments, server, browser.

function parseArgs(argv) {
  const args = { json: null, url: null, only: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') args.json = argv[++i];
    else if (argv[i] === '--url') args.url = argv[++i];
    else if (argv[i] === '--only') args.only = argv[++i].split(',');
    else if (argv[i] === '--help' || argv[i] === '-h') {
      console.log('usage: node scripts/bench-ui.mjs [--json out.json] [--url http://127.0.0.1:4173/] [--only first,bundle,slider,training,conv,lenet,lenet50]');
      process.exit(0);
    } else {
      console.error(`unknown argument ${argv[i]}`);
      process.exit(2);
    }
  }
  return args;
}




// ---------------------------------------------------------------------------------------------
// Statistics.


// ---------------------------------------------------------------------------------------------
// In-page helpers (serialized into the page).


/**
 * Move the range input labelled `label` to `value` as a drag does (one input event), and resolve
 * with the ms until the first chart shows a new probe (the result fingerprint changed and the
 * figure is not busy) and a frame has been drawn; null after `timeoutMs`.
 */
function sliderToChart({ label, value, timeoutMs }) {
  const labelEl = [...document.querySelectorAll('label')].find((l) => l.textContent.trim() === label);
  const slider = labelEl && document.getElementById(labelEl.htmlFor);
  if (!slider || slider.type !== 'range') throw new Error(`no slider labelled ${label}`);
  const fingerprint = () => document.querySelector('[aria-label="result fingerprint"]')?.textContent ?? '';
  const figure = () => document.querySelector('main figure');
  const before = fingerprint();
  return new Promise((resolve) => {
    let done = false;
    const finish = (ms) => {
      if (done) return;
      done = true;
      observer.disconnect();
      clearTimeout(timer);
      resolve(ms);
    };
    const check = () => {
      if (fingerprint() !== before && figure()?.getAttribute('aria-busy') === 'false' && figure()?.querySelector('svg path')) {
        requestAnimationFrame(() => finish(performance.now() - started)); // the frame that shows it
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    const timer = setTimeout(() => finish(null), timeoutMs);
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    const started = performance.now();
    setValue.call(slider, String(value));
    slider.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Installed before the app's scripts: the time (ms from navigation start) the first chart line appears. */
function watchFirstChart() {
  const seen = () => document.querySelector('main figure svg path');
  /** The "Initializers side by side" chart with all its lines: its figure no longer busy. */
  const filled = () => [...document.querySelectorAll('main figure')].some((f) => /^Initializers side by side$/.test(f.querySelector('h2')?.textContent ?? '') && f.getAttribute('aria-busy') === 'false' && f.querySelector('svg path'));
  const observer = new MutationObserver(() => {
    if (window.__firstChartMs === undefined && seen()) window.__firstChartMs = performance.now();
    if (window.__comparisonFilledMs === undefined && filled()) window.__comparisonFilledMs = performance.now();
    if (window.__firstChartMs !== undefined && window.__comparisonFilledMs !== undefined) observer.disconnect();
  });
  observer.observe(document, { subtree: true, childList: true });
}

/** The engine answered, a chart has its line, and no figure waits for more (the comparison lines are in). */
const chartsIdle = () => /^Computed in \d/.test(document.querySelector('[aria-label="Engine status"]')?.textContent ?? '')
  && document.querySelector('main figure svg path') !== null && !document.querySelector('main figure[aria-busy="true"]');

// ---------------------------------------------------------------------------------------------
// The measurements. Each returns numbers, or { skipped: why }.

/**
 * The convolution lab's two speed targets: the lab's tiny CNN (two 3x3 convs) on the 8x8 digits and
 * the LeNet-5 preset on the 28x28 digits (as the preset ships it: a pass over the 1,200 test images
 * every 200 steps; lenet50 is the same net at the default evalevery=50, where those passes cost
 * about a third of the time), batch 32.
 */
const LENET = `lab=conv&data=mnist&arch=${encodeURIComponent('c1:conv5-6p2,tanh,s2:avg2,c3:conv5-16p0,tanh,s4:avg2,c5:conv5-120p0,tanh,f6:fc84,tanh,output:fc10')}&init=xavier_normal&batch=32&opt=adam&lr=0.001`;
const CONV_QUERIES = {
  conv: `lab=conv&data=digits&arch=${encodeURIComponent('conv3-8,relu,max2,conv3-16,relu,max2,gap,fc10')}&batch=32&opt=adam&lr=0.01`,
  lenet: `${LENET}&evalevery=200`,
  lenet50: LENET,
};

async function trainingFrames(browser, base, query = 'data=spiral&depth=20&width=128') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  try {
    await page.goto(new URL(`?${query}`, base).href);
    const play = page.getByRole('button', { name: 'Play', exact: true });
    const step = page.locator('[data-testid="train-step"]');
    try {
      await play.waitFor({ state: 'visible', timeout: 30_000 });
      await step.waitFor({ state: 'attached', timeout: 5_000 });
    } catch {
      return { skipped: 'training UI not found (no "Play" button or [data-testid="train-step"])' };
    }
    await play.click({ timeout: PATIENCE_MS }); // waits while the button is disabled (data loading)
    const stepNow = async () => Number((await step.textContent()).replace(/[^\d]/g, '')) || 0;
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="train-step"]')?.textContent.replace(/[^\d]/g, '')) > 0, null, { timeout: PATIENCE_MS });
    await page.waitForTimeout(5000); // past the start: the JIT warming up, the panels' code arriving, the first grids
    const stepsBefore = await stepNow();
    const started = Date.now();
    const deltas = await page.evaluate(frameDeltas, FRAME_WINDOW_MS);
    const seconds = (Date.now() - started) / 1000;
    const stepsPerSecond = (await stepNow() - stepsBefore) / seconds;
    const pause = page.getByRole('button', { name: 'Pause', exact: true });
    if (await pause.isVisible()) await pause.click();
    const med = median(deltas);
    return { frames: deltas.length, medianMs: med, p95Ms: quantile(deltas, 0.95), medianFps: 1000 / med, stepsPerSecond };
  } finally {
    await context.close();
  }
}

async function sliderLatency(browser, base) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  try {
    await page.goto(new URL('?depth=50&width=256&batch=256', base).href);
    // Start from a quiet lab: the probe answered and the comparison lines have all arrived.
    await page.waitForFunction(chartsIdle, null, { timeout: PATIENCE_MS, polling: 100 });
    const engineMs = [];
    /** Move to each value, as a student reading the chart before the next move; the ms to the chart. */
    const moves = async (values) => {
      const latencies = [];
      let missed = 0;
      for (const value of values) {
        const ms = await page.evaluate(sliderToChart, { label: 'Gain', value, timeoutMs: PATIENCE_MS });
        if (ms === null) missed++;
        else latencies.push(ms);
        // Let the full probe and the comparison lines of this setting finish before the next move.
        await page.waitForFunction(chartsIdle, null, { timeout: PATIENCE_MS, polling: 100 }).catch(() => {});
        // The worker's own time for the full probe, as the status line reports it ("Computed in 780 ms" or "in 3.2 s").
        const status = await page.getByRole('status', { name: 'Engine status' }).textContent();
        const reported = /Computed in ([\d.]+) (ms|s)\b/.exec(status ?? '');
        if (reported) engineMs.push(Number(reported[1]) * (reported[2] === 's' ? 1000 : 1));
      }
      return {
        moves: values.length, missed, p50Ms: median(latencies), p95Ms: quantile(latencies, 0.95), maxMs: Math.max(...latencies),
        latenciesMs: latencies.map(Math.round),
      };
    };
    // Steps: gain 1.05, 1.10, ... one slider step each, as arrow keys or a slow drag make them.
    const steps = await moves(Array.from({ length: SLIDER_MOVES }, (_, i) => Number((1 + 0.05 * (i + 1)).toFixed(2))));
    // Jumps: far from the last value, as a click on the track makes them (no preview computed ahead).
    const jumps = await moves(SLIDER_JUMPS);
    return { ...steps, jumps, engineP50Ms: median(engineMs) };
  } finally {
    await context.close();
  }
}

async function firstChart(browser, base) {
  const times = [];
  const fills = [];
  /** The JS files a first visit fetches (page and worker), until the charts are idle, and when each was asked for (epoch ms). */
  const scripts = new Map();
  let firstChartAt = Infinity;
  for (let i = 0; i < FIRST_CHART_LOADS; i++) {
    // A fresh profile each time: nothing cached, no service worker (a first visit).
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, serviceWorkers: 'block' });
    if (i === 0) {
      context.on('request', (request) => {
        const file = new URL(request.url()).pathname.split('/').pop();
        if (/\.js$/.test(file) && !scripts.has(file)) scripts.set(file, Date.now());
      });
    }
    const page = await context.newPage();
    try {
      await page.addInitScript(watchFirstChart);
      await page.goto(base);
      await page.waitForFunction(() => window.__firstChartMs !== undefined, null, { timeout: PATIENCE_MS, polling: 50 });
      times.push(await page.evaluate(() => window.__firstChartMs));
      await page.waitForFunction(() => window.__comparisonFilledMs !== undefined, null, { timeout: PATIENCE_MS, polling: 50 });
      fills.push(await page.evaluate(() => window.__comparisonFilledMs));
      if (i === 0) {
        firstChartAt = await page.evaluate(() => performance.timeOrigin + window.__firstChartMs);
        await page.waitForFunction(chartsIdle, null, { timeout: PATIENCE_MS, polling: 100 }).catch(() => {});
      }
    } finally {
      await context.close();
    }
  }
  return {
    loads: times.length, medianMs: median(times), fillMedianMs: median(fills), fillMinMs: Math.min(...fills), fillMaxMs: Math.max(...fills), minMs: Math.min(...times), maxMs: Math.max(...times), scripts: [...scripts.keys()],
    // Asked for before the first chart was drawn: what the first chart waited for (the request event can lag a little, never lead).
    beforeChart: [...scripts].filter(([, at]) => at <= firstChartAt).map(([file]) => file),
  };
}

/**
 * Gzipped JS of the build: what index.html names (entry + preloads), what a first visit fetched
 * (measured in firstChart: the entry, the engine's worker, chunks the first screen imports), every chunk.
 */
function bundleSize(firstVisit, beforeChart = []) {
  const assets = join(DIST, 'assets');
  const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const gz = (file) => gzipSync(readFileSync(join(assets, file)), { level: 9 }).length;
  const sizes = Object.fromEntries(js.map((f) => [f, { bytes: statSync(join(assets, f)).size, gzip: gz(f) }]));
  const index = readFileSync(join(DIST, 'index.html'), 'utf8');
  const entry = [...index.matchAll(/<(?:script|link)[^>]+(?:src|href)="\.\/assets\/([^"]+\.js)"/g)].map((m) => m[1].replace(/^assets\//, ''));
  const worker = js.filter((f) => /worker/i.test(f));
  // Without a measured visit, assume entry + worker.
  const visited = firstVisit && firstVisit.length > 0 ? firstVisit.filter((f) => sizes[f]) : [...new Set([...entry, ...worker])];
  const sum = (files) => files.reduce((total, f) => total + (sizes[f]?.gzip ?? 0), 0) / 1024;
  const critical = beforeChart.filter((f) => sizes[f]);
  return {
    entryKB: sum(entry), criticalKB: critical.length > 0 ? sum(critical) : NaN, critical,
    firstVisitKB: sum(visited), allKB: sum(js), entry, firstVisit: visited, measured: Boolean(firstVisit?.length), files: sizes,
  };
}

// ---------------------------------------------------------------------------------------------
// Report.

const fmt = (x, digits = 0) => (Number.isFinite(x) ? x.toFixed(digits) : '–');

function row(metric, value, target, verdict) {
  return `  ${metric.padEnd(46)} ${value.padEnd(26)} ${target.padEnd(12)} ${verdict}`;
}
const verdict = (ok) => (ok === null ? '' : ok ? 'meets' : 'MISSES');

async function measure(name, fn) {
  process.stderr.write(`measuring ${name}…\n`);
  try {
    return await fn();
  } catch (error) {
    return { skipped: `not measured: ${String(error.message ?? error).split('\n')[0]}` };
  }
}

/** Whether --only asks for this measurement (all when --only is not given). */
const wanted0 = (args, name) => args.only === null || args.only.includes(name);

async function main() {
  const args = parseArgs(process.argv.slice(2));
  try {
    if (!args.url || wanted0(args, 'bundle')) statSync(join(DIST, 'index.html'));
  } catch {
    console.error('No build in dist/: run `npx vite build` first.');
    process.exit(1);
  }
  const load = { before: loadavg()[0] };
  const server = args.url ? { url: args.url, stop: () => {} } : await startPreview();
  const browser = await launchChromium();
  const results = { when: new Date().toISOString(), chromium: browser.version(), cpus: cpus().length, url: server.url };
  try {
    const skip = { skipped: 'not asked for (--only)' };
    const wanted = (name) => args.only === null || args.only.includes(name);
    results.firstChart = wanted('first') || wanted('bundle') ? await measure('time to first chart', () => firstChart(browser, server.url)) : skip;
    results.bundle = wanted('bundle') && !results.firstChart.skipped
      ? await measure('bundle size', async () => bundleSize(results.firstChart.scripts, results.firstChart.beforeChart)) : skip;
    results.slider = wanted('slider') ? await measure('slider-to-chart latency', () => sliderLatency(browser, server.url)) : skip;
    results.training = wanted('training') ? await measure('frame time while training', () => trainingFrames(browser, server.url)) : skip;
    results.conv = wanted('conv') ? await measure('the convolution lab: a tiny CNN on the digits', () => trainingFrames(browser, server.url, CONV_QUERIES.conv)) : skip;
    results.lenet = wanted('lenet') ? await measure('the convolution lab: LeNet-5 on MNIST', () => trainingFrames(browser, server.url, CONV_QUERIES.lenet)) : skip;
    results.lenet50 = wanted('lenet50') ? await measure('the convolution lab: LeNet-5 on MNIST, evalevery=50', () => trainingFrames(browser, server.url, CONV_QUERIES.lenet50)) : skip;
  } finally {
    await browser.close();
    server.stop();
  }
  load.after = loadavg()[0];
  results.loadAverage = load;

  const t = results.training;
  const s = results.slider;
  const f = results.firstChart;
  const b = results.bundle;
  const lines = [
    '',
    `Layerscope UI benchmark — Chromium ${results.chromium}, ${results.cpus} CPUs, load average ${fmt(load.before, 1)} → ${fmt(load.after, 1)}`,
    '',
    row('metric', 'measured', 'target', ''),
    t.skipped
      ? row('frame time while training 20x128', t.skipped, `≥${TARGETS.fps} fps`, '')
      : row('frame time while training 20x128 (median)', `${fmt(t.medianMs, 1)} ms (${fmt(t.medianFps, 1)} fps)`, `≥${TARGETS.fps} fps`, verdict(t.medianFps >= TARGETS.fps)),
    ...(t.skipped ? [] : [
      row('  p95 frame time', `${fmt(t.p95Ms, 1)} ms`, '', ''),
      row('  training speed meanwhile', `${fmt(t.stepsPerSecond, 1)} steps/s (${t.frames} frames)`, '', ''),
    ]),
    ...[['conv', 'conv lab, tiny CNN on 8x8 digits, batch 32'], ['lenet', 'conv lab, LeNet-5 preset on 28x28 MNIST, batch 32'],
      ['lenet50', 'the same at the default evalevery=50']].flatMap(([key, what]) => {
      const c = results[key];
      if (key === 'lenet50' && c.skipped) return [];
      if (key === 'lenet50') return [row(what, `${fmt(c.stepsPerSecond, 1)} steps/s, ${fmt(c.medianFps, 1)} fps`, '', '')];
      return c.skipped ? [row(what, c.skipped, `≥${TARGETS.fps} fps`, '')] : [
        row(`${what} (median frame)`, `${fmt(c.medianMs, 1)} ms (${fmt(c.medianFps, 1)} fps)`, `≥${TARGETS.fps} fps`, verdict(c.medianFps >= TARGETS.fps)),
        row('  training speed in the page', `${fmt(c.stepsPerSecond, 1)} steps/s (${c.frames} frames)`, key === 'conv' ? '≥300 steps/s' : '≥20 steps/s', verdict(c.stepsPerSecond >= (key === 'conv' ? 300 : 20))),
      ];
    }),
    s.skipped
      ? row('slider to chart, 50x256 batch 256', s.skipped, `p95 ≤${TARGETS.sliderP95Ms} ms`, '')
      : row('slider to chart, 50x256 batch 256, a step (p50)', `${fmt(s.p50Ms)} ms`, '', ''),
    ...(s.skipped ? [] : [
      row('  p95', `${fmt(s.p95Ms)} ms (max ${fmt(s.maxMs)}; ${s.moves - s.missed}/${s.moves} moves)`, `≤${TARGETS.sliderP95Ms} ms`, verdict(s.p95Ms <= TARGETS.sliderP95Ms)),
      row('  jumps across the track (p50)', `${fmt(s.jumps.p50Ms)} ms (p95 ${fmt(s.jumps.p95Ms)}; ${s.jumps.moves - s.jumps.missed}/${s.jumps.moves} moves)`, '', ''),
      row('  the full probe that follows (p50)', `${fmt(s.engineP50Ms)} ms in the worker`, '', ''),
    ]),
    f.skipped
      ? row('first chart on load', f.skipped, `≤${TARGETS.firstChartMs} ms`, '')
      : row('first chart on load (median, fresh profile)', `${fmt(f.medianMs)} ms (${fmt(f.minMs)}–${fmt(f.maxMs)}, ${f.loads} loads)`, `≤${TARGETS.firstChartMs} ms`, verdict(f.medianMs <= TARGETS.firstChartMs)),
    ...(f.skipped ? [] : [
      row('"Initializers side by side" filled (median)', `${fmt(f.fillMedianMs)} ms (${fmt(f.fillMinMs)}–${fmt(f.fillMaxMs)})`, `≤${TARGETS.comparisonFillMs} ms`, verdict(f.fillMedianMs <= TARGETS.comparisonFillMs)),
    ]),
    b.skipped
      ? row('gzipped JavaScript', b.skipped, `≤${TARGETS.gzipKB} KB`, '')
      : Number.isFinite(b.criticalKB)
        ? row('gzipped JS before the first chart', `${fmt(b.criticalKB, 1)} KB (${b.critical.length} files)`, `≤${TARGETS.gzipKB} KB`, verdict(b.criticalKB <= TARGETS.gzipKB))
        : row(`gzipped JS fetched by a first visit${b.measured ? '' : ' (entry + worker)'}`, `${fmt(b.firstVisitKB, 1)} KB (${b.firstVisit.length} files)`, `≤${TARGETS.gzipKB} KB`, verdict(b.firstVisitKB <= TARGETS.gzipKB)),
    ...(b.skipped ? [] : [
      ...(Number.isFinite(b.criticalKB) ? [row('  all JS a first visit fetches (math after the chart)', `${fmt(b.firstVisitKB, 1)} KB (${b.firstVisit.length} files)`, '', '')] : []),
      row('  index.html\'s own scripts', `${fmt(b.entryKB, 1)} KB`, '', ''),
      row('  every chunk of the build', `${fmt(b.allKB, 1)} KB`, '', ''),
      ...Object.entries(b.files).map(([file, size]) => row(`    ${file}${b.firstVisit.includes(file) ? '' : ' (not on first visit)'}`, `${fmt(size.gzip / 1024, 1)} KB (${fmt(size.bytes / 1024)} KB raw)`, '', '')),
    ]),
    '',
    'A shared or busy machine slows every number here; the load average above says how busy it was.',
  ];
  console.log(lines.join('\n'));
  if (args.json) {
    writeFileSync(args.json, `${JSON.stringify({ targets: TARGETS, ...results }, null, 2)}\n`);
    console.log(`wrote ${args.json}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
