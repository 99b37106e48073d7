import { formatDuration } from '../format/number.ts';
import { useAfterDelay } from '../hooks/useAfterDelay.ts';
import { useEngineControls, useLab } from '../store/LabContext.tsx';

/** What the engine is doing; a long run comes with a way out, never a frozen spinner. */
export function RunStatus() {
  const status = useLab((s) => s.status);
  const elapsedMs = useLab((s) => s.elapsedMs);
  const previewBatch = useLab((s) => s.previewBatch);
  const batch = useLab((s) => s.config.batch);
  const engine = useEngineControls();
  const slow = useAfterDelay(status === 'running', 2500);
  const training = useLab((s) => s.config.data !== 'none');
  const trainStatus = useLab((s) => s.trainStatus);
  const pending = useLab((s) => s.trainPending);
  const step = useLab((s) => s.train?.metrics.step ?? 0);
  // On a training page the masthead speaks of the run: training (or building it) first; when the
  // run is idle, at which step, beside what the probe is doing.
  const onTrainingPage = training && trainStatus !== 'off' && status !== 'error' && status !== 'refused' && status !== 'stopped';
  const playing = pending === 'play' || (trainStatus === 'running' && pending !== 'pause');
  if (onTrainingPage && (playing || trainStatus === 'loading')) {
    return (
      <p role="status" aria-label="Engine status" className="run-status">
        <span className="spinner" aria-hidden="true" />
        {trainStatus === 'loading' ? 'Building the run…' : 'Training in the worker…'}
      </p>
    );
  }
  const idle = onTrainingPage ? (trainStatus === 'diverged' ? 'Training diverged. ' : `Idle at step ${step.toLocaleString('en-US')}. `) : '';
  return (
    <p role="status" aria-label="Engine status" className="run-status">
      {status === 'running' && <span className="spinner" aria-hidden="true" />}
      {idle}
      {status === 'idle' && 'Starting the engine…'}
      {status === 'running' && (onTrainingPage ? 'Probing the network…' : previewBatch ? `Preview from ${previewBatch === 1 ? 'one example' : `${previewBatch} examples`}; computing all ${batch}…` : 'Computing in the worker…')}
      {status === 'ready' && elapsedMs !== null && `Computed in ${formatDuration(elapsedMs)} in the worker.`}
      {status === 'stopped' && 'Stopped. Change a setting or restart to run again.'}
      {status === 'error' && 'The engine stopped with an error.'}
      {status === 'refused' && 'Not run: too big for a browser tab.'}
      {slow && <button type="button" className="button quiet" onClick={engine.stop}>Stop</button>}
      {status === 'stopped' && <button type="button" className="button quiet" onClick={engine.restart}>Restart</button>}
    </p>
  );
}

/** The engine's error, as text, with the one thing to do about it. */
export function EngineError() {
  const status = useLab((s) => s.status);
  const error = useLab((s) => s.error);
  const engine = useEngineControls();
  if (status === 'refused' && error !== null) {
    return (
      <div role="alert" className="notice danger">
        <div className="notice-body">
          <h2>This experiment is too big to run here</h2>
          <p>{error}</p>
        </div>
      </div>
    );
  }
  if (status !== 'error' || error === null) return null;
  return (
    <div role="alert" className="notice danger">
      <div className="notice-body">
        <h2>The engine failed</h2>
        <p>{error}</p>
        {/allocation failed|out of memory|invalid array length/i.test(error) && (
          <p>This experiment needs more memory than the browser gives a page: try fewer layers, units or examples.</p>
        )}
      </div>
      <button type="button" className="button" onClick={engine.restart}>Restart</button>
    </div>
  );
}
