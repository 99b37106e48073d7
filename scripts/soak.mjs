#!/usr/bin/env node
/**
 * A lecture-length soak of the built app, as a script (CI keeps its one-minute soak in
 * e2e/soak.spec.ts): each scenario trains in its own page, side by side, for --minutes; every
 * --every seconds the script forces a garbage collection and samples the page's JS heap, its DOM
 * nodes, its frame times over one second and the training step. It prints one row per window of
 * --window minutes (medians within the window) and says whether, after the first window (warm-up),
 * every window's median heap stayed within 10% of the first settled window's. Medians over
 * windows, because single samples leave any band by GC timing alone.
 *
 *   npx vite build && npm run soak -- --minutes 60            # 5-minute windows
 *   npm run soak -- --minutes 3 --window 0.5 --json soak.json # a quick look
 *   npm run soak -- --scenario "mlp=?data=spiral&depth=3&width=32&batch=32"   # your own
 *
 * A benchmark-like script: it exits non-zero only when it cannot measure (no build, no browser).
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { DIST, frameDeltas, launchChromium, median, quantile, startPreview } from './lib/browser.mjs';

const TOLERANCE = 0.1;
/**
 * The convolution lab's LeNet-5 preset (28x28 digits from the data file; filters and feature maps
 * redrawn as it trains) and Ioffe & Szegedy's Figure 1 on the digits, plain and with batch norm in
 * lockstep (the training lab's heaviest preset); the residual degradation comparison beside them.
 */
const DEFAULT_SCENARIOS = [
  ['conv: LeNet-5 preset (28x28 digits)', '?lab=conv&data=mnist&arch=c1%3Aconv5-6p2%2Ctanh%2Cs2%3Aavg2%2Cc3%3Aconv5-16p0%2Ctanh%2Cs4%3Aavg2%2Cc5%3Aconv5-120p0%2Ctanh%2Cf6%3Afc84%2Ctanh%2Coutput%3Afc10&init=xavier_normal&opt=adam&lr=0.001&batch=32&evalevery=200'],
  ['mlp: Figure 1 preset (digits, 3 x 100 sigmoid, BN vs plain)', '?data=digits&depth=3&width=100&act=sigmoid&init=normal&std=1&lr=0.5&batch=60&evalevery=100&vs=norm:batch'],
  ['mlp: residual degradation (spiral, three runs)', '?data=spiral&depth=12&width=32&batch=32&act=relu&init=he_normal&vs=depth:4;residual:1'],
];

function parseArgs(argv) {
  const args = { minutes: 60, window: null, every: 5, json: null, report: null, scenarios: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--minutes') args.minutes = Number(argv[++i]);
    else if (a === '--window') args.window = Number(argv[++i]);
    else if (a === '--every') args.every = Number(argv[++i]);
    else if (a === '--json') args.json = argv[++i];
    else if (a === '--report') args.report = argv[++i];
    else if (a === '--scenario') {
      const text = argv[++i], eq = text.indexOf('=');
      args.scenarios.push([text.slice(0, eq), text.slice(eq + 1)]);
    } else {
      console.error('usage: npm run soak -- [--minutes 60] [--window minutes] [--every seconds] [--json out.json] [--scenario "name=?query"]...\n       npm run soak -- --report soak.json   (print a saved run\'s table again)');
      process.exit(2);
    }
  }
  if (!(args.minutes > 0) || !(args.every > 0)) { console.error('--minutes and --every take positive numbers'); process.exit(2); }
  args.window ??= Math.max(0.5, args.minutes / 12);
  if (args.scenarios.length === 0) args.scenarios = DEFAULT_SCENARIOS;
  return args;
}

async function sample(page, session) {
  await session.send('HeapProfiler.collectGarbage');
  const { metrics } = await session.send('Performance.getMetrics');
  const metric = (name) => metrics.find((m) => m.name === name)?.value ?? NaN;
  const frames = await page.evaluate(frameDeltas, 1000);
  const step = Number(((await page.getByTestId('train-step').textContent()) ?? '').replace(/\D/g, '')) || 0;
  return { heapMB: metric('JSHeapUsedSize') / 2 ** 20, nodes: metric('Nodes'), frameMs: median(frames), frameP95Ms: quantile(frames, 0.95), step };
}

async function startScenario(browser, base, [name, query]) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(new URL(query, base).href);
  const play = page.getByRole('button', { name: 'Play', exact: true });
  await play.waitFor({ timeout: 120_000 });
  await page.waitForFunction(() => !document.querySelector('button.train-play')?.hasAttribute('disabled'), null, { timeout: 120_000 });
  await play.click();
  const session = await page.context().newCDPSession(page);
  await session.send('Performance.enable');
  return { name, query, page, session, samples: [] };
}

function windowsOf(samples, windowSeconds) {
  const out = [];
  for (const s of samples) {
    const w = Math.floor(s.seconds / windowSeconds);
    (out[w] ??= []).push(s);
  }
  return out.filter(Boolean).map((rows) => ({
    from: rows[0].seconds, to: rows.at(-1).seconds, step: rows.at(-1).step,
    heapMB: median(rows.map((r) => r.heapMB)), nodes: median(rows.map((r) => r.nodes)),
    frameMs: median(rows.map((r) => r.frameMs)), frameP95Ms: median(rows.map((r) => r.frameP95Ms)), samples: rows.length,
  }));
}

function verdictOf(windows) {
  // A last window far shorter than the others (the run ended just after a boundary) is too few
  // samples for a median: it is folded into the judgement only when it is at least half full.
  const full = median(windows.map((w) => w.samples));
  const judged = windows.length > 2 && windows.at(-1).samples < full / 2 ? windows.slice(0, -1) : windows;
  const settled = judged.slice(1);
  if (settled.length < 2) return { ok: null, text: 'too short to judge (needs three windows)' };
  const reference = settled[0].heapMB;
  const grew = Math.max(...settled.map((w) => w.heapMB / reference - 1));
  const fell = Math.min(...settled.map((w) => w.heapMB / reference - 1));
  // A leak is growth; a heap that settles lower than the first settled window is reported, not failed.
  const ok = grew <= TOLERANCE;
  const fellText = fell < -TOLERANCE ? `; it settled ${(-fell * 100).toFixed(1)}% lower, which is no leak` : '';
  return { ok, worst: grew, text: `${ok ? 'kept' : 'LEFT'} the heap's growth within ${TOLERANCE * 100}% after warm-up (largest window median ${(grew * 100).toFixed(1)}% above the first settled window's ${reference.toFixed(2)} MB${fellText})` };
}

const fmt = (x, digits = 0) => (Number.isFinite(x) ? x.toFixed(digits) : '–');
const pad = (text, n) => String(text).padEnd(n);

/** The printed table of a report: a row per window, the verdict per scenario. */
function tableOf(report) {
  const { loadAverage: load } = report;
  const lines = [`\nLayerscope soak — ${report.minutes} min, ${report.cpus} CPUs, load average ${fmt(load.before, 1)} → ${fmt(load.after, 1)}`];
  for (const run of report.scenarios) {
    lines.push('', `${run.name}  (${run.query})`, `  ${pad('minutes', 14)}${pad('step', 12)}${pad('heap MB', 10)}${pad('DOM nodes', 11)}${pad('frame ms p50/p95', 18)}samples`);
    for (const w of run.windows) {
      lines.push(`  ${pad(`${fmt(w.from / 60, 1)}–${fmt(w.to / 60, 1)}`, 14)}${pad(w.step.toLocaleString('en-US'), 12)}${pad(fmt(w.heapMB, 2), 10)}${pad(fmt(w.nodes), 11)}${pad(`${fmt(w.frameMs, 1)} / ${fmt(w.frameP95Ms, 1)}`, 18)}${w.samples}`);
    }
    lines.push(`  ${run.verdict.text}`);
  }
  return lines;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.report) {
    // A saved run, judged again by today's rule.
    const report = JSON.parse(readFileSync(args.report, 'utf8'));
    for (const run of report.scenarios) run.verdict = verdictOf(run.windows);
    console.log(tableOf(report).join('\n'));
    return;
  }
  try { statSync(join(DIST, 'index.html')); } catch { console.error('No build in dist/: run `npx vite build` first.'); process.exit(1); }
  const load = { before: loadavg()[0] };
  const server = await startPreview();
  const browser = await launchChromium();
  const runs = [];
  try {
    for (const scenario of args.scenarios) runs.push(await startScenario(browser, server.url, scenario));
    const started = Date.now(), end = started + args.minutes * 60_000;
    console.log(`soaking ${runs.length} scenario(s) for ${args.minutes} min, a sample every ${args.every} s, windows of ${args.window} min`);
    while (Date.now() < end) {
      for (const run of runs) run.samples.push({ seconds: (Date.now() - started) / 1000, ...(await sample(run.page, run.session)) });
      await new Promise((r) => setTimeout(r, args.every * 1000));
    }
  } finally {
    await browser.close();
    server.stop();
  }
  load.after = loadavg()[0];
  const report = { when: new Date().toISOString(), cpus: cpus().length, minutes: args.minutes, windowMinutes: args.window, loadAverage: load, scenarios: [] };
  for (const run of runs) {
    const windows = windowsOf(run.samples, args.window * 60);
    report.scenarios.push({ name: run.name, query: run.query, windows, verdict: verdictOf(windows), samples: run.samples });
  }
  const lines = tableOf(report);
  console.log(lines.join('\n'));
  if (args.json) { writeFileSync(args.json, `${JSON.stringify(report, null, 2)}\n`); console.log(`wrote ${args.json}`); }
}

main().catch((error) => { console.error(error); process.exit(1); });
