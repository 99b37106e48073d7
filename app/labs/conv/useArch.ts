import type { ArchState } from '../../../engine/contract/archLayout.ts';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../../store/LabContext.tsx';

/** The primary run's conv state (null before its first snapshot), and the A/B variants', in vs order. */
export function useArchState(): ArchState | null {
  return useLab((s) => s.train?.arch ?? null);
}

export function useVariantArchStates(): readonly (ArchState | null)[] {
  return useLab(useShallow((s) => s.trainVariants.map((v) => v.arch ?? null)));
}

/** "Layer 3: conv 3x3 8->16 relu" */
export function unitTitle(state: ArchState, l: number): string {
  return `Layer ${l + 1}: ${state.units[l]?.name ?? ''}`;
}
