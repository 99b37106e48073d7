/** A lecturer exports a chart for a slide: a standalone SVG, a 2x PNG, and the numbers as CSV and JSON. */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { formatNumber } from '../app/format/number.ts';
import { expect, test } from './fixtures.ts';
import { settled, signalPanel, signalTable } from './lab.ts';

const DEPTH = 10;

interface Saved { readonly name: string; readonly bytes: Buffer }

/** Open the figure's Export menu (if closed), pick a format, and read the file the browser saved. */
async function exportAs(page: Page, figure: Locator, format: RegExp): Promise<Saved> {
  const menu = figure.getByRole('button', { name: /^Export / });
  if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    figure.getByRole('group', { name: /^Export .* as$/ }).getByRole('button', { name: format }).click(),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(path) };
}

/**
 * Run fn in a blank page beside the lab: the lab's Trusted Types policy (rightly) refuses a
 * DOMParser fed a plain string, and an exported file is read as an editor would, outside the app.
 */
async function inBlankPage<R>(page: Page, fn: (arg: string) => R | Promise<R>, arg: string): Promise<R> {
  const blank = await page.context().newPage();
  try {
    return await blank.evaluate(fn, arg);
  } finally {
    await blank.close();
  }
}

/** What the browser's own XML parser makes of an SVG file: strict XML, as an editor would read it. */
async function parseSvg(page: Page, text: string) {
  return inBlankPage(page, async (svgText: string) => {
    const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
    const root = doc.documentElement;
    const error = doc.getElementsByTagName('parsererror')[0]?.textContent ?? null;
    // It must also draw on its own, as an image with no stylesheet and no page around it.
    const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
    const image = new Image();
    image.src = url;
    await image.decode();
    URL.revokeObjectURL(url);
    const strokes = [...root.querySelectorAll('path')].map((p) => p.getAttribute('style') ?? '');
    return {
      error,
      root: root.localName,
      namespace: root.namespaceURI,
      width: Number(root.getAttribute('width')),
      height: Number(root.getAttribute('height')),
      viewBox: root.getAttribute('viewBox'),
      title: root.querySelector(':scope > title')?.textContent ?? null,
      background: root.querySelector(':scope > rect')?.getAttribute('fill') ?? null,
      paths: root.querySelectorAll('path').length,
      texts: [...root.querySelectorAll('text')].map((t) => t.textContent ?? ''),
      strokes,
      imageSize: [image.naturalWidth, image.naturalHeight],
    };
  }, text);
}

/** Width and height from a PNG's IHDR chunk, after checking the 8-byte signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('every chart has an Export menu that opens, closes and moves by keyboard', async ({ page }) => {
  await page.goto(`/?depth=${DEPTH}`);
  await settled(page);
  const figures = page.getByRole('figure');
  const count = await figures.count();
  expect(count).toBeGreaterThan(1);
  for (const figure of await figures.all()) {
    const title = (await figure.getByRole('heading').first().innerText()).trim();
    await expect(figure.getByRole('button', { name: `Export ${title}` })).toBeVisible();
  }

  const figure = signalPanel(page).getByRole('figure').first();
  const menu = figure.getByRole('button', { name: /^Export / });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await menu.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  const formats = figure.getByRole('group', { name: /^Export .* as$/ });
  await expect(formats.getByRole('button')).toHaveText(['SVG image', 'PNG image (2×)', 'CSV data', 'JSON data']);
  await page.keyboard.press('ArrowDown');
  await expect(formats.getByRole('button', { name: 'SVG image' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(formats.getByRole('button', { name: 'JSON data' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(menu).toBeFocused();
  await expect(formats).toBeHidden();
});

test('the first chart exports as a standalone SVG, a 2x PNG, and its numbers as CSV and JSON', async ({ page }) => {
  await page.goto(`/?depth=${DEPTH}`);
  await settled(page);
  const figure = signalPanel(page).getByRole('figure').first();
  const title = (await figure.getByRole('heading').first().innerText()).trim();
  const chart = figure.getByRole('img').first(); // the chart's <svg role="img">; legend swatches are aria-hidden
  const chartBox = (await chart.boundingBox())!;

  // SVG: valid XML, an <svg> root in the SVG namespace, its lines, the title, the theme's colours inlined.
  const svg = await exportAs(page, figure, /^SVG/);
  expect(svg.name).toBe('signal-by-layer.svg');
  const text = svg.bytes.toString('utf8');
  expect(text).toContain('xmlns="http://www.w3.org/2000/svg"');
  expect(text).not.toContain('var(--'); // custom properties mean nothing outside the page
  expect(text.match(/https?:\/\/[^"'\s)]+/g)?.filter((u) => !u.startsWith('http://www.w3.org/')) ?? []).toEqual([]);
  const parsed = await parseSvg(page, text);
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe('svg');
  expect(parsed.namespace).toBe('http://www.w3.org/2000/svg');
  expect(parsed.title).toBe(title);
  expect(parsed.paths).toBeGreaterThan(0);
  expect(parsed.viewBox).toBe(`0 0 ${parsed.width} ${parsed.height}`);
  expect(Math.abs(parsed.width - chartBox.width)).toBeLessThanOrEqual(1); // the chart, and the legend above it
  expect(parsed.height).toBeGreaterThan(chartBox.height);
  expect(parsed.imageSize).toEqual([parsed.width, parsed.height]);
  expect(parsed.background).toBe('rgb(255, 255, 255)'); // the light theme's chart surface
  expect(parsed.strokes.some((s) => s.includes('stroke:rgb(0, 114, 178)'))).toBe(true); // --measured, resolved
  expect(parsed.texts).toEqual(expect.arrayContaining(['E[h²] (log scale)', 'Hidden layer'])); // axis titles
  expect(parsed.texts.some((t) => t.includes('measured'))).toBe(true); // the legend's labels came along
  expect(text).not.toMatch(/tabindex|aria-describedby|class=/);

  // PNG: the same picture at two pixels per CSS pixel.
  const png = await exportAs(page, figure, /^PNG/);
  expect(png.name).toBe('signal-by-layer.png');
  const size = pngSize(png.bytes);
  expect(size).toEqual({ width: 2 * parsed.width, height: 2 * parsed.height });
  expect(Math.abs(size.width - 2 * chartBox.width)).toBeLessThanOrEqual(2);

  // CSV: a header, then one row per layer, at full precision (the table shows the same numbers to 4 digits).
  const csv = await exportAs(page, figure, /^CSV/);
  expect(csv.name).toBe('signal-by-layer.csv');
  const lines = csv.bytes.toString('utf8').trimEnd().split('\n');
  expect(lines).toHaveLength(1 + DEPTH);
  const header = lines[0].split(',');
  expect(header[0]).toBe('Layer');
  expect(header).toContain('measured E[h²]');
  const rows = lines.slice(1).map((l) => l.split(','));
  expect(rows.map((r) => Number(r[0]))).toEqual(Array.from({ length: DEPTH }, (_, i) => i + 1));
  const measured = rows.map((r) => Number(r[header.indexOf('measured E[h²]')]));
  expect(measured.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
  const table = await signalTable(page, DEPTH);
  const shown = await table.getByRole('row').filter({ has: page.getByRole('rowheader') }).evaluateAll(
    (trs) => trs.map((tr) => tr.querySelector('td')?.textContent?.trim() ?? ''),
  );
  expect(measured.map((v) => formatNumber(v))).toEqual(shown);

  // JSON: parses, with the title, the same columns and one row per layer.
  const json = await exportAs(page, figure, /^JSON/);
  expect(json.name).toBe('signal-by-layer.json');
  const data = JSON.parse(json.bytes.toString('utf8')) as { title: string; columns: string[]; rows: unknown[][] };
  expect(data.title).toBe(title);
  expect(data.columns).toEqual(header);
  expect(data.rows).toHaveLength(DEPTH);
  expect(data.rows.map((r) => r[header.indexOf('measured E[h²]')])).toEqual(measured);
});

test('in the dark theme the exported SVG keeps the dark background and light text', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(`/?depth=${DEPTH}`);
  await settled(page);
  const figure = signalPanel(page).getByRole('figure').first();
  const svg = await exportAs(page, figure, /^SVG/);
  const text = svg.bytes.toString('utf8');
  const parsed = await parseSvg(page, text);
  expect(parsed.error).toBeNull();
  const surface = await figure.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--surface').trim());
  expect(surface).toBe('#181b21');
  expect(parsed.background).toBe('rgb(24, 27, 33)');
  expect(text).toContain('fill:rgb(232, 234, 237)'); // --text on dark: the axis titles
});

test('the Distributions figure, small multiples with HTML headings, exports as one SVG and PNG', async ({ page }) => {
  await page.goto(`/?depth=${DEPTH}`);
  await settled(page);
  const figure = page.getByRole('figure', { name: 'Distributions' });
  await expect(figure.getByRole('img').first()).toBeVisible();
  const histograms = await figure.getByRole('img').count();
  const svg = await exportAs(page, figure, /^SVG/);
  expect(svg.name).toBe('distributions.svg');
  const parsed = await parseSvg(page, svg.bytes.toString('utf8'));
  expect(parsed.error).toBeNull();
  expect(parsed.texts.filter((t) => /^Layer \d+$/.test(t))).toHaveLength(histograms);
  const png = await exportAs(page, figure, /^PNG/);
  expect(pngSize(png.bytes)).toEqual({ width: 2 * parsed.width, height: 2 * parsed.height });
});

test('a figure drawn on a <canvas> exports its pixels: an <image> in the SVG, and in the PNG', async ({ page }) => {
  await page.goto(`/?depth=${DEPTH}`);
  await settled(page);
  const figure = signalPanel(page).getByRole('figure').first();
  // Stand-in for a canvas chart (a decision boundary): a red square with a 2x backing store, below the SVG chart.
  await figure.evaluate((el) => {
    const canvas = document.createElement('canvas');
    canvas.width = 200;
    canvas.height = 100;
    canvas.style.cssText = 'display:block;width:100px;height:50px';
    canvas.setAttribute('aria-label', 'test heatmap');
    const context = canvas.getContext('2d')!;
    context.fillStyle = 'rgb(255, 0, 0)';
    context.fillRect(0, 0, 200, 100);
    el.append(canvas);
  });
  const canvasBox = (await figure.locator('canvas').boundingBox())!;
  const chartBox = (await figure.getByRole('img').first().boundingBox())!;

  const svg = await exportAs(page, figure, /^SVG/);
  const text = svg.bytes.toString('utf8');
  const parsed = await parseSvg(page, text);
  expect(parsed.error).toBeNull();
  expect(text).toMatch(/<image [^>]*href="data:image\/png;base64,/);
  expect(text).toContain('xmlns:xlink="http://www.w3.org/1999/xlink"');
  expect(parsed.height).toBeGreaterThanOrEqual(Math.floor(canvasBox.y + canvasBox.height - chartBox.y));

  // In the PNG, the middle of the canvas is red: the data URL inside the SVG drew, and nothing tainted the canvas.
  const png = await exportAs(page, figure, /^PNG/);
  const origin = await inBlankPage(page, (svgText: string) => {
    const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
    const image = doc.querySelector('image')!;
    return { x: Number(image.getAttribute('x')), y: Number(image.getAttribute('y')) };
  }, text);
  const pixel = await page.evaluate(async ({ base64, x, y }: { base64: string; x: number; y: number }) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    return [...context.getImageData(x, y, 1, 1).data];
  }, { base64: png.bytes.toString('base64'), x: Math.round(2 * (origin.x + 50)), y: Math.round(2 * (origin.y + 25)) });
  expect(pixel).toEqual([255, 0, 0, 255]);
});
