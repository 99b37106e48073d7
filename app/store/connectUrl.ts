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
 * not take ten presses of Back. The link the page opened with is left alone until the config
 * changes, so a broken link stays visible next to its problems.
 */
export function connectUrl(store: LabStore, history: History, location: Location): () => void {
  return store.subscribe((state, previous) => {
    if (state.config !== previous.config || state.view !== previous.view) {
      history.replaceState(history.state, '', urlFor(state.config, location, state.view));
    }
  });
}
