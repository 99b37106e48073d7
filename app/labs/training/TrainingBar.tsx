import { formatNumber } from '../../format/number.ts';
import { useLab, useTrainingControls } from '../../store/LabContext.tsx';
import type { TrainUiStatus } from '../../store/trainSlice.ts';
import { describeOverrides, describeRun } from '../../../engine/contract/variants.ts';
import { testReadout } from './readout.ts';
import { fastConfig, SLOW_STEPS_PER_SECOND, type FastConfig } from './fastConfig.ts';
import { useEffect, useState } from 'react';
import type { Config } from '../../../engine/contract/config.ts';
import './training.css';

const percent = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : '–');
const loss = (x: number) => (Number.isFinite(x) ? formatNumber(x, 3) : '–');
const integer = new Intl.NumberFormat('en-US');

/** One sentence on the run, for the live region (a screen reader hears state changes, not every step). */
function statusSentence(status: TrainUiStatus, step: number, error: string | null, divergence: string | null): string {
  switch (status) {
    case 'off': return '';
    case 'loading': return 'Building the network and loading the data…';
    case 'ready': return 'Ready at step 0: press Play, or Step to take one step.';
    case 'running': return 'Training in the worker.';
    case 'paused': return `Paused at step ${integer.format(step)}.`;
    case 'diverged': return `Stopped: ${divergence ?? 'training diverged'}. Reset, or lower the learning rate.`;
    case 'error': return `Training failed: ${error ?? 'unknown error'}`;
  }
}

/**
 * A run that trains slower than SLOW_STEPS_PER_SECOND (seen on a running snapshot, kept until the
 * config changes), with the nearest fast configuration (fastConfig), or null.
 */
function useSlowRun(rate: number, config: Config): (FastConfig & { rate: number }) | null {
  const [seen, setSeen] = useState<{ config: Config; rate: number } | null>(null);
  useEffect(() => {
    if (rate > 0 && rate < SLOW_STEPS_PER_SECOND && (seen?.config !== config || seen.rate !== rate)) setSeen({ config, rate });
  }, [rate, config, seen]);
  if (!seen || seen.config !== config) return null;
  const fast = fastConfig(config);
  return fast ? { ...fast, rate: seen.rate } : null;
}

/**
 * Play, pause, step and reset, with the run's step, epoch, speed and latest metrics. The buttons
 * keep their place (play and pause share one) so a lecturer's clicks land where they did.
 */
export function TrainingBar() {
  const data = useLab((s) => s.config.data);
  const status = useLab((s) => s.trainStatus);
  const error = useLab((s) => s.trainError);
  const run = useLab((s) => s.train);
  const dataset = useLab((s) => s.dataset);
  const variants = useLab((s) => s.trainVariants);
  const config = useLab((s) => s.config);
  const controls = useTrainingControls();
  // Every hook before the early return (a data=none config renders no bar).
  const pending = useLab((s) => s.trainPending);
  const setConfig = useLab((s) => s.setConfig);
  const slowRun = useSlowRun(status === 'running' && pending !== 'pause' ? run?.stepsPerSecond ?? 0 : 0, config);
  if (data === 'none') return null;
  const m = run?.metrics;
  const step = m?.step ?? 0;
  // Play answers at once; Pause at once says "Pausing…" and offers Play only when the worker has
  // stopped (so the numbers on screen no longer move once Play is there).
  const pausing = pending === 'pause' && status === 'running';
  const running = pending === 'play' ? true : status === 'running' && !pausing;
  const blocked = status === 'diverged' || status === 'error' || status === 'loading';
  const slow = slowRun;
  const sentence = pending === 'pause' && status === 'running' ? `Pausing at step ${integer.format(step)}…`
    : pending === 'play' && status !== 'running' && status !== 'error' ? 'Starting to train…'
      : statusSentence(status, step, error, run?.divergence ?? null);
  const tested = testReadout(m);
  const at = (mark: string) => (mark ? <span className="stale-step"> · {mark}</span> : null);
  return (
    <section className="training-bar" aria-label="Training">
      <div className="training-buttons" role="group" aria-label="Training controls">
        <button type="button" className="button train-play" onClick={running ? controls.pause : controls.play}
          disabled={(blocked && !running) || pausing} aria-keyshortcuts="Space">
          {pausing ? 'Pausing…' : running ? 'Pause' : 'Play'}
        </button>
        <button type="button" className="button quiet" onClick={() => controls.step(1)} disabled={running || blocked}
          aria-keyshortcuts="ArrowRight" title="Train one step, then pause">Step</button>
        <button type="button" className="button quiet" onClick={() => controls.step(100)} disabled={running || blocked}
          title="Train 100 steps, then pause">+100</button>
        <button type="button" className="button quiet" onClick={controls.reset} disabled={status === 'loading'}
          aria-keyshortcuts="R" title="Back to step 0: the same initial weights and batch order">Reset</button>
      </div>
      <dl className="training-readout">
        <div><dt>Step</dt><dd data-testid="train-step">{integer.format(step)}</dd></div>
        <div><dt>Epoch</dt><dd>{m ? integer.format(m.epoch) : '0'}</dd></div>
        <div><dt>Steps/s</dt><dd data-testid="train-rate">{running && run ? integer.format(Math.round(run.stepsPerSecond)) : '–'}</dd></div>
        <div><dt>Train loss</dt><dd>{loss(m?.trainLoss ?? NaN)}</dd></div>
        <div><dt>Train acc.</dt><dd>{percent(m?.trainAccuracy ?? NaN)}</dd></div>
        <div title={tested.description} className={tested.stale ? 'stale' : undefined}>
          <dt>Test loss</dt><dd><span data-testid="test-loss">{loss(m?.testLoss ?? NaN)}</span>{at(tested.mark)}</dd>
        </div>
        <div title={tested.description} className={tested.stale ? 'stale' : undefined}>
          <dt>Test acc.</dt><dd><span data-testid="test-accuracy">{percent(m?.testAccuracy ?? NaN)}</span>{at(tested.mark)}</dd>
        </div>
      </dl>
      {variants.length > 0 && (
        <ul className="training-variants" aria-label="Runs compared">
          <li><strong>{describeRun(config, 0)}</strong>: the numbers above</li>
          {variants.map((v, i) => (
            <li key={i}>
              <strong>{describeOverrides(config, i)}</strong>: train loss {loss(v.metrics.trainLoss)}, test acc. {percent(v.metrics.testAccuracy)}{at(testReadout(v.metrics).mark)}
              {v.divergence && <span className="danger"> — stopped: {v.divergence}</span>}
            </li>
          ))}
        </ul>
      )}
      <StepAxisChoice />
      {slow && (
        <p className="training-slow" role="note">
          Training at {integer.format(Math.round(slow.rate))} steps/s: {slow.now} is too big to watch learn live.
          {' '}<button type="button" className="button quiet" onClick={() => setConfig(slow.patch)}>Train {slow.label} instead</button>
        </p>
      )}
      <p className={status === 'diverged' || status === 'error' ? 'training-status danger' : 'training-status'} role="status" aria-live="polite">
        {sentence}
        {dataset && status !== 'error' && (
          <span className="training-data"> {dataset.trainCount} training and {dataset.testCount} test examples
            {dataset.standardized ? '; inputs standardized with the training split’s mean and sd' : ''}.</span>
        )}
      </p>
    </section>
  );
}

const LAST_CHOICES = [null, 100, 1000, 10000] as const;

/** The steps axis of every chart over training steps: linear or log, every step or the last N. */
function StepAxisChoice() {
  const axis = useLab((s) => s.stepAxis);
  const setStepAxis = useLab((s) => s.setStepAxis);
  return (
    <div className="step-axis" role="group" aria-label="Steps axis">
      <label>Steps axis{' '}
        <select aria-label="Steps axis scale" value={axis.scale} onChange={(e) => setStepAxis({ scale: e.target.value === 'log' ? 'log' : 'linear' })}>
          <option value="linear">linear</option>
          <option value="log">log</option>
        </select>
      </label>{' '}
      <label>show{' '}
        <select aria-label="Steps shown" value={axis.last ?? 'all'} onChange={(e) => setStepAxis({ last: e.target.value === 'all' ? null : Number(e.target.value) })}>
          {LAST_CHOICES.map((n) => <option key={n ?? 'all'} value={n ?? 'all'}>{n === null ? 'every step' : `the last ${integer.format(n)}`}</option>)}
        </select>
      </label>
    </div>
  );
}
