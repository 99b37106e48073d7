import { useMemo } from 'react';
import { probeFingerprint } from '../../engine/contract/fingerprint.ts';
import { useLab } from '../store/LabContext.tsx';

/**
 * A short fingerprint of the numbers on screen: a student and a lecturer who open the same link
 * see the same fingerprint, because the engine computes the same bits on every machine.
 */
export function ProbeFingerprint() {
  const probe = useLab((s) => s.probe);
  const preview = useLab((s) => s.previewBatch !== null);
  // With a data set the charts show the training run, not this probe: its fingerprint would vouch for numbers not on screen.
  const training = useLab((s) => s.config.data !== 'none');
  // A preview's numbers are not the link's result: no fingerprint until the full probe lands.
  const fingerprint = useMemo(() => (probe && !preview ? probeFingerprint(probe) : null), [probe, preview]);
  if (!fingerprint || training) return null;
  return (
    <p className="fingerprint" title="The same link gives the same fingerprint on every machine: the numbers are reproduced bit for bit.">
      Result fingerprint <code aria-label="result fingerprint">{fingerprint}</code>
    </p>
  );
}

/**
 * A paused training run's fingerprint: the CLI prints the same one for the same link
 * (`npm run probe -- "<link>" --steps N`, its `fingerprint`), so a lecturer can check a student's run.
 */
export function TrainingFingerprint() {
  const training = useLab((s) => s.config.data !== 'none');
  const run = useLab((s) => s.train);
  const status = useLab((s) => s.trainStatus);
  if (!training || !run || !run.fingerprint || status === 'running' || status === 'loading') return null;
  return (
    <p className="fingerprint" title="npm run probe -- &quot;<this link>&quot; --steps N prints the same fingerprint: the run is reproduced bit for bit.">
      Result fingerprint at step {run.metrics.step.toLocaleString('en-US')} <code aria-label="training fingerprint">{run.fingerprint}</code>
    </p>
  );
}
