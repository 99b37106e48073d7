import { useEffect } from 'react';
import { FitContext, PresentContext } from '../../charts/presentContext.ts';
import { StepAxisContext } from '../../charts/stepAxisContext.ts';
import { LabPanels } from '../../labs/LabPanels.tsx';
import { impliedLab, labOf } from '../../labs/registry.ts';
import { TrainingBar } from '../../labs/training/TrainingBar.tsx';
import { useOpenLab } from '../../labs/useOpenLab.ts';
import { useLab, useLabStore } from '../../store/LabContext.tsx';
import type { LabStore } from '../../store/labStore.ts';
import { EngineError } from '../RunStatus.tsx';
import { nextSlide, slidesOf } from './slides.ts';

/** Step the slide view from the store (the keys and the buttons share it), or leave it. */
function moveSlide(store: LabStore, step: number | 'leave'): void {
  const s = store.getState();
  if (step === 'leave') { s.setView({ slide: undefined }); return; }
  const next = nextSlide(slidesOf(s.view.lab ?? impliedLab(s.config), s.config), s.view.slide ?? '', step);
  if (next) s.setView({ slide: next.id as NonNullable<typeof s.view.slide> });
}

/**
 * slide=<panel>: one panel of the open lab filling the window, large as in presentation mode, for a
 * lecturer to step through: PageDown / PageUp (what a presentation clicker sends) or the buttons,
 * Esc to leave. The link names the slide on screen, so it can be shared or opened on that slide.
 */
export function Slides() {
  const store = useLabStore();
  const stepAxis = useLab((s) => s.stepAxis);
  const lab = useOpenLab();
  const config = useLab((s) => s.config);
  const slide = useLab((s) => s.view.slide);
  const slides = slidesOf(lab, config);
  const at = slides.findIndex((p) => p.id === slide);
  const trains = labOf(lab).controls.length > 0 && lab !== 'init';

  // A slide this lab or config does not show (slide=curves without a data set) opens the first one.
  useEffect(() => {
    if (at < 0 && slides.length > 0) moveSlide(store, 0);
  }, [at, slides.length, store]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      const step = e.key === 'PageDown' ? 1 : e.key === 'PageUp' ? -1 : e.key === 'Escape' ? 'leave' : null;
      if (step === null) return;
      e.preventDefault();
      moveSlide(store, step);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

  const title = at >= 0 ? slides[at].title.replace(/^The /, 'the ') : '';
  return (
    <PresentContext.Provider value>
    <FitContext.Provider value>
    <StepAxisContext.Provider value={stepAxis}>
    <div className="app slides present">
      <nav className="slide-bar" aria-label="Slides">
        <button type="button" className="button quiet" aria-keyshortcuts="PageUp" disabled={at <= 0} onClick={() => moveSlide(store, -1)}>← Previous</button>
        <span className="slide-position" aria-live="polite">Slide {at + 1} of {slides.length}: {title}</span>
        <button type="button" className="button quiet" aria-keyshortcuts="PageDown" disabled={at < 0 || at >= slides.length - 1} onClick={() => moveSlide(store, 1)}>Next →</button>
        <button type="button" className="button quiet" aria-keyshortcuts="Escape" onClick={() => moveSlide(store, 'leave')}>Leave slides</button>
      </nav>
      <main className="content">
        <EngineError />
        {trains && <TrainingBar />}
        <LabPanels />
      </main>
    </div>
    </StepAxisContext.Provider>
    </FitContext.Provider>
    </PresentContext.Provider>
  );
}

/** The masthead's way in (key S): the slide view on the open lab's first panel. */
export function SlidesButton() {
  const store = useLabStore();
  return (
    <button type="button" className="button quiet" aria-keyshortcuts="S" title="One chart at a time (S); PageDown and PageUp step" onClick={() => enterSlides(store)}>
      Slides
    </button>
  );
}

export function enterSlides(store: LabStore): void {
  const s = store.getState();
  const first = slidesOf(s.view.lab ?? impliedLab(s.config), s.config)[0];
  if (first) s.setView({ slide: first.id as NonNullable<typeof s.view.slide> });
}
