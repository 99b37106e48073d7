/**
 * The regularization lab's presets, in the shape of presets.ts: press Play or +100, the notice says
 * at which step its numbers hold (`npm run probe -- "<query>" --steps N`); presets.test.ts beside
 * this file trains each (every run in lockstep, as the page does) and checks every number quoted.
 * A part of the lab adds a preset as one entry.
 */
import type { Preset } from '../../presets/presets.ts';
import { AUGMENT_PRESETS } from './augment/presets.ts';
import { PRETRAIN_PRESETS } from './pretrain/presets.ts';

export const REGULARIZATION_PRESETS: readonly Preset[] = [
  ...AUGMENT_PRESETS,
  ...PRETRAIN_PRESETS,
];
