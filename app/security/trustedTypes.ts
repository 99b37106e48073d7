/**
 * The page's two Trusted Types policies (the content security policy admits these and no others):
 * - 'katex': the only way to HTML. It takes TeX, not HTML: what it returns is KaTeX's own output
 *   (trust off: no \href, \url or raw HTML), so no other markup can pass through it.
 * - 'layerscope-url': script URLs (the engine's worker, the service worker) on the page's origin.
 * Browsers without Trusted Types get plain strings, which their sinks take as before.
 */
import katex from 'katex';

interface TrustedTypePolicyLike {
  createHTML(input: string): unknown;
  createScriptURL(input: string): unknown;
}
interface TrustedTypesLike {
  createPolicy(name: string, rules: { createHTML?: (input: string) => string; createScriptURL?: (input: string) => string }): TrustedTypePolicyLike;
}

const trustedTypes = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;

const KATEX_OPTIONS = { displayMode: true, throwOnError: false, output: 'htmlAndMathml', trust: false, strict: 'ignore' } as const;

let katexPolicy: TrustedTypePolicyLike | null = null;
let urlPolicy: TrustedTypePolicyLike | null = null;

/** Display math for TeX, as something innerHTML takes (TrustedHTML where the browser has it). */
export function texToHtml(tex: string): string {
  if (!trustedTypes) return katex.renderToString(tex, KATEX_OPTIONS);
  katexPolicy ??= trustedTypes.createPolicy('katex', { createHTML: (source) => katex.renderToString(source, KATEX_OPTIONS) });
  return katexPolicy.createHTML(tex) as string; // a TrustedHTML: React hands it to innerHTML as it is
}

/** A script URL on the page's own origin, as Worker and serviceWorker.register take it; throws for any other origin. */
export function sameOriginScriptUrl(url: string | URL): string {
  const href = String(url);
  const check = (input: string) => {
    const parsed = new URL(input, globalThis.location?.href);
    if (globalThis.location && parsed.origin !== globalThis.location.origin) throw new Error(`refused a script from ${parsed.origin}: only the page's own origin runs code`);
    return parsed.href;
  };
  if (!trustedTypes) return check(href);
  urlPolicy ??= trustedTypes.createPolicy('layerscope-url', { createScriptURL: check });
  return urlPolicy.createScriptURL(href) as string;
}
