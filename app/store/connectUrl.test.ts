import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../engine/contract/config.ts';
import { DEFAULT_VIEW } from '../url/viewQuery.ts';
import { connectUrl } from './connectUrl.ts';
import { createLabStore } from './labStore.ts';

describe('connectUrl', () => {
  it('replaces a link it had to correct with the link of what runs, at once', () => {
    const urls: string[] = [];
    const history = { state: null, replaceState: (_: unknown, __: string, url?: string | URL | null) => { urls.push(String(url)); } };
    const location = { pathname: '/', hash: '' };
    const bad = parseQuery('depth=5000&act=relu');
    expect(bad.problems).toHaveLength(1);
    connectUrl(createLabStore(bad, DEFAULT_VIEW), history, location);
    expect(urls).toEqual(['/?v=1&act=relu']);
    const good = parseQuery('depth=5&act=relu');
    connectUrl(createLabStore(good, DEFAULT_VIEW), history, location);
    expect(urls).toHaveLength(1); // a good link is left as it was written
  });
});
