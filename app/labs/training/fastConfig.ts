/**
 * The nearest configuration that trains fast enough to watch: the same depth (often the point of
 * the experiment), width and batch cut to the data set's training size (TRAINING_SIZES).
 */
import { TRAINING_SIZES, type Config } from '../../../engine/contract/config.ts';

/** Below this many steps a second a run says it is slow and offers fastConfig. */
export const SLOW_STEPS_PER_SECOND = 20;

export interface FastConfig {
  /** The keys to set. */
  readonly patch: Partial<Config>;
  /** "30 × 32 at batch 32". */
  readonly label: string;
  /** "this 30 × 256 network at batch 256". */
  readonly now: string;
}

export function fastConfig(config: Config): FastConfig | null {
  if (config.data === 'none') return null;
  const size = TRAINING_SIZES[config.data];
  const width = Math.min(config.width, size.width), batch = Math.min(config.batch, size.batch);
  if (width === config.width && batch === config.batch) return null;
  return {
    patch: { width, batch },
    label: `${config.depth} × ${width} at batch ${batch}`,
    now: `this ${config.depth} × ${config.width} network at batch ${config.batch}`,
  };
}
