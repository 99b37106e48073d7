import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../engine/contract/config.ts';
import { connectTheme, initialTheme, type ThemeHost } from './connectTheme.ts';
import { createLabStore } from './labStore.ts';

function fakeHost(saved: string | null, prefersDark: boolean, failing = false) {
  const attributes: Record<string, string> = {};
  const stored: Record<string, string> = saved === null ? {} : { 'layerscope-theme': saved };
  const host: ThemeHost = {
    root: { setAttribute: (name, value) => { attributes[name] = value; }, style: { colorScheme: '' } },
    storage: {
      getItem: (k) => { if (failing) throw new Error('denied'); return stored[k] ?? null; },
      setItem: (k, v) => { if (failing) throw new Error('denied'); stored[k] = v; },
    },
    prefersDark,
  };
  return { host, attributes, stored };
}

describe('theme', () => {
  it('starts from the saved choice, else the system preference', () => {
    expect(initialTheme(fakeHost(null, false).host)).toBe('light');
    expect(initialTheme(fakeHost(null, true).host)).toBe('dark');
    expect(initialTheme(fakeHost('light', true).host)).toBe('light');
    expect(initialTheme(fakeHost('purple', true).host)).toBe('dark');
    expect(initialTheme(fakeHost('dark', false, true).host)).toBe('light');
  });

  it('applies the theme to the root at once and on change, and remembers a change', () => {
    const store = createLabStore(parseQuery(''));
    const { host, attributes, stored } = fakeHost(null, false);
    connectTheme(store, host);
    expect(attributes['data-theme']).toBe('light');
    expect(stored).toEqual({});
    store.getState().setTheme('dark');
    expect(attributes['data-theme']).toBe('dark');
    expect(host.root.style.colorScheme).toBe('dark');
    expect(stored['layerscope-theme']).toBe('dark');
  });

  it('still switches when storage is refused', () => {
    const store = createLabStore(parseQuery(''));
    const { host, attributes } = fakeHost(null, true, true);
    connectTheme(store, host);
    expect(attributes['data-theme']).toBe('dark');
    store.getState().setTheme('light');
    expect(attributes['data-theme']).toBe('light');
  });
});
