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
 * not take ten presses of Back.
 *
 * A link opened with problems is corrected at once: the address bar then holds the link of what the
 * page shows (the defaults that replaced the bad values), so copying or sharing it shares this
 * experiment, and reopening it opens the same one without a notice. The broken link stays visible
 * in the problems notice (`openedLink`), quoted as text beside what was wrong with it. A link without
 * problems is left as written (its order, its explicit defaults) until the config changes.
 */
export function connectUrl(store: LabStore, history: History, location: Location): () => void {
  const opened = store.getState();
  if (opened.problems.length > 0) history.replaceState(history.state, '', urlFor(opened.config, location, opened.view));
  return store.subscribe((state, previous) => {
    if (state.config !== previous.config || state.view !== previous.view) {
      history.replaceState(history.state, '', urlFor(state.config, location, state.view));
    }
  });
}
