import { useLab, useTrainingControls } from '../store/LabContext.tsx';

const integer = new Intl.NumberFormat('en-US');

/**
 * A slide's training controls, on one line so the chart keeps its room (the full training bar,
 * with every readout, is one click away in "Try it yourself"): Play or Pause, +100, Reset, the step.
 * Play and Pause behave as the lab's bar: Pause says "Pausing…" until the worker has stopped.
 */
export function SlideRunBar() {
  const controls = useTrainingControls();
  const status = useLab((s) => s.trainStatus);
  const pending = useLab((s) => s.trainPending);
  const step = useLab((s) => s.train?.metrics.step ?? 0);
  const divergence = useLab((s) => s.train?.divergence ?? null);
  const error = useLab((s) => s.trainError);
  const pausing = pending === 'pause' && status === 'running';
  const running = pending === 'play' ? true : status === 'running' && !pausing;
  const blocked = status === 'diverged' || status === 'error' || status === 'loading';
  const said = status === 'loading' ? 'Building the network…'
    : status === 'diverged' ? `Stopped: ${divergence ?? 'training diverged'}.`
      : status === 'error' ? `Training failed: ${error ?? 'unknown error'}`
        : pausing ? 'Pausing…' : running ? 'Training…' : '';
  return (
    <section className="slide-run" aria-label="Training">
      <button type="button" className="button" onClick={running ? controls.pause : controls.play} disabled={(blocked && !running) || pausing} aria-keyshortcuts="Space">
        {pausing ? 'Pausing…' : running ? 'Pause' : 'Play'}
      </button>
      <button type="button" className="button quiet" onClick={() => controls.step(100)} disabled={running || blocked} title="Train 100 steps, then pause">+100</button>
      <button type="button" className="button quiet" onClick={controls.reset} disabled={status === 'loading'} aria-keyshortcuts="R" title="Back to step 0: the same initial weights and batch order">Reset</button>
      <span className="slide-run-step">Step <strong data-testid="train-step">{integer.format(step)}</strong></span>
      <span className={status === 'diverged' || status === 'error' ? 'slide-run-status danger' : 'slide-run-status'} role="status" aria-live="polite">{said}</span>
    </section>
  );
}
