import { useCallback, type MouseEvent } from 'react';
import { useLabStore } from '../store/LabContext.tsx';
import { enterStep } from './lectureRoute.ts';
import type { LectureStep } from './steps.ts';

/** Moves the page to a lecture step: its experiment and view replace the current ones (the link follows). */
export function useGoToStep(): (step: LectureStep) => void {
  const store = useLabStore();
  return useCallback((step) => {
    const s = store.getState();
    const entered = enterStep(step, s.view);
    s.setConfig(entered.config);
    s.setView({ ...entered.view, explore: entered.view.explore });
    s.dismissProblems();
  }, [store]);
}

/** A same-page link: a plain click moves in place; a modified click (a new tab) follows the href. */
export function inPlace(action: () => void): (e: MouseEvent<HTMLAnchorElement>) => void {
  return (e) => {
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    action();
  };
}
