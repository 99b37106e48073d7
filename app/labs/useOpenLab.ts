import { useLab } from '../store/LabContext.tsx';
import { impliedLab, type LabId } from './registry.ts';

/** The lab on screen: the link's `lab=`, else the one its keys imply. */
export function useOpenLab(): LabId {
  return useLab((s) => s.view.lab ?? impliedLab(s.config));
}
