import { createContext, useContext, type ReactNode } from 'react';
import { useLab } from '../../store/LabContext.tsx';
import type { HideTarget } from '../../url/viewQuery.ts';

/**
 * When set, only these controls and groups are shown (a lecture slide shows the few that matter
 * for its step); null: all but those `hide=` names.
 */
export const ShownOnlyContext = createContext<ReadonlySet<HideTarget> | null>(null);

/** Renders its children unless the link's `hide=` names this control or group, or a ShownOnlyContext leaves it out. */
export function Hide({ k, children }: { readonly k: HideTarget; readonly children: ReactNode }) {
  const hidden = useLab((s) => s.view.hide.includes(k));
  const only = useContext(ShownOnlyContext);
  return hidden || (only !== null && !only.has(k)) ? null : children;
}
