import { sameOriginScriptUrl } from '../security/trustedTypes.ts';

/**
 * Register the offline service worker (sw.js, written into the build by
 * scripts/vite-offline-plugin.ts). Production builds only: in development it would serve stale
 * modules. Only over http(s) in a secure context (https, or localhost), where browsers allow one.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD) return;
  if (!('serviceWorker' in navigator) || !window.isSecureContext || !/^https?:$/.test(window.location.protocol)) return;
  const register = () => {
    // Relative to the page, so the build works from any sub-path; its scope is the build's folder.
    navigator.serviceWorker.register(sameOriginScriptUrl(new URL('sw.js', document.baseURI)), { scope: './' }).catch((error: unknown) => {
      // Offline, the check for a newer sw.js fails while the installed one carries on: nothing to say.
      if (navigator.serviceWorker.controller) return;
      // Offline use is a bonus: the lab works without it, so a refusal (private mode, a host's policy) is only noted.
      console.warn('Layerscope will not open offline: the service worker was not registered.', error);
    });
  };
  // After the page has loaded, so caching the build never competes with the first chart.
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
