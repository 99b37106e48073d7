import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures.ts';
import { ENGINE_TIMEOUT, measuredColumn, seedOf, settled, signalPanel, signalTable } from './lab.ts';

declare global {
  interface Window {
    __longTasks: number[];
  }
}

// The worker may be slow on a busy machine; these journeys check what happens, not how fast.
test.describe.configure({ timeout: 240_000 });

test('switching Xavier to He in a 20-layer ReLU net: the link changes, the signal holds level, a reload replays it', async ({ page }) => {
  await page.goto('/?act=relu&init=xavier_normal&depth=20');
  let table = await signalTable(page, 20);
  const xavier = (await measuredColumn(table)).map(Number);
  // ReLU halves E[h²] each layer under Xavier: 19 halvings by layer 20.
  expect(xavier[19] / xavier[0]).toBeLessThan(1e-3);

  await page.getByRole('combobox', { name: 'Initializer' }).selectOption('he_normal');
  await expect(page).toHaveURL(/[?&]init=he_normal(&|$)/);
  await expect(page).toHaveURL(/[?&]act=relu(&|$)/);
  await expect(page).toHaveURL(/[?&]depth=20(&|$)/);
  await settled(page);
  const he = (await measuredColumn(table)).map(Number);
  expect(he).toHaveLength(20);
  expect(he[19] / he[0], `layer 20 ${he[19]} vs layer 1 ${he[0]}`).toBeGreaterThan(1 / 3);
  expect(he[19] / he[0], `layer 20 ${he[19]} vs layer 1 ${he[0]}`).toBeLessThan(3);
  const before = await table.innerText();

  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Initializer' })).toHaveValue('he_normal');
  await expect(page.getByRole('slider', { name: 'Hidden layers' })).toHaveValue('20');
  table = await signalTable(page, 20);
  expect(await table.innerText()).toBe(before);
});

/** One main-thread task of a Chromium trace: wall time and the main thread's own CPU time in it, ms. */
interface MainTask {
  readonly wallMs: number;
  readonly cpuMs: number;
}

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  readonly tdur?: number;
  readonly args?: { readonly name?: string };
}

/** Just enough to see the renderer's tasks (with their CPU time) and which ones DevTools asked for. */
const TRACE_CATEGORIES = ['-*', 'toplevel', 'devtools'];

/**
 * The page's own tasks over 50 ms of wall time on the renderer's main thread. Tasks that run a
 * DevTools command are left out: those are Playwright reading the page, not the page.
 */
function longPageTasks(traceJson: string): MainTask[] {
  const parsed = JSON.parse(traceJson) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const onMain = (e: TraceEvent) => main.has(`${e.pid}:${e.tid}`);
  const devtools = events.filter((e) => onMain(e) && e.name === 'DevToolsSession::DispatchProtocolCommand');
  return events
    .filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && onMain(e) && (e.dur ?? 0) > 50_000)
    .filter((task) => !devtools.some((d) => d.pid === task.pid && d.tid === task.tid && d.ts >= task.ts && d.ts <= task.ts + (task.dur ?? 0)))
    .map((e) => ({ wallMs: Math.round((e.dur ?? 0) / 1000), cpuMs: Math.round((e.tdur ?? e.dur ?? 0) / 1000) })); // no CPU clock: count the wall time
}

/*
 * The long-task observer reports wall time: on a machine shared with builds and benchmarks (this
 * one has two cores), a 30 ms task can last 300 ms because the OS ran something else. So the
 * journey records both: the observer's long tasks, and from a Chromium trace of the same drag, the
 * main thread's own CPU time in each task. It fails when the page kept its main thread busy for
 * 100 ms; the observer's numbers are attached to the report (under 100 ms on a quiet machine).
 * While measuring, the test reads the page only through cheap element handles and selectors:
 * Playwright's role queries run on the page's main thread too, and over a page of charts and
 * tables one can take a long task of its own.
 */
test('dragging the depth slider never blocks the page for 100 ms, and the charts follow it', async ({ page, browser }, testInfo) => {
  // Every task over 50 ms on the page's main thread, from before the first script runs.
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto('/?depth=10&width=256&batch=256');
  await settled(page);
  const slider = page.getByRole('slider', { name: 'Hidden layers' });
  await expect(slider).toHaveValue('10');
  const thumb = await slider.elementHandle();
  if (!thumb) throw new Error('the depth slider is not on the page');
  await slider.focus();
  await page.waitForTimeout(1500); // the initializer comparison's first lines arrive after the probe
  const onLoad = await page.evaluate(() => window.__longTasks.splice(0));
  testInfo.annotations.push({ type: 'long tasks while loading (ms)', description: JSON.stringify(onLoad.map(Math.round)) });
  const tracePath = testInfo.outputPath('drag-trace.json');
  await browser.startTracing(page, { path: tracePath, categories: TRACE_CATEGORIES });

  // Right arrow from 10 to 50: one input event, one config, one (coalesced) engine request per press.
  for (let depth = 11; depth <= 50; depth++) await page.keyboard.press('ArrowRight');
  expect(await thumb.evaluate((el) => (el as HTMLInputElement).value)).toBe('50');

  // And back down with the mouse, as a lecturer drags it: small moves, an input event each. The
  // slider's box is read now: focusing it may have scrolled the controls column.
  const box = await slider.boundingBox();
  if (!box) throw new Error('the depth slider is not on the page');
  const y = box.y + box.height / 2;
  const xAt = (depth: number) => box.x + 8 + ((depth - 1) / 199) * (box.width - 16); // thumb centre; 16-px thumb
  await page.mouse.move(xAt(50), y);
  await page.mouse.down();
  for (let i = 1; i <= 20; i++) await page.mouse.move(xAt(50 - i * 1.5), y, { steps: 2 });
  await page.mouse.up();

  // The charts catch up with where the slider stopped, then the comparison lines follow.
  await page.waitForFunction(
    () => /^Computed in \d/.test(document.querySelector('[aria-label="Engine status"]')?.textContent ?? '') && !document.querySelector('figure[aria-busy="true"]'),
    null,
    { polling: 250, timeout: ENGINE_TIMEOUT },
  );
  await page.waitForTimeout(2000);
  const wall = (await page.evaluate(() => window.__longTasks)).map(Math.round);
  await browser.stopTracing();
  const trace = longPageTasks(readFileSync(tracePath, 'utf8'));
  const described = trace.map((t) => `${t.wallMs}/${t.cpuMs}`).join(', ');
  testInfo.annotations.push({ type: 'long tasks while dragging (ms, long-task observer)', description: JSON.stringify(wall) });
  testInfo.annotations.push({ type: 'long tasks while dragging (wall/CPU ms, trace)', description: described });
  expect(Math.max(0, ...trace.map((t) => t.cpuMs)), `main-thread tasks over 50 ms (wall/CPU ms): ${described}`).toBeLessThan(100);

  // Now the journey's checks, by role: the slider, the link and the table agree.
  const dragged = Number(await slider.inputValue());
  expect(dragged).toBeLessThan(30);
  await expect(page).toHaveURL(new RegExp(`[?&]depth=${dragged}(&|$)`));
  await signalTable(page, dragged);
});

test('"New sample" draws a new seed: a new link and new numbers', async ({ page }) => {
  await page.goto('/?depth=5');
  const table = await signalTable(page, 5);
  const before = await measuredColumn(table);
  const seed = page.getByRole('spinbutton', { name: 'Seed' });
  await expect(seed).toHaveValue('1');

  await page.getByRole('button', { name: 'New sample' }).click();
  await expect(page).toHaveURL(/[?&]seed=\d+/);
  const drawn = seedOf(page.url());
  expect(drawn).not.toBe(1);
  await expect(seed).toHaveValue(String(drawn));
  await settled(page);
  expect(await measuredColumn(table)).not.toEqual(before);

  // Typing the old seed back brings the old numbers back, bit for bit.
  await seed.fill('1');
  await expect(page).toHaveURL(/\?v=1&depth=5$/);
  await settled(page);
  expect(await measuredColumn(table)).toEqual(before);
});

test('every control is labelled, hinted and works from the keyboard; exact values can be typed', async ({ page }) => {
  await page.goto('/?depth=4&width=32&batch=32'); // a small net: this journey makes a dozen changes
  await settled(page);
  const controls = page.getByRole('form', { name: 'Experiment controls' });
  for (const name of ['Hidden layers', 'Width', 'Gain', 'Bias', 'Batch']) {
    await expect(controls.getByRole('slider', { name })).toBeVisible();
    await expect(controls.getByRole('spinbutton', { name })).toBeVisible();
    await expect(controls.getByRole('slider', { name })).toHaveAccessibleDescription(/\w/);
  }
  for (const name of ['Activation', 'Initializer', 'Input distribution']) {
    await expect(controls.getByRole('combobox', { name })).toHaveAccessibleDescription(/\w/);
  }

  // The width slider walks round numbers, announced in units.
  const width = controls.getByRole('slider', { name: 'Width' });
  await expect(width).toHaveAttribute('aria-valuetext', '32 units');
  await width.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/[?&]width=48(&|$)/);
  await expect(width).toHaveAttribute('aria-valuetext', '48 units');
  await expect(controls.getByRole('spinbutton', { name: 'Width' })).toHaveValue('48');

  // An exact depth, then one out of range: refused with the reason, the experiment kept.
  const depthBox = controls.getByRole('spinbutton', { name: 'Hidden layers' });
  await depthBox.fill('7');
  await expect(page).toHaveURL(/[?&]depth=7(&|$)/);
  await expect(controls.getByRole('slider', { name: 'Hidden layers' })).toHaveValue('7');
  await depthBox.fill('500');
  await expect(depthBox).toHaveAttribute('aria-invalid', 'true');
  await expect(depthBox).toHaveAccessibleDescription(/Enter a whole number from 1 to 200/);
  await expect(page).toHaveURL(/[?&]depth=7(&|$)/);
  await depthBox.blur();
  await expect(depthBox).toHaveValue('7');
  await expect(depthBox).not.toHaveAttribute('aria-invalid', 'true');

  // Std appears with the normal initializer, the constant with "constant", the fan with He.
  const init = controls.getByRole('combobox', { name: 'Initializer' });
  await expect(controls.getByRole('slider', { name: 'Std' })).toHaveCount(0);
  await init.selectOption('normal');
  const std = controls.getByRole('slider', { name: 'Std' });
  await expect(std).toHaveAttribute('aria-valuetext', '0.01');
  await std.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/[?&]std=0\.012(&|$)/);
  await init.selectOption('constant');
  await expect(controls.getByRole('slider', { name: 'Std' })).toHaveCount(0);
  await expect(controls.getByRole('slider', { name: 'Constant' })).toBeVisible();
  await init.selectOption('he_uniform');
  await controls.getByRole('combobox', { name: 'Fan' }).selectOption('out');
  await expect(page).toHaveURL(/[?&]init=he_uniform&.*fan=out/);

  // Gain goes past the slider's 4 when typed; the bias slider steps by 0.05.
  await controls.getByRole('spinbutton', { name: 'Gain' }).fill('12.5');
  await expect(page).toHaveURL(/[?&]gain=12\.5(&|$)/);
  await controls.getByRole('slider', { name: 'Bias' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page).toHaveURL(/[?&]bias=-0\.05(&|$)/);
  await controls.getByRole('combobox', { name: 'Input distribution' }).selectOption('uniform');
  await expect(page).toHaveURL(/[?&]input=uniform(&|$)/);
  await controls.getByRole('combobox', { name: 'Activation', exact: true }).selectOption('relu');

  // The link now names every change, and opening it restores every control.
  const link = page.url();
  await settled(page);
  await page.goto(link);
  await expect(init).toHaveValue('he_uniform');
  await expect(controls.getByRole('combobox', { name: 'Fan' })).toHaveValue('out');
  await expect(controls.getByRole('spinbutton', { name: 'Gain' })).toHaveValue('12.5');
  await expect(controls.getByRole('spinbutton', { name: 'Bias' })).toHaveValue('-0.05');
  await expect(controls.getByRole('spinbutton', { name: 'Width' })).toHaveValue('48');
  await expect(controls.getByRole('combobox', { name: 'Input distribution' })).toHaveValue('uniform');
  await expect(controls.getByRole('combobox', { name: 'Activation', exact: true })).toHaveValue('relu');
  await settled(page);
  await expect(signalPanel(page).getByRole('img').first()).toBeVisible();
});

test('the dark theme is one toggle away and stays chosen', async ({ page }) => {
  await page.goto('/');
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'light');
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  const lightBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await toggle.click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(lightBg);
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--series-6').trim())).toBe('#e5e5e5');
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  expect(page.url()).not.toContain('theme'); // presentation, not part of the experiment
});

test.describe('on a system that prefers dark', () => {
  test.use({ colorScheme: 'dark' });
  test('the lab starts dark', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute('aria-pressed', 'true');
  });
});
