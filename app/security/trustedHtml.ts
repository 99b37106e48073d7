/**
 * The 'katex' Trusted Types policy: the only way to HTML on the page. It takes TeX, not HTML: what
 * it returns is KaTeX's own output (trust off: no \href, \url or raw HTML), so no other markup
 * can pass through it. Its own module, so KaTeX loads with the formula card and not before.
 */
import katex from 'katex';
import { trustedTypes, type TrustedTypePolicyLike } from './trustedTypes.ts';

const KATEX_OPTIONS = { displayMode: true, throwOnError: false, output: 'htmlAndMathml', trust: false, strict: 'ignore' } as const;

let katexPolicy: TrustedTypePolicyLike | null = null;

/** Display math for TeX, as something innerHTML takes (TrustedHTML where the browser has it). */
export function texToHtml(tex: string): string {
  if (!trustedTypes) return katex.renderToString(tex, KATEX_OPTIONS);
  katexPolicy ??= trustedTypes.createPolicy('katex', { createHTML: (source) => katex.renderToString(source, KATEX_OPTIONS) });
  return katexPolicy.createHTML(tex) as string; // a TrustedHTML: React hands it to innerHTML as it is
}
