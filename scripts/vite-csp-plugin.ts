/**
 * A Vite plugin that puts the content security policy into the built page as a meta tag (a static
 * host may not let us set headers). Build only: the dev server injects inline scripts (React's
 * refresh preamble) that this policy forbids, as it should.
 */
import type { Plugin } from 'vite';

/**
 * Everything from the page's own origin, nothing inline that runs, no eval:
 * - styles: 'unsafe-inline' for style attributes only in effect (KaTeX's output positions glyphs
 *   with style="..."; React's style props go through the CSSOM, which CSP does not govern);
 * - images: data: and blob: for the PNG export (a canvas drawn from an SVG blob);
 * - fonts: KaTeX's, bundled (small ones may be inlined as data: by the bundler);
 * - Trusted Types: HTML only through the 'katex' policy, script URLs (workers, the service
 *   worker) only through 'layerscope-url', which accepts the page's own origin.
 * frame-ancestors cannot be set from a meta tag (and embeds are meant to be framed anywhere).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types katex layerscope-url',
].join('; ');

export function cspPlugin(): Plugin {
  return {
    name: 'layerscope-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
    },
  };
}
