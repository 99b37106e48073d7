import type { ReactNode } from 'react';
import { useLab } from '../../store/LabContext.tsx';
import type { HideTarget } from '../../url/viewQuery.ts';

/** Renders its children unless the link's `hide=` names this control or group. */
export function Hide({ k, children }: { readonly k: HideTarget; readonly children: ReactNode }) {
  const hidden = useLab((s) => s.view.hide.includes(k));
  return hidden ? null : children;
}
