/**
 * The architecture explorer: the arithmetic view (a floor case, a transposed case, the keyboard),
 * the table with folding and a comparison, the block explorer's numbers, the receptive field, a bad
 * spec shown in place, the effective receptive field of a tiny net, and the first screen at 1280 x 720.
 */
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const field = (page: Page, panel: string, name: string) => region(page, panel).getByRole('spinbutton', { name, exact: true });

test('the arithmetic view: formula, a floor case, a transposed case, steps from the keyboard', async ({ page }) => {
  await page.goto('/?lab=architectures');
  const arith = region(page, 'Convolution arithmetic');
  await expect(arith.getByTestId('conv-formula')).toContainText('⌊(5 + 2·1 − 1·(3 − 1) − 1) / 2⌋ + 1 = ⌊4 / 2⌋ + 1 = 3');
  await expect(arith.getByRole('img', { name: /gives a 3×3 output/ })).toBeVisible();

  // 6 inputs, k3, s2, no padding: floor(3/2) + 1 = 2, and row and column 5 are never read
  await field(page, 'Convolution arithmetic', 'Input n').fill('6');
  await field(page, 'Convolution arithmetic', 'Padding p').fill('0');
  await expect(arith.getByTestId('conv-formula')).toContainText('⌊3 / 2⌋ + 1 = 2');
  await expect(arith.getByTestId('conv-floor')).toContainText('remainder of 1: input row and column 5 is never read');
  await expect(page).toHaveURL(/[?&]conv=6-3-2-0-1-0-0-1-1(&|$)/);

  // the keyboard: step forward and back, play and pause
  const stage = arith.getByRole('group', { name: 'Convolution steps' });
  await stage.focus();
  await expect(arith.getByRole('status')).toContainText('Output (0, 0), step 1 of 4');
  await page.keyboard.press('ArrowRight');
  await expect(arith.getByRole('status')).toContainText('Output (0, 1), step 2 of 4: reads 9 input cells');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(arith.getByRole('status')).toContainText('step 4 of 4');
  await page.keyboard.press('Space');
  await expect(arith.getByRole('button', { name: 'Pause' })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Space');
  await expect(arith.getByRole('button', { name: 'Play' })).toHaveAttribute('aria-pressed', 'false');

  // the lecture's W − (w − 1)
  await field(page, 'Convolution arithmetic', 'Stride s').fill('1');
  await expect(arith).toContainText('W − (w − 1) = 6 − (3 − 1) = 4');

  // transposed: 3 inputs, k3, s2, p1, output padding 1 → 6
  await arith.getByRole('checkbox', { name: 'transposed' }).check();
  await field(page, 'Convolution arithmetic', 'Input n').fill('3');
  await field(page, 'Convolution arithmetic', 'Stride s').fill('2');
  await field(page, 'Convolution arithmetic', 'Padding p').fill('1');
  await field(page, 'Convolution arithmetic', 'Output padding').fill('1');
  await expect(arith.getByTestId('conv-formula')).toContainText('(3 − 1)·2 − 2·1 + 1·(3 − 1) + 1 + 1 = 6');
  await expect(arith.getByText('Output 6×6')).toBeVisible();
  await expect(arith.getByText('Input (as the kernel sees it)')).toBeVisible();

  // multi-channel counts and the 1x1 case
  await arith.getByRole('checkbox', { name: 'transposed' }).uncheck();
  await field(page, 'Convolution arithmetic', 'Kernel k').fill('1');
  await field(page, 'Convolution arithmetic', 'C in').fill('64');
  await field(page, 'Convolution arithmetic', 'C out').fill('32');
  await expect(arith).toContainText('64 × 1 × 1 × 32 = 2,048');
  await expect(arith.getByTestId('conv-1x1')).toContainText('dense layer 64 → 32');
});

test('the table: totals, folding, the VGG-16 vs ResNet-50 comparison, the input size, all in the link', async ({ page }) => {
  await page.goto('/?lab=architectures');
  const table = region(page, 'The architecture table');
  await expect(table.getByTestId('total-params').first()).toHaveText('138M');
  await expect(table.getByTestId('total-macs').first()).toHaveText('15.5G');

  await table.getByRole('button', { name: 'Unfold features' }).click();
  await expect(table.locator('tr[data-row="features.28"]')).toBeVisible();
  await expect(page).toHaveURL(/[?&]open=features(&|$)/);
  await table.getByRole('button', { name: 'Fold features' }).click();
  await expect(table.locator('tr[data-row="features.28"]')).toHaveCount(0);

  await table.getByRole('button', { name: 'VGG-16 vs ResNet-50' }).click();
  await expect(table.getByTestId('total-params')).toHaveText(['138M', '25.6M']);
  await expect(table.getByTestId('total-macs')).toHaveText(['15.5G', '4.1G']);
  await expect(table.getByRole('img', { name: /^Drawing of resnet50/ })).toBeVisible();
  await expect(page).toHaveURL(/[?&]cmp=resnet50(&|$)/);

  await table.getByRole('spinbutton', { name: 'Input size' }).fill('32');
  await expect(table.getByText('3×32×32 → 1000').first()).toBeVisible();
  await expect(page).toHaveURL(/[?&]insize=32(&|$)/);

  // the same view from its link
  await page.goto('/?lab=architectures&net=resnet18&open=layer1,layer1.0');
  await expect(region(page, 'The architecture table').locator('tr[data-row="layer1.0.conv2"]')).toBeVisible();
  await expect(region(page, 'The architecture table').getByTestId('total-params')).toHaveText('11.7M');
});

test('the table exports as CSV and JSON, its drawing as SVG and PNG', async ({ page }) => {
  await page.goto('/?lab=architectures&net=resnet18');
  const figure = region(page, 'The architecture table').getByRole('figure', { name: 'resnet18: layer by layer' });
  const save = async (format: RegExp) => {
    const menu = figure.getByRole('button', { name: /^Export / });
    if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
    const [download] = await Promise.all([page.waitForEvent('download'), figure.getByRole('group', { name: /^Export .* as$/ }).getByRole('button', { name: format }).click()]);
    return { name: download.suggestedFilename(), text: (await readFile(await download.path())).toString('utf8') };
  };
  const csv = await save(/CSV/);
  expect(csv.name).toMatch(/\.csv$/);
  expect(csv.text.split('\n')[0]).toBe('Layer,Kind,Output,Parameters,MACs,Receptive field,Jump,Activations (floats)');
  expect(csv.text).toContain('fc,fc,1000,513000,512000,627,32,1000');
  const json = await save(/JSON/);
  expect(json.text).toContain('"layer4.1.conv2"');
  const svg = await save(/SVG/);
  expect(svg.text).toContain('<svg');
  expect(svg.text).toContain('conv1 64×112×112');
  const png = await save(/PNG/);
  expect(png.name).toMatch(/\.png$/);
});

test('the block explorer: the lecture\'s counts, and a variant edited', async ({ page }) => {
  await page.goto('/?lab=architectures');
  const blocks = region(page, 'The block explorer');
  const card = (name: string) => blocks.getByRole('region', { name });
  await expect(card('Two 3x3 convolutions vs one 5x5').getByTestId('block-params')).toHaveText(['73,728', '102,400']);
  await expect(card('Inception (3a) with and without 1x1 reductions').getByTestId('block-params')).toHaveText(['163,696', '387,296']);
  await expect(card('Plain 3x3 pair vs bottleneck at 256 channels').getByTestId('block-params')).toHaveText(['1,179,648', '69,632']);
  await expect(card('ResNeXt: 32 paths of width 4 vs 8 paths of width 32 vs one plain 3x3').getByTestId('block-params')).toHaveText(['70,144', '204,800', '589,824']);
  await expect(card('GoogLeNet\'s auxiliary heads: training vs inference').getByTestId('block-params')).toHaveText(['13,004,888', '6,624,904']);
  const lenet = card('LeNet\'s first layer vs a dense layer between the same shapes');
  await expect(lenet.getByTestId('block-params')).toHaveText(['156', '4,821,600']);
  await lenet.getByRole('textbox', { name: /conv 5x5, 6 maps: spec/ }).fill('conv5-16p0');
  await expect(lenet.getByTestId('block-params').first()).toHaveText('416');
  await lenet.getByRole('textbox', { name: /conv 5x5, 6 maps: spec/ }).fill('conv5-16p0,oops');
  await expect(lenet.getByRole('alert')).toContainText('at 11: expected a layer');
  await lenet.getByRole('button', { name: 'Reset' }).click();
  await expect(lenet.getByTestId('block-params')).toHaveText(['156', '4,821,600']);
});

test('the receptive field of a chosen layer, drawn on the input', async ({ page }) => {
  await page.goto('/?lab=architectures');
  const rf = region(page, 'Receptive field');
  await expect(rf.getByTestId('rf-size')).toHaveText('212×212');
  await rf.getByRole('combobox', { name: 'Layer' }).selectOption('features.28');
  await expect(rf.getByTestId('rf-size')).toHaveText('196×196');
  await expect(rf.getByRole('img', { name: /features\.28: 196×196 input pixels of the 224×224 input, neighbouring units 16 pixels apart/ })).toBeVisible();
  await expect(page).toHaveURL(/[?&]layer=features\.28(&|$)/);
  await expect(rf.getByTestId('erf-refused')).toContainText('Use a smaller network');
  await rf.getByRole('combobox', { name: 'Layer' }).selectOption('features.2');
  await expect(rf.getByTestId('rf-size')).toHaveText('5×5');
  // or from the table: a layer's name picks it
  const table = region(page, 'The architecture table');
  await table.getByRole('button', { name: 'Unfold features' }).click();
  await table.locator('tr[data-row="features.16"]').getByRole('button', { name: '16' }).click();
  await expect(rf.getByRole('combobox', { name: 'Layer' })).toHaveValue('features.16');
  await expect(rf.getByTestId('rf-size')).toHaveText('44×44');
});

test('the effective receptive field of a tiny net: refused for VGG-16 at 224, measured for tiny_vgg, smaller than the theoretical one', async ({ page }) => {
  await page.goto('/?lab=architectures');
  const rf = region(page, 'Receptive field');
  await expect(rf.getByTestId('erf-refused')).toContainText('multiply-accumulates');
  await rf.getByRole('button', { name: 'tiny_vgg on 28×28' }).click();
  await expect(page).toHaveURL(/[?&]net=tiny_vgg(&|$)/);
  await rf.getByRole('combobox', { name: 'Layer' }).selectOption('conv4');
  await expect(rf.getByTestId('rf-size')).toHaveText('14×14');
  await expect(rf.getByRole('img', { name: /^Effective receptive field of the centre unit of conv4 on the 28×28 input/ })).toBeVisible();
  await expect(rf.getByTestId('erf-line')).toContainText('against the theoretical 14×14');
  const side = Number((await rf.getByTestId('erf-side68').textContent())!.split('×')[0]);
  expect(side).toBeGreaterThan(1);
  expect(side).toBeLessThan(14);
  await rf.getByText('The map\'s numbers').click();
  await expect(rf.getByRole('table', { name: /conv4 \(6, 6\)/ })).toBeVisible();
});

test('a bad spec shows its problem in place and the lab keeps working', async ({ page }) => {
  await page.goto('/?lab=architectures');
  const table = region(page, 'The architecture table');
  await table.getByRole('combobox', { name: 'Architecture', exact: true }).fill('conv3-16,relu,bogus');
  await expect(table.getByRole('alert').first()).toContainText('at 14: expected a layer');
  await expect(table.getByRole('combobox', { name: 'Architecture', exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(region(page, 'Receptive field')).toContainText('does not parse');
  // everything else still answers
  await field(page, 'Convolution arithmetic', 'Kernel k').fill('5');
  await expect(region(page, 'Convolution arithmetic').getByTestId('conv-formula')).toContainText('= 2');
  await table.getByRole('combobox', { name: 'Architecture', exact: true }).fill('conv3-16,relu,max2,res32s2,gap,fc10');
  await expect(table.getByRole('alert')).toHaveCount(0);
  await expect(table.getByTestId('total-params')).toHaveText('15.3k');
  // a hostile link is named, not thrown
  await page.goto('/?lab=architectures&insize=99999&conv=1-2&net=%3Cscript%3E');
  await expect(region(page, 'The architecture table').getByRole('alert').first()).toContainText('at 0');
  await expect(region(page, 'Convolution arithmetic').getByTestId('conv-formula')).toContainText('= 3');
});

test('at 1280 x 720: the first view in view, every control reachable', async ({ page }) => {
  await page.goto('/?lab=architectures');
  await expect(page.getByRole('tab', { name: 'Architectures' })).toHaveAttribute('aria-selected', 'true');
  await expect(region(page, 'Convolution arithmetic').getByRole('img').first()).toBeInViewport();
  await expect(region(page, 'Convolution arithmetic').getByTestId('conv-formula')).toBeInViewport();
  const controls = page.getByRole('main').locator('input, select, button, textarea');
  const count = await controls.count();
  expect(count).toBeGreaterThan(30);
  for (let i = 0; i < count; i++) {
    const c = controls.nth(i);
    if (!(await c.isVisible()) || (await c.isDisabled())) continue;
    await c.focus();
    await expect(c, `control ${i + 1} of ${count}`).toBeFocused();
    await expect(c, `control ${i + 1} of ${count} in view when focused`).toBeInViewport();
  }
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe: the explorer with a comparison and every table open, ${theme} theme`, async ({ page }) => {
    test.setTimeout(150_000); // axe over every row of two nets' tables takes a while
    await page.goto('/?lab=architectures&cmp=googlenet&open=features,inception3a&conv=6-3-2-0-1-0-0-3-8');
    const toggle = page.getByRole('button', { name: /dark theme/i });
    if ((await toggle.getAttribute('aria-pressed')) !== String(theme === 'dark')) await toggle.click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    const show = page.getByRole('button', { name: 'Show table' });
    for (let n = await show.count(); n > 0; n--) await show.first().click(); // each click turns one into "Hide table"
    await region(page, 'The architecture table').getByRole('combobox', { name: 'Architecture', exact: true }).fill('conv3-8,oops');
    await expect(region(page, 'The architecture table').getByRole('alert').first()).toBeVisible();
    const results = await new AxeBuilder({ page }).include('main').analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad, bad.map((v) => `${v.id}: ${v.help}\n  ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n  ')}`).join('\n')).toEqual([]);
  });
}
