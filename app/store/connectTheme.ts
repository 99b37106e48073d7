import type { Theme } from './viewSlice.ts';
import type { LabStore } from './labStore.ts';

const STORAGE_KEY = 'layerscope-theme';

/** The parts of the browser the theme touches, so tests can hand in fakes. */
export interface ThemeHost {
  readonly root: { setAttribute(name: string, value: string): void; readonly style: { colorScheme: string } };
  readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  readonly prefersDark: boolean;
}

function isTheme(x: unknown): x is Theme {
  return x === 'light' || x === 'dark';
}

/** The theme chosen before on this browser, else the system's preference; light when unsure. */
export function initialTheme(host: ThemeHost): Theme {
  let saved: string | null = null;
  try {
    saved = host.storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    // Storage can be refused (privacy settings); the preference is then the system's.
  }
  if (isTheme(saved)) return saved;
  return host.prefersDark ? 'dark' : 'light';
}

function apply(host: ThemeHost, theme: Theme): void {
  host.root.setAttribute('data-theme', theme);
  host.root.style.colorScheme = theme; // native controls and scrollbars follow
}

/**
 * Put the theme on <html data-theme> now (before the first paint) and whenever it changes;
 * remember a theme the user picks. The theme is presentation, so it never enters the URL.
 */
export function connectTheme(store: LabStore, host: ThemeHost): () => void {
  store.getState().setTheme(initialTheme(host));
  apply(host, store.getState().theme);
  return store.subscribe((state, previous) => {
    if (state.theme === previous.theme) return;
    apply(host, state.theme);
    try {
      host.storage?.setItem(STORAGE_KEY, state.theme);
    } catch {
      // Not remembered; it still applies to this page.
    }
  });
}

/** The real browser's host. */
export function browserThemeHost(): ThemeHost {
  let storage: Storage | null = null;
  try {
    storage = window.localStorage;
  } catch {
    storage = null;
  }
  return {
    root: document.documentElement,
    storage,
    prefersDark: typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches,
  };
}
