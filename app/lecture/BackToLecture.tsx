import { useLab } from '../store/LabContext.tsx';
import { stepHref } from './lectureRoute.ts';
import { stepById } from './steps.ts';
import { inPlace, useGoToStep } from './useGoToStep.ts';

/** In a lab opened from a lecture slide ("Try it yourself"): the way back to that slide, on the step's own experiment. */
export function BackToLecture() {
  const view = useLab((s) => s.view);
  const go = useGoToStep();
  const step = stepById(view.step);
  if (!step) return null;
  return (
    <a className="button back-to-lecture" href={stepHref(step, view)} onClick={inPlace(() => go(step))}>
      ← Back to the lecture
    </a>
  );
}
