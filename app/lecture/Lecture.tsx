import { useEffect, useId, useLayoutEffect, useMemo, useRef } from 'react';
import 'katex/dist/katex.min.css'; // bundled with its fonts: the page never fetches anything off its origin
import { Controls } from '../components/Controls.tsx';
import { ShownOnlyContext } from '../components/controls/Hide.tsx';
import { PresentToggle } from '../components/present/PresentToggle.tsx';
import { ProblemsNotice } from '../components/ProblemsNotice.tsx';
import { EngineError } from '../components/RunStatus.tsx';
import { ThemeToggle } from '../components/ThemeToggle.tsx';
import { texToHtml } from '../security/trustedHtml.ts';
import { useLab } from '../store/LabContext.tsx';
import { LecturePanels } from './LecturePanels.tsx';
import { SlideRunBar } from './SlideRunBar.tsx';
import { changedFromStep, currentStep, neighbour, shownControls, slideControls, stepHref, stepIndex, tryItHref, tryItView } from './lectureRoute.ts';
import { fill } from './numbers.ts';
import { LECTURE_STEPS, type LectureStep } from './steps.ts';
import { inPlace, useGoToStep } from './useGoToStep.ts';
import './lecture.css';

/**
 * Text entry keeps its arrow keys, and so does everything in the live column (a focused chart reads
 * its layers with ← →, the convolution drawing steps with them); elsewhere ← and → move through the
 * slides, Home and End to the ends.
 */
function keepsArrows(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.tagName !== 'string') return false;
  if (el.closest?.('.slide-live')) return true;
  return el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || el.getAttribute('role') === 'slider';
}

function useSlideKeys(step: LectureStep, go: (step: LectureStep) => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || keepsArrows(e.target)) return;
      const to = e.key === 'ArrowRight' || e.key === 'PageDown' ? neighbour(step, 1)
        : e.key === 'ArrowLeft' || e.key === 'PageUp' ? neighbour(step, -1)
        : e.key === 'Home' ? LECTURE_STEPS[0]
        : e.key === 'End' ? LECTURE_STEPS[LECTURE_STEPS.length - 1]
        : undefined;
      if (to === undefined) return;
      e.preventDefault(); // also keeps → from stepping a training run (useShortcuts skips handled keys)
      if (to !== null && to !== step) go(to);
    };
    // Capture: before the lab's shortcuts (→ would also step a training run); the live column is left alone above.
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [step, go]);
}

/**
 * The lecture route (`route=lecture&step=<id>`): one slide per step of the lecture notes, in order.
 * Each slide: the formula, two or three sentences whose numbers the engine computed, the live
 * panel(s) on the step's experiment and only the controls that matter; a progress strip and the
 * arrow keys move between steps, every step is a link. `student=1` asks a question per step with
 * the control to answer it; presentation mode and embeds work on every step.
 */
export function Lecture() {
  const view = useLab((s) => s.view);
  const step = currentStep(view);
  const go = useGoToStep();
  useSlideKeys(step, go);
  const trains = useLab((s) => s.config.data !== 'none');
  const titleId = useId();
  const className = ['lecture', view.present ? 'present' : '', view.embed ? 'embed' : ''].filter(Boolean).join(' ');
  useEffect(() => {
    const before = document.title;
    document.title = `${step.title} · Layerscope lecture`;
    return () => { document.title = before; };
  }, [step]);
  return (
    <div className={className}>
      <header className="lecture-bar">
        <p className="lecture-brand">Layerscope <span>· lecture</span></p>
        <ProgressStrip step={step} go={go} />
        {!view.embed && (
          <div className="lecture-tools">
            <StudentToggle />
            <PresentToggle />
            <ThemeToggle />
          </div>
        )}
      </header>
      <ProblemsNotice />
      <div className="slide" data-step={step.id}>
        <article className="slide-text" aria-labelledby={titleId}>
          <p className="slide-topic">{stepIndex(step) + 1} of {LECTURE_STEPS.length} · {step.topic}</p>
          <h1 id={titleId}>{step.title}</h1>
          <Formula tex={step.formula} />
          {view.student ? <Question step={step} /> : <Sentences step={step} />}
          {step.pending && (
            <p className="slide-pending">
              <strong>Still to come in the {step.pending.lab} lab</strong> (issue {step.pending.issue}): {step.pending.shows}
            </p>
          )}
          <ChangedNotice step={step} go={go} />
          {!view.student && <SlideControls keys={slideControls(step, false)} />}
          <SlideNav step={step} go={go} />
        </article>
        <section className="slide-live" aria-label="Live experiment">
          <EngineError />
          <LecturePanels key={step.id} panels={step.panels} single={view.embed} toolbar={trains ? <SlideRunBar /> : null} />
        </section>
      </div>
    </div>
  );
}

/** The formula's type size (rem) when it fits, and the smallest it is shrunk to when it does not. */
const FORMULA_REM = 0.85, FORMULA_MIN_REM = 0.5;

function Formula({ tex }: { readonly tex: string }) {
  // texToHtml is the one way to HTML (a Trusted Types policy that returns KaTeX's output only).
  const html = useMemo(() => texToHtml(tex), [tex]);
  const ref = useRef<HTMLDivElement>(null);
  // A narrow column (an 800x450 embed) shrinks the formula to its width rather than cutting it off;
  // below FORMULA_MIN_REM it scrolls.
  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    /** The rendered lines' extent: KaTeX centres each display line, so one wider than the box overflows on both sides and scrollWidth sees only the right half. */
    const needed = () => {
      let left = Infinity, right = -Infinity;
      for (const line of box.querySelectorAll('.katex-html > .base, .katex-html > .katex-base, .katex-html > .tag')) {
        const r = line.getBoundingClientRect();
        left = Math.min(left, r.left);
        right = Math.max(right, r.right);
      }
      return Math.max(box.scrollWidth, right - left);
    };
    const fit = () => {
      box.style.fontSize = '';
      let rem = FORMULA_REM;
      // Type does not scale exactly linearly (rounded glyph metrics): measure again after the first guess.
      for (let pass = 0; pass < 3; pass++) {
        const width = box.clientWidth, wanted = needed();
        if (!(width > 0) || wanted <= width + 1 || rem <= FORMULA_MIN_REM) break;
        rem = Math.max(FORMULA_MIN_REM, (rem * width) / wanted - 0.005);
        box.style.fontSize = `${rem.toFixed(3)}rem`;
      }
    };
    fit();
    // KaTeX's own fonts may arrive after the first layout, with other widths.
    let live = true;
    const refit = () => { if (live) fit(); };
    void document.fonts?.ready.then(refit);
    document.fonts?.addEventListener('loadingdone', refit);
    // Refit when the column's width changes, in the next frame: resizing inside the observer's
    // callback would report the formula's own new height as an undelivered notification.
    let width = box.clientWidth, frame = 0;
    const observer = new ResizeObserver(() => {
      if (box.clientWidth === width) return;
      width = box.clientWidth;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(fit);
    });
    observer.observe(box);
    return () => {
      live = false;
      document.fonts?.removeEventListener('loadingdone', refit);
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [html]);
  return <div ref={ref} className="slide-formula" role="math" aria-label={tex} dangerouslySetInnerHTML={{ __html: html }} />;
}

function Sentences({ step }: { readonly step: LectureStep }) {
  return <div className="slide-sentences">{step.sentences.map((s, i) => <p key={i}>{fill(s)}</p>)}</div>;
}

/** The student's view: the step's question with the one control that answers it; the lecture's sentences fold behind it. */
function Question({ step }: { readonly step: LectureStep }) {
  const headingId = useId();
  return (
    <>
      <section className="slide-question" aria-labelledby={headingId}>
        <h2 id={headingId}>Question</h2>
        <p>{step.question.text}</p>
        {step.question.control
          ? <SlideControls keys={slideControls(step, true)} />
          : <p className="slide-hint">Answer it in the panel beside: its fields are live.</p>}
      </section>
      <details className="slide-answer">
        <summary>What the lecture says</summary>
        <Sentences step={step} />
      </details>
    </>
  );
}

function SlideControls({ keys }: { readonly keys: readonly string[] }) {
  const shown = useMemo(() => shownControls(keys as Parameters<typeof shownControls>[0]), [keys]);
  if (keys.length === 0) return null;
  return (
    <ShownOnlyContext.Provider value={shown}>
      <div className="slide-controls"><Controls /></div>
    </ShownOnlyContext.Provider>
  );
}

/** Said whenever the experiment is no longer the step's own: the sentences describe the step's, not this one. */
function ChangedNotice({ step, go }: { readonly step: LectureStep; readonly go: (step: LectureStep) => void }) {
  const changed = useLab((s) => changedFromStep(s.config, step));
  if (!changed) return null;
  return (
    <p className="slide-changed" role="status">
      You changed the experiment: the numbers above are the step’s own.{' '}
      <button type="button" className="button quiet" onClick={() => go(step)}>Back to the step’s experiment</button>
    </p>
  );
}

function ProgressStrip({ step, go }: { readonly step: LectureStep; readonly go: (step: LectureStep) => void }) {
  const view = useLab((s) => s.view);
  return (
    <nav className="progress-strip" aria-label="Lecture steps">
      <ol>
        {LECTURE_STEPS.map((s, i) => (
          <li key={s.id} className={s === step ? 'current' : i < stepIndex(step) ? 'done' : ''}>
            <a href={stepHref(s, view)} aria-current={s === step ? 'step' : undefined} title={`${i + 1}. ${s.title}`}
              aria-label={`Step ${i + 1}: ${s.title}`} onClick={inPlace(() => go(s))}>
              <span aria-hidden="true">{i + 1}</span>
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

function SlideNav({ step, go }: { readonly step: LectureStep; readonly go: (step: LectureStep) => void }) {
  const view = useLab((s) => s.view);
  const config = useLab((s) => s.config);
  const setView = useLab((s) => s.setView);
  const previous = neighbour(step, -1), next = neighbour(step, 1);
  const tryIt = tryItHref(config, view);
  return (
    <nav className="slide-nav" aria-label="Slide">
      {previous
        ? <a className="button quiet" href={stepHref(previous, view)} aria-keyshortcuts="ArrowLeft" onClick={inPlace(() => go(previous))}>← Previous</a>
        : <span />}
      {next
        ? <a className="button" href={stepHref(next, view)} aria-keyshortcuts="ArrowRight" onClick={inPlace(() => go(next))}>Next →</a>
        : <span />}
      {view.embed
        ? <a className="button quiet" href={tryIt} target="_blank" rel="noopener">Try it yourself</a>
        : <a className="button quiet" href={tryIt} onClick={inPlace(() => setView({ ...tryItView(view), route: undefined, student: undefined }))}>Try it yourself</a>}
    </nav>
  );
}

function StudentToggle() {
  const student = useLab((s) => s.view.student === true);
  const setView = useLab((s) => s.setView);
  return (
    <button type="button" className="button quiet" aria-pressed={student} onClick={() => setView({ student: student ? undefined : true })}>
      Student view
    </button>
  );
}
