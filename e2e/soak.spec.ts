/**
 * A soak: train a quick config for at least 20,000 steps with Play and sample the page's
 * JS heap over CDP (after a forced GC each time). After warm-up the heap stays within 10% of where
 * it settled: every history the page keeps is bounded.
 *
 * Warm-up: the heap grows while V8 compiles and the histories fill. The evaluation histories
 * (loss and accuracy, internal covariate shift, weight norms: EVAL_CAPACITY points each) fill
 * after EVAL_CAPACITY evaluations, so the run evaluates every EVAL_EVERY steps (10: full after
 * ~10,000 steps) and warm-up lasts at least FILL_MARGIN times that, or a third of the run. With
 * the default 50 the fill took ~51,000 steps, more than a third of a run on a busy machine (seen
 * in CI: 144,535 steps in 60 s, warm-up ended at 48,000, the heap still rising). At least a
 * minute, too: a 3-second soak cannot tell the histories filling from a leak. SOAK_TABLE=1 prints
 * every sample.
 */
import type { CDPSession } from '@playwright/test';
import { EVAL_CAPACITY } from '../app/store/runHistory.ts';
import { expect, test } from './fixtures.ts';

/** SOAK_STEPS=n, SOAK_SECONDS=s: the soak ends when both are reached (or fails at the test's deadline). */
const STEPS = Number(process.env.SOAK_STEPS ?? 20_000);
const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
/** The settled samples are compared as the medians of this many windows in a row: one sample can catch a snapshot in flight. */
const WINDOWS = 3;
/** Samples after warm-up at the least: a window's median needs a few. */
const SMOOTH = 5;
/** Warm-up: at least this fraction of the steps, and at least FILL_MARGIN x the steps that fill the histories. */
const WARM_UP = 1 / 3;
const FILL_MARGIN = 1.5;
const TOLERANCE = 0.1;
const EVAL_EVERY = 10;
const QUICK = `/?data=circles&depth=2&width=16&batch=32&evalevery=${EVAL_EVERY}`;

test.describe.configure({ timeout: 240_000 });
test.use({ serviceWorkers: 'block', trace: 'off' });

interface Sample {
  readonly step: number;
  readonly seconds: number;
  readonly heapMB: number;
  readonly nodes: number;
}

async function heap(session: CDPSession): Promise<{ heapMB: number; nodes: number }> {
  await session.send('HeapProfiler.collectGarbage');
  const { metrics } = await session.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
  return { heapMB: metric('JSHeapUsedSize') / 2 ** 20, nodes: metric('Nodes') };
}

test(`training ${STEPS}+ steps (${SECONDS}+ s) keeps the page's heap within ${TOLERANCE * 100}% after warm-up`, async ({ page }, testInfo) => {
  await page.goto(QUICK);
  const play = page.getByRole('button', { name: 'Play', exact: true });
  const stepText = page.getByTestId('train-step');
  await expect(play, 'the training controls (a "Play" button) are on the page').toBeVisible({ timeout: 60_000 });
  await expect(stepText).toBeAttached();
  const session = await page.context().newCDPSession(page);
  await session.send('Performance.enable');
  const readStep = async () => Number((await stepText.textContent() ?? '').replace(/\D/g, '')) || 0;

  await play.click({ timeout: 60_000 }); // enabled once the data set is built
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  const started = Date.now();
  const samples: Sample[] = [];
  // Sample about once a second (a forced GC takes a while); stop once the run has both enough steps and enough time.
  for (;;) {
    const step = await readStep();
    const { heapMB, nodes } = await heap(session);
    const seconds = (Date.now() - started) / 1000;
    samples.push({ step, seconds, heapMB, nodes });
    if (step >= Math.max(STEPS, 2 * FILL_MARGIN * EVAL_CAPACITY * EVAL_EVERY) && seconds >= SECONDS) break;
    expect(seconds, `still training: step ${step} of ${STEPS}`).toBeLessThan(200);
    await page.waitForTimeout(samples.length < 10 ? 200 : 1000);
  }
  await page.getByRole('button', { name: 'Pause', exact: true }).click();

  const table = samples.map((s) => `${s.seconds.toFixed(1)} s\tstep ${s.step}\t${s.heapMB.toFixed(2)} MB\t${s.nodes} nodes`).join('\n');
  await testInfo.attach('heap samples', { body: table, contentType: 'text/plain' });
  const last = samples.at(-1)!;
  const warmUp = Math.max(WARM_UP * last.step, FILL_MARGIN * EVAL_CAPACITY * EVAL_EVERY);
  const settled = samples.filter((s) => s.step >= warmUp);
  expect(settled.length, `samples after warm-up:\n${table}`).toBeGreaterThanOrEqual(2 * SMOOTH);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  // Where the heap settled, and where it was later: medians over thirds of the settled samples (a
  // single sample after a forced GC still moves ±15% with what a snapshot in flight holds).
  const third = Math.floor(settled.length / WINDOWS);
  const smoothed = Array.from({ length: WINDOWS }, (_, w) => median(settled.slice(w * third, w === WINDOWS - 1 ? settled.length : (w + 1) * third).map((s) => s.heapMB)));
  const level = smoothed[0];
  const highest = Math.max(...smoothed);
  const lowest = Math.min(...smoothed);
  const nodesLevel = settled[0].nodes;
  const mostNodes = Math.max(...settled.map((s) => s.nodes));
  const summary = `${samples.length} samples over ${last.step} steps in ${last.seconds.toFixed(1)} s; `
    + `heap after warm-up ${level.toFixed(2)} MB, then ${lowest.toFixed(2)}–${highest.toFixed(2)} MB (medians of ${WINDOWS} windows; single samples `
    + `${Math.min(...settled.map((s) => s.heapMB)).toFixed(2)}–${Math.max(...settled.map((s) => s.heapMB)).toFixed(2)} MB); `
    + `DOM nodes ${nodesLevel}, at most ${mostNodes}`;
  testInfo.annotations.push({ type: 'soak', description: summary });
  console.log(`soak: ${summary}`);
  if (process.env.SOAK_TABLE) console.log(table);
  expect(highest, `heap grew more than ${TOLERANCE * 100}% after warm-up:\n${table}`).toBeLessThanOrEqual(level * (1 + TOLERANCE));
  expect(lowest, `heap fell more than ${TOLERANCE * 100}% after warm-up (warm-up too short?):\n${table}`).toBeGreaterThanOrEqual(level * (1 - TOLERANCE));
  expect(mostNodes, `the page's DOM grew more than ${TOLERANCE * 100}% after warm-up:\n${table}`).toBeLessThanOrEqual(nodesLevel * (1 + TOLERANCE));
});
