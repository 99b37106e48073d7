/**
 * The lecture route: a lecturer steps through every slide with the arrow keys at 1280 x 720 and
 * in an 800 x 450 embed, each slide's numbers on it and its chart wholly in view; the progress
 * strip, "Try it yourself" and back, the student's question with its control, presentation mode,
 * and hostile lecture links named in place. One page per journey; no training is waited for.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { fill } from '../app/lecture/numbers.ts';
import { LECTURE_STEPS } from '../app/lecture/steps.ts';
import { expect, test } from './fixtures.ts';

const ENGINE_TIMEOUT = 90_000;

const slideText = (page: Page) => page.locator('.slide-text');

/**
 * The step's chart: the first panel's first drawing of chart size (not a legend's swatch), or the
 * block explorer's table of numbers; waited for, as a panel shows a placeholder until its data comes.
 */
async function chartOf(page: Page, what: string): Promise<Locator> {
  await expect.poll(() => page.evaluate(() => {
    document.querySelectorAll('[data-e2e-chart]').forEach((e) => e.removeAttribute('data-e2e-chart'));
    const panel = document.querySelector('.slide-live .slide-panels > *');
    if (!panel) return false;
    const chart = [...panel.querySelectorAll('svg')].find((svg) => { const b = svg.getBoundingClientRect(); return b.width * b.height > 150 * 100; })
      ?? panel.querySelector('table.block-table');
    chart?.setAttribute('data-e2e-chart', '');
    return chart !== undefined && chart !== null;
  }), { message: `${what}: a chart`, timeout: ENGINE_TIMEOUT }).toBe(true);
  return page.locator('[data-e2e-chart]');
}

async function expectWhollyInView(page: Page, chart: Locator, what: string): Promise<void> {
  const viewport = page.viewportSize()!;
  // A panel that has just mounted may still be laying out (its data arriving, a legend above it):
  // wait for the box to settle inside the frame, then check each edge and say which one is out.
  const inside = (b: { x: number; y: number; width: number; height: number } | null) => b !== null && b.width > 150 && b.height > 60
    && b.x >= 0 && b.y >= 0 && b.x + b.width <= viewport.width + 0.5 && b.y + b.height <= viewport.height + 0.5;
  await expect.poll(async () => inside(await chart.boundingBox()), { message: `${what}: the chart settles inside the frame`, timeout: 10_000 }).toBe(true).catch(() => {});
  const box = await chart.boundingBox();
  expect(box, what).not.toBeNull();
  expect(box!.width, `${what}: width`).toBeGreaterThan(150);
  expect(box!.height, `${what}: height`).toBeGreaterThan(60);
  expect(box!.x, `${what}: left edge`).toBeGreaterThanOrEqual(0);
  expect(box!.y, `${what}: top edge`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what}: right edge`).toBeLessThanOrEqual(viewport.width + 0.5);
  expect(box!.y + box!.height, `${what}: bottom edge`).toBeLessThanOrEqual(viewport.height + 0.5);
}

/** The step's formula, if it has one, wholly inside its box: no line cut at either side (KaTeX centres lines). */
async function expectFormulaWhole(page: Page, what: string): Promise<void> {
  const overflow = () => page.evaluate(() => {
    const box = document.querySelector('.slide-formula');
    if (!box) return 0;
    const b = box.getBoundingClientRect();
    let worst = 0;
    for (const line of box.querySelectorAll('.katex-html > .base, .katex-html > .katex-base, .katex-html > .tag')) {
      const r = line.getBoundingClientRect();
      worst = Math.max(worst, b.left - r.left, r.right - b.right);
    }
    return worst;
  });
  // The fit follows the fonts' arrival: wait for it to settle, then say by how much a line is out.
  await expect.poll(overflow, { message: `${what}: the formula's lines inside its box (px out)`, timeout: 10_000 }).toBeLessThanOrEqual(1);
}

/** Every step in order, moved by the → key: its title, its numbers, its place in the strip and the link. */
async function walk(page: Page, checkSentences: boolean): Promise<void> {
  for (const [i, step] of LECTURE_STEPS.entries()) {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(step.title);
    await expect(page).toHaveURL(new RegExp(`[?&]step=${step.id}(&|$)`));
    await expect(page.getByRole('link', { name: `Step ${i + 1}: ${step.title}` })).toHaveAttribute('aria-current', 'step');
    if (checkSentences) for (const sentence of step.sentences) await expect(slideText(page)).toContainText(fill(sentence));
    const what = `${step.id} at ${page.viewportSize()!.width}`;
    await expectWhollyInView(page, await chartOf(page, what), what);
    await expectFormulaWhole(page, what);
    await page.keyboard.press('ArrowRight');
  }
  // past the last step → does nothing
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LECTURE_STEPS[LECTURE_STEPS.length - 1].title);
}

test('the lecture at 1280 x 720: every step in order, its numbers, its chart in view; strip, keys, try it and back', async ({ page }) => {
  test.setTimeout(600_000);
  await page.goto(`/?route=lecture&step=${LECTURE_STEPS[0].id}`);
  await page.locator('.slide-topic').click();
  await walk(page, true);

  // ← and Home; the strip's links open any step in place
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LECTURE_STEPS[LECTURE_STEPS.length - 2].title);
  await page.keyboard.press('Home');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LECTURE_STEPS[0].title);
  const he = LECTURE_STEPS.findIndex((s) => s.id === 'he');
  await page.getByRole('link', { name: `Step ${he + 1}: ReLU and He initialization` }).click();
  await expect(page).toHaveURL(/[?&]route=lecture(&|$)/);
  await expect(page.getByRole('region', { name: 'Signal by layer' })).toBeVisible();
  // only the controls that matter: the initializer and the gain, no depth
  await expect(page.getByLabel('Initializer')).toBeVisible();
  await expect(page.getByRole('slider', { name: 'Gain' })).toBeVisible();
  await expect(page.getByRole('slider', { name: 'Hidden layers' })).toHaveCount(0);

  // no serious accessibility violation on a slide (the strip, the formula, the controls, the panels)
  const results = await new AxeBuilder({ page }).include('.lecture').analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad, bad.map((v) => `${v.id}: ${v.help}\n  ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n  ')}`).join('\n')).toEqual([]);

  // Try it yourself: the full lab on the same experiment, with the way back
  await page.getByRole('link', { name: 'Try it yourself' }).click();
  await expect(page).not.toHaveURL(/route=lecture/);
  await expect(page).toHaveURL(/init=xavier_normal/);
  await expect(page.getByRole('tab', { name: 'Initialization', selected: true })).toBeVisible();
  await expect(page.getByRole('slider', { name: 'Hidden layers' })).toBeVisible(); // the lab's whole sidebar
  await page.getByRole('link', { name: '← Back to the lecture' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('ReLU and He initialization');
  await expect(page).toHaveURL(/[?&]route=lecture(&|$)/);

  // the student's view: the question and the one control that answers it; a changed experiment is said so
  await page.getByRole('button', { name: 'Student view' }).click();
  await expect(page).toHaveURL(/student=1/);
  await expect(page.getByRole('region', { name: 'Question' })).toContainText('double the gain');
  await expect(page.getByLabel('Initializer')).toHaveCount(0);
  const gain = page.getByRole('spinbutton', { name: 'Gain' });
  await gain.fill('2');
  await gain.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'You changed the experiment' })).toBeVisible();
  await expect(page).toHaveURL(/gain=2/);
  await page.getByRole('button', { name: 'Back to the step’s experiment' }).click();
  await expect(page.getByText('You changed the experiment')).toHaveCount(0);

  // presentation mode (P) on a slide: bigger, the chart still in view
  await page.locator('.slide-topic').click();
  await page.keyboard.press('p');
  await expect(page).toHaveURL(/present=1/);
  await expect(page.locator('.lecture.present')).toBeVisible();
  await expectWhollyInView(page, await chartOf(page, 'he, presenting'), 'he, presenting');
});

test('the lecture as an 800 x 450 embed: every step’s chart wholly in view', async ({ page }) => {
  test.setTimeout(600_000);
  await page.setViewportSize({ width: 800, height: 450 });
  await page.goto(`/?route=lecture&embed=1&step=${LECTURE_STEPS[0].id}`);
  await page.locator('.slide-topic').click();
  await walk(page, false);
  // an embed opens the full lab in a new tab
  await expect(page.getByRole('link', { name: 'Try it yourself' })).toHaveAttribute('target', '_blank');
});

test('hostile lecture links are named in place and the lecture opens anyway', async ({ page }) => {
  await page.goto('/?route=lecture&step=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&student=yes');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LECTURE_STEPS[0].title);
  const notice = page.getByRole('status').filter({ hasText: 'Problems in this link' });
  await expect(notice).toContainText('step=<img src=x onerror=alert(1)> is not a step of the lecture');
  await expect(notice).toContainText('student=yes is not 1 or 0');
  await expect(page.locator('img[src="x"]')).toHaveCount(0);

  await page.goto('/?route=slides&step=he');
  await expect(page.getByRole('status').filter({ hasText: 'route=slides is not lecture or lab; opening the lab' })).toBeVisible();
  await expect(page.getByRole('link', { name: '← Back to the lecture' })).toBeVisible();

  await page.goto(`/?route=lecture&step=${'x'.repeat(4000)}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LECTURE_STEPS[0].title);
  // no step at all: the first
  await page.goto('/?route=lecture');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LECTURE_STEPS[0].title);
});
