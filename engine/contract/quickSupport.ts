import type { Config } from './config.ts';

/**
 * Can the quick probe (quickProbe.ts) stand in for this config's probe? Plain stacks whose weights
 * are scaled random draws on the synthetic input: not residual, not LSUV (fitted to data), not
 * zeros or constant, no batch norm (its statistics need the whole batch), no data set. Its own
 * module, free of the engine's kernels, so the page can ask before sending a request.
 */
export function quickProbeSupported(config: Config): boolean {
  return config.residual !== 1 && config.init !== 'lsuv' && config.init !== 'zeros' && config.init !== 'constant'
    && config.norm !== 'batch' && config.data === 'none' && config.widths === '';
}
