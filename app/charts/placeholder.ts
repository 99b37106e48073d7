import type { RunStatus } from '../store/runSlice.ts';

/** What a panel says before the first probe arrives (or instead of it). */
export const PLACEHOLDER: Readonly<Record<RunStatus, string>> = {
  idle: 'Running the first probe…',
  running: 'Running the first probe…',
  ready: '',
  error: 'No chart yet: the engine failed (see above).',
  stopped: 'No chart yet: the probe was stopped.',
  refused: 'Not run: this experiment is too big for a browser tab (see above).',
};
