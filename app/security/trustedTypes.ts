/**
 * The page's Trusted Types (the content security policy admits two policies and no others):
 * - 'katex' (trustedHtml.ts): the only way to HTML;
 * - 'layerscope-url' (here): script URLs (the engine's worker, the service worker) on the page's origin.
 * Browsers without Trusted Types get plain strings, which their sinks take as before.
 */
export interface TrustedTypePolicyLike {
  createHTML(input: string): unknown;
  createScriptURL(input: string): unknown;
}
interface TrustedTypesLike {
  createPolicy(name: string, rules: { createHTML?: (input: string) => string; createScriptURL?: (input: string) => string }): TrustedTypePolicyLike;
}

/** The browser's Trusted Types API, or undefined where there is none. */
export const trustedTypes = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;

let urlPolicy: TrustedTypePolicyLike | null = null;

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
