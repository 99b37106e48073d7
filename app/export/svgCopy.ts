/**
 * A deep copy of a chart's <svg> that draws the same with no stylesheet: each element's computed
 * presentation (colours resolved from the theme's custom properties, fonts as generic families)
 * inlined on its copy, and what only means something on the page (classes, focus, ids of
 * descriptions) removed.
 */

/** Properties that SVG elements inherit, inlined when they differ from the parent's. */
const INHERITED = [
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-dashoffset',
  'stroke-linecap', 'stroke-linejoin', 'stroke-miterlimit', 'paint-order', 'font-size', 'font-weight', 'font-style',
  'font-variant-numeric', 'letter-spacing', 'text-anchor', 'dominant-baseline', 'visibility', 'marker-start', 'marker-mid', 'marker-end',
] as const;

/** Properties that are not inherited, inlined when they differ from the initial value. */
const NOT_INHERITED: Readonly<Record<string, string>> = {
  opacity: '1', 'clip-path': 'none', mask: 'none', 'stop-color': 'rgb(0, 0, 0)', 'stop-opacity': '1',
};

/** The initial values a standalone SVG starts from (what the root must override). */
const INITIAL: Readonly<Record<string, string>> = {
  fill: 'rgb(0, 0, 0)', 'fill-opacity': '1', 'fill-rule': 'nonzero', stroke: 'none', 'stroke-width': '1px', 'stroke-opacity': '1',
  'stroke-dasharray': 'none', 'stroke-dashoffset': '0px', 'stroke-linecap': 'butt', 'stroke-linejoin': 'miter', 'stroke-miterlimit': '4',
  'paint-order': 'normal', 'font-size': '16px', 'font-weight': '400', 'font-style': 'normal', 'font-variant-numeric': 'normal',
  'letter-spacing': 'normal', 'text-anchor': 'start', 'dominant-baseline': 'auto', visibility: 'visible',
  'marker-start': 'none', 'marker-mid': 'none', 'marker-end': 'none',
};

/** Attributes that only mean something on the page (focus, descriptions by id, classes for a stylesheet left behind). */
const PAGE_ONLY_ATTRIBUTES = ['class', 'style', 'tabindex', 'role', 'aria-label', 'aria-describedby', 'aria-labelledby', 'aria-hidden', 'focusable'];

/**
 * "system-ui, 'Segoe UI', Roboto, sans-serif" -> "sans-serif": a file must not depend on fonts the
 * reader may not have, and an SVG drawn as an image cannot load any.
 */
export function genericFamily(fontFamily: string): string {
  const names = fontFamily.toLowerCase().split(',').map((f) => f.trim().replace(/^["']|["']$/g, ''));
  if (names.some((n) => n === 'monospace' || n.includes('mono') || n.includes('courier'))) return 'monospace';
  if (names.some((n) => n === 'serif') && !names.some((n) => n.includes('sans'))) return 'serif';
  return 'sans-serif';
}

/** Coordinates to 0.01 px: exact enough for any screen or printer, and a smaller file. */
export function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** A deep copy of a chart's <svg> with its computed styles inlined, as a nested <svg> at its shown size. */
export function svgCopy(svg: SVGSVGElement, rect: DOMRect): SVGSVGElement {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, copy, null);
  copy.setAttribute('width', String(round(rect.width)));
  copy.setAttribute('height', String(round(rect.height)));
  if (!copy.hasAttribute('viewBox')) copy.setAttribute('viewBox', `0 0 ${round(rect.width)} ${round(rect.height)}`);
  return copy;
}

/**
 * Copy each element's computed presentation onto its copy's style attribute (only what differs
 * from what it would inherit), and drop what is not displayed. Original and copy have the same shape.
 */
function inlineStyles(original: Element, copy: Element, parent: CSSStyleDeclaration | null): void {
  const style = getComputedStyle(original);
  const declarations: string[] = [];
  for (const prop of INHERITED) {
    const value = style.getPropertyValue(prop);
    const inherited = parent ? parent.getPropertyValue(prop) : INITIAL[prop];
    if (value && value !== inherited) declarations.push(`${prop}:${value}`);
  }
  for (const [prop, initial] of Object.entries(NOT_INHERITED)) {
    const value = style.getPropertyValue(prop);
    if (value && value !== initial) declarations.push(`${prop}:${value}`);
  }
  const family = genericFamily(style.fontFamily);
  if (!parent || genericFamily(parent.fontFamily) !== family) declarations.push(`font-family:${family}`);

  for (const name of PAGE_ONLY_ATTRIBUTES) copy.removeAttribute(name);
  for (const attr of [...copy.attributes]) if (attr.name.startsWith('data-')) copy.removeAttribute(attr.name);
  if (declarations.length > 0) copy.setAttribute('style', declarations.join(';'));

  const originals = original.children;
  const copies = [...copy.children];
  for (let i = 0; i < originals.length; i++) {
    const o = originals[i];
    if (getComputedStyle(o).display === 'none') copies[i].remove();
    else inlineStyles(o, copies[i], style);
  }
}
