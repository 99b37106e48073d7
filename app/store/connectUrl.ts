import { toQuery, type Config } from '../../engine/contract/config.ts';
import { DEFAULT_VIEW, joinQueries, type ViewParams } from '../url/viewQuery.ts';
import type { LabStore } from './labStore.ts';

/** The link for a config (and how it is shown): defaults left out, the path and hash kept. */
export function urlFor(config: Config, location: Pick<Location, 'pathname' | 'hash'>, view: ViewParams = DEFAULT_VIEW): string {
  const query = joinQueries(toQuery(config), view);
  return `${location.pathname}${query ? `?${query}` : ''}${location.hash}`;
}

/**
 * Keep the address bar equal to the config. replaceState, not pushState: trying ten depths should
 * not take ten presses of Back. A link the page had to correct (a bad value, an unknown key) is
 * replaced at once by the link of what runs, so copying the address shares the experiment on
 * screen; the problems notice still names what was wrong with the old one. A good link the page
 * opened with is left alone until the config changes.
 */
export function connectUrl(store: LabStore, history: Pick<History, 'state' | 'replaceState'>, location: Pick<Location, 'pathname' | 'hash'>): () => void {
  const first = store.getState();
  if (first.problems.length > 0) history.replaceState(history.state, '', urlFor(first.config, location, first.view));
  return store.subscribe((state, previous) => {
    if (state.config !== previous.config || state.view !== previous.view) {
      history.replaceState(history.state, '', urlFor(state.config, location, state.view));
    }
  });
}
