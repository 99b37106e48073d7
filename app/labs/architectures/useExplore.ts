import { useCallback } from 'react';
import { useLab, useLabStore } from '../../store/LabContext.tsx';
import { DEFAULT_EXPLORE, type ExploreView } from './exploreView.ts';

/** One field of the explorer's view (in the link); re-renders only when it changes. */
export function useExplore<K extends keyof ExploreView>(key: K): ExploreView[K] {
  return useLab((s) => (s.view.explore ?? DEFAULT_EXPLORE)[key]);
}

/** Change some of the explorer's view: the link follows. */
export function useSetExplore(): (patch: Partial<ExploreView>) => void {
  const store = useLabStore();
  return useCallback((patch) => {
    const s = store.getState();
    s.setView({ explore: { ...(s.view.explore ?? DEFAULT_EXPLORE), ...patch } });
  }, [store]);
}
