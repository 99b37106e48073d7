import type { Config } from './schema.ts';

/**
 * The hidden layers' widths of a plain stack: the `widths` list when it is set (one layer per
 * entry, so depth is its length), else `depth` layers of `width`. Residual blocks keep `width`.
 */
export function hiddenWidths(config: Config): number[] {
  if (config.widths === '' || config.residual === 1) return Array.from({ length: config.depth }, () => config.width);
  return config.widths.split(',').map(Number);
}

/** Whether a widths list shapes this config's layers. */
export function usesWidths(config: Config): boolean {
  return config.widths !== '' && config.residual !== 1;
}
