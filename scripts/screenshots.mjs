/**
 * The README's screenshots: `node scripts/screenshots.mjs [dist] [name]` serves the build and writes
 * docs/screenshots/*.png at 1280x720, and an 800x450 embed (only those whose file name contains
 * `name`, when given).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { launchChromium, ROOT } from './lib/browser.mjs';

const dist = process.argv[2] ?? 'dist';
const AUGMENT_FOUR = 'data=digits&ntrain=10&depth=2&width=64&batch=32&opt=adam&lr=0.003&evalevery=100&vs=aug:shift:1;aug:elastic:2:1;aug:shift:1_subpixel:0.5_rotate:10_scale:0.1_elastic:2:1_noise:0.1_cutout:3_mixup:0.2';
const only = process.argv[3] ?? '';
const port = Number(process.env.SCREENSHOT_PORT) || 4900 + Math.floor(Math.random() * 90);
const vite = spawn(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'preview', '--outDir', dist, '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { cwd: ROOT, stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 6000));
const base = `http://127.0.0.1:${port}/`;
const browser = await launchChromium();
const shot = async (name, link, size, act) => {
  if (!name.includes(only)) return;
  const page = await browser.newPage({ viewport: size });
  await page.goto(`${base}?${link}`);
  await act(page);
  await page.screenshot({ path: join(ROOT, 'docs/screenshots', name) });
  await page.close();
  console.log(`docs/screenshots/${name}`);
};
const trained = (steps) => async (page) => {
  await page.getByText('Ready at step 0').waitFor({ timeout: 60_000 });
  for (let i = 0; i < steps / 100; i++) {
    const before = await page.getByTestId('train-step').innerText();
    await page.getByRole('button', { name: '+100', exact: true }).click();
    await page.getByText(`Paused at step ${(Number(before.replace(/,/g, '')) + 100).toLocaleString('en-US')}.`).waitFor({ timeout: 60_000 });
  }
  await page.waitForTimeout(800);
};
/** A lecture slide once its engine has answered: the first chart drawn and not busy. */
const slide = async (page) => {
  await page.locator('.slide-live svg.chart, .slide-live table.block-table').first().waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => [...document.querySelectorAll('.slide-live figure')].every((f) => f.getAttribute('aria-busy') !== 'true'), null, { timeout: 60_000 });
  await page.waitForTimeout(500);
};
/** A lecture slide trained to `steps` with its +100 button. */
const slideTrained = (steps) => async (page) => {
  await slide(page);
  for (let done = 100; done <= steps; done += 100) {
    await page.getByRole('button', { name: '+100', exact: true }).click();
    await page.getByTestId('train-step').filter({ hasText: done.toLocaleString('en-US') }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: '+100', exact: true }).and(page.locator(':enabled')).waitFor({ timeout: 60_000 });
  }
  await page.waitForTimeout(800);
};
/** Pretraining to its end (+100 until the panel says it is done), then `steps` more steps with labels. */
const pretrained = (steps) => async (page) => {
  await page.getByText('Ready at step 0').waitFor({ timeout: 60_000 });
  const done = page.getByText(/^Pretraining done/);
  while (!(await done.isVisible())) {
    await page.getByRole('button', { name: '+100', exact: true }).click();
    await page.getByText(/^Paused at step/).waitFor({ timeout: 60_000 });
    await page.waitForTimeout(300);
  }
  for (let i = 0; i < steps / 100; i++) {
    const before = Number((await page.getByTestId('train-step').innerText()).replace(/,/g, ''));
    await page.getByRole('button', { name: '+100', exact: true }).click();
    await page.getByText(`Paused at step ${(before + 100).toLocaleString('en-US')}.`).waitFor({ timeout: 60_000 });
  }
  await page.waitForTimeout(800);
  // Below the sticky masthead: the panel's title in view.
  await page.getByRole('region', { name: 'Pretraining, layer by layer' }).evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 130));
  await page.waitForTimeout(300);
};
try {
  await shot('pretraining-1280x720.png', 'lab=regularization&data=digits&depth=3&width=64&batch=32&act=sigmoid&lr=0.1&pretrain=dae&ptsteps=200&ptlr=0.1&vs=pretrain:none', { width: 1280, height: 720 }, pretrained(200));
  const screen = { width: 1280, height: 720 }, embed = { width: 800, height: 450 };
  await shot('lecture-he-1280x720.png', 'route=lecture&step=he', screen, slide);
  await shot('lecture-covariate-shift-1280x720.png', 'route=lecture&step=covariate-shift', screen, slideTrained(400));
  await shot('lecture-bottleneck-1280x720.png', 'route=lecture&step=bottleneck', screen, slide);
  await shot('lecture-student-xavier-1280x720.png', 'route=lecture&step=xavier&student=1', screen, slide);
  await shot('lecture-mle-map-1280x720.png', 'route=lecture&step=mle-map', screen, slide);
  await shot('lecture-embed-residual-800x450.png', 'route=lecture&step=residual&embed=1', embed, slide);
  await shot('training-three-runs-1280x720.png', 'depth=30&vs=depth:6;residual:1&data=spiral&lab=training', { width: 1280, height: 720 }, trained(500));
  // The regularization lab's four-way augmentation preset (app/labs/regularization/augment/presets.ts) as an embed of the bar and the batch grid.
  await shot('augment-four-runs-1280x720.png', `lab=regularization&embed=1&panels=training,augment&${AUGMENT_FOUR}`, { width: 1280, height: 720 }, trained(300));
  await shot('regularization-moons-1280x720.png', 'lab=regularization&data=moons&ntrain=15&noise=0.3&depth=3&width=64&act=relu&init=he_normal&wd=0.01&vs=prior:none', { width: 1280, height: 720 }, async (page) => {
    await trained(1000)(page);
    await page.getByRole('region', { name: 'Decision boundary' }).getByRole('heading', { name: 'MLE (no prior)' }).scrollIntoViewIfNeeded();
    await page.locator('main.content').evaluate((el) => el.scrollBy(0, 120));
    await page.waitForTimeout(500);
  });
  await shot('conv-lab-1280x720.png', 'lab=conv&data=digits&arch=tiny_vgg&opt=adam&lr=0.01&vs=init:he_normal', { width: 1280, height: 720 }, async (page) => {
    await trained(200)(page);
    await page.getByRole('heading', { name: 'First-layer filters' }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(500);
  });
  // The batch-norm preset: tiny VGG with and without batch norm at lr 0.5, trained side by side (vs=arch:).
  await shot('conv-lab-bn-ab-1280x720.png', 'lab=conv&data=digits&arch=conv3-8nb%2Cbn%2Crelu%2Cconv3-8nb%2Cbn%2Crelu%2Cmax2%2Cconv3-16nb%2Cbn%2Crelu%2Cconv3-16nb%2Cbn%2Crelu%2Cmax2%2Cgap%2Cfc10&init=he_normal&opt=sgd&lr=0.5&vs=arch:tiny_vgg', { width: 1280, height: 720 }, async (page) => {
    await trained(100)(page);
    await page.getByRole('heading', { name: 'Accuracy', exact: true }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(500);
  });
  await shot('embed-signal-800x450.png', 'embed=1&panels=signal,gradient', { width: 800, height: 450 }, async (page) => {
    await page.locator('svg.chart').first().waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector('main figure')?.getAttribute('aria-busy') === 'false', null, { timeout: 60_000 });
  });
} finally {
  await browser.close();
  vite.kill();
}
