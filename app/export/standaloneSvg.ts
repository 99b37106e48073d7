/**
 * A figure as one standalone SVG file, read off the page as drawn: every top-level <svg> and
 * <canvas> in it (a canvas becomes an <image> of its pixels), plus the short HTML text that labels
 * them (legend entries, small-multiple headings), each at its place on screen. Colours from the
 * theme's CSS custom properties are inlined as computed values, fonts become generic families,
 * and a background rect in the page's colour goes underneath, so the file looks the same in a
 * slide, an editor or a browser, in either theme, with no stylesheet and no network.
 *
 * Left out: the figure's heading and buttons, and prose (paragraphs, live regions, form
 * controls). Mark anything else to leave out with a `data-export-skip` attribute.
 */

import { genericFamily, round, svgCopy } from './svgCopy.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Elements whose text is prose or interface, not a label of the chart. */
const NOT_LABELS = new Set(['P', 'BUTTON', 'LABEL', 'INPUT', 'SELECT', 'TEXTAREA', 'OPTION', 'SUMMARY', 'TABLE', 'CAPTION', 'SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'FIGCAPTION']);

/** "rgba(0, 0, 0, 0)" and "transparent" have no colour to paint. */
export function isTransparent(color: string): boolean {
  if (color === 'transparent' || color === '') return true;
  const alpha = /^rgba\(.*,\s*([\d.]+)\s*\)$/.exec(color);
  return alpha !== null && Number(alpha[1]) === 0;
}

/** The first painted background at or above an element: what the chart is drawn on. */
export function backgroundOf(el: Element): string {
  for (let e: Element | null = el; e; e = e.parentElement) {
    const bg = getComputedStyle(e).backgroundColor;
    if (!isTransparent(bg)) return bg;
  }
  return 'rgb(255, 255, 255)';
}

export interface StandaloneSvg {
  /** The file's text, starting with an XML declaration. */
  readonly text: string;
  /** CSS pixels; the PNG export multiplies these. */
  readonly width: number;
  readonly height: number;
}

interface Box { readonly left: number; readonly top: number; readonly right: number; readonly bottom: number }

interface Graphic { readonly el: SVGSVGElement | HTMLCanvasElement; readonly rect: DOMRect; readonly opacity: number }

interface Label {
  readonly text: string;
  readonly rect: DOMRect;
  readonly style: CSSStyleDeclaration;
  readonly opacity: number;
}

/** Thrown when a figure has nothing drawn to export (no data yet). */
export class NothingToExport extends Error {
  constructor() {
    super('This chart has nothing drawn yet.');
    this.name = 'NothingToExport';
  }
}

/** The figure as a standalone SVG; `title` becomes its <title>. Throws NothingToExport if nothing is drawn. */
export function figureToSvg(figure: HTMLElement, title: string): StandaloneSvg {
  const graphics: Graphic[] = [];
  const labels: Label[] = [];
  collect(figure, graphics, labels, 1);
  if (graphics.length === 0) throw new NothingToExport();

  const boxes: Box[] = [...graphics.map((g) => g.rect), ...labels.map((l) => l.rect)];
  const left = Math.min(...boxes.map((b) => b.left));
  const top = Math.min(...boxes.map((b) => b.top));
  const width = Math.ceil(Math.max(...boxes.map((b) => b.right)) - left - 0.01);
  const height = Math.ceil(Math.max(...boxes.map((b) => b.bottom)) - top - 0.01);

  const root = document.createElementNS(SVG_NS, 'svg');
  root.setAttribute('xmlns', SVG_NS);
  if (graphics.some((g) => g.el instanceof HTMLCanvasElement)) root.setAttributeNS(XMLNS_NS, 'xmlns:xlink', XLINK_NS);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const figureStyle = getComputedStyle(figure);
  root.setAttribute('font-family', genericFamily(figureStyle.fontFamily));

  const titleEl = document.createElementNS(SVG_NS, 'title');
  titleEl.textContent = title;
  root.append(titleEl);
  const description = graphics.map((g) => g.el.getAttribute('aria-label')).filter((d): d is string => Boolean(d)).join(' ');
  if (description) {
    const desc = document.createElementNS(SVG_NS, 'desc');
    desc.textContent = description;
    root.append(desc);
  }

  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', String(width));
  background.setAttribute('height', String(height));
  background.setAttribute('fill', backgroundOf(figure));
  root.append(background);

  for (const g of graphics) {
    const x = round(g.rect.left - left);
    const y = round(g.rect.top - top);
    const placed = g.el instanceof HTMLCanvasElement ? canvasImage(g.el, g.rect) : svgCopy(g.el, g.rect);
    placed.setAttribute('x', String(x));
    placed.setAttribute('y', String(y));
    if (g.opacity < 1) {
      // A group carries the ancestors' opacity, so it multiplies with the element's own (inlined on it).
      const group = document.createElementNS(SVG_NS, 'g');
      group.setAttribute('opacity', String(round(g.opacity)));
      group.append(placed);
      root.append(group);
    } else root.append(placed);
  }
  for (const l of labels) root.append(labelText(l, left, top));

  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}\n`;
  return { text, width, height };
}

function visible(el: Element, style: CSSStyleDeclaration): boolean {
  if (style.display === 'none') return false;
  if (style.display === 'contents') return true; // no box of its own; its children have
  return style.visibility !== 'hidden' && style.visibility !== 'collapse' && el.getClientRects().length > 0;
}

/**
 * Walk the figure's HTML: top-level <svg> and <canvas> elements are graphics (not entered); text
 * outside prose is a label. `opacity` is the product of the ancestors' opacity so far.
 */
function collect(el: Element, graphics: Graphic[], labels: Label[], opacity: number): void {
  for (const child of el.children) {
    if (child.hasAttribute('data-export-skip')) continue;
    const style = getComputedStyle(child);
    if (!visible(child, style)) continue;
    const own = opacity * Number(style.opacity || '1');
    if (own === 0) continue;
    if (child instanceof SVGSVGElement || child instanceof HTMLCanvasElement) {
      const rect = child.getBoundingClientRect();
      // The element's own opacity is inlined on the copy (svg) or applied here (canvas).
      if (rect.width > 0 && rect.height > 0) graphics.push({ el: child, rect, opacity: child instanceof SVGSVGElement ? opacity : own });
      continue;
    }
    if (child instanceof HTMLElement && isLabelHost(child)) {
      for (const run of textRuns(child)) labels.push(...runLines(run, style, own));
    }
    if (!NOT_LABELS.has(child.tagName)) collect(child, graphics, labels, own);
  }
}

function isLabelHost(el: HTMLElement): boolean {
  if (NOT_LABELS.has(el.tagName)) return false;
  if (el.closest('[aria-live], [role="status"], [role="alert"], [role="log"]')) return false;
  return true;
}

/** Adjacent text nodes of an element ("Layer ", "3", as React writes `Layer {n}`): each run reads as one label. */
function textRuns(el: Element): Text[][] {
  const runs: Text[][] = [];
  let run: Text[] = [];
  for (const node of el.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) run.push(node as Text);
    else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** A run's visible text: one Label if it sits on one line, else one per line box it was wrapped into. */
function runLines(run: readonly Text[], style: CSSStyleDeclaration, opacity: number): Label[] {
  const collapse = (s: string) => (style.whiteSpace.startsWith('pre') ? s : s.replace(/\s+/g, ' '));
  const text = collapse(run.map((t) => t.data).join('')).trim();
  if (text === '') return [];
  const range = document.createRange();
  range.setStart(run[0], 0);
  range.setEnd(run[run.length - 1], run[run.length - 1].data.length);
  const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
  if (rects.length === 0) return [];
  // One line (a rect per text node, side by side): one label spanning them.
  if (rects.every((r) => Math.abs(r.top - rects[0].top) < r.height / 2)) {
    const left = Math.min(...rects.map((r) => r.left));
    const right = Math.max(...rects.map((r) => r.right));
    return [{ text, rect: new DOMRect(left, rects[0].top, right - left, rects[0].height), style, opacity }];
  }
  return run.flatMap((node) => wrappedLines(node, style, opacity));
}

/** A wrapped text node: its words grouped by the line box they landed in. */
function wrappedLines(node: Text, style: CSSStyleDeclaration, opacity: number): Label[] {
  const range = document.createRange();
  const lines: { text: string[]; rect: DOMRect }[] = [];
  for (const word of node.data.matchAll(/\S+/g)) {
    range.setStart(node, word.index);
    range.setEnd(node, word.index + word[0].length);
    const r = range.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const line = lines.find((l) => Math.abs(l.rect.top - r.top) < r.height / 2);
    if (line) {
      line.text.push(word[0]);
      const left = Math.min(line.rect.left, r.left);
      line.rect = new DOMRect(left, line.rect.top, Math.max(line.rect.right, r.right) - left, line.rect.height);
    } else lines.push({ text: [word[0]], rect: r });
  }
  return lines.map((l) => ({ text: l.text.join(' '), rect: l.rect, style, opacity }));
}

function labelText(l: Label, left: number, top: number): SVGTextElement {
  const t = document.createElementNS(SVG_NS, 'text');
  t.setAttribute('x', String(round(l.rect.left - left)));
  t.setAttribute('y', String(round(l.rect.top + l.rect.height / 2 - top)));
  t.setAttribute('dominant-baseline', 'central');
  const s = l.style;
  const parts = [`fill:${s.color}`, `font-size:${s.fontSize}`, `font-family:${genericFamily(s.fontFamily)}`];
  if (s.fontWeight !== '400') parts.push(`font-weight:${s.fontWeight}`);
  if (s.fontStyle !== 'normal') parts.push(`font-style:${s.fontStyle}`);
  if (s.fontVariantNumeric !== 'normal') parts.push(`font-variant-numeric:${s.fontVariantNumeric}`);
  t.setAttribute('style', parts.join(';'));
  if (l.opacity < 1) t.setAttribute('opacity', String(round(l.opacity)));
  if (s.whiteSpace.startsWith('pre')) t.setAttributeNS(XML_NS, 'xml:space', 'preserve');
  t.textContent = l.text;
  return t;
}

/** The canvas's pixels as an <image> at the size it is shown. */
function canvasImage(canvas: HTMLCanvasElement, rect: DOMRect): SVGImageElement {
  const image = document.createElementNS(SVG_NS, 'image');
  const href = canvas.toDataURL('image/png');
  image.setAttribute('href', href);
  image.setAttributeNS(XLINK_NS, 'xlink:href', href); // for editors that predate SVG 2
  image.setAttribute('width', String(round(rect.width)));
  image.setAttribute('height', String(round(rect.height)));
  image.setAttribute('preserveAspectRatio', 'none');
  const label = canvas.getAttribute('aria-label');
  if (label) image.setAttribute('aria-label', label);
  return image;
}
