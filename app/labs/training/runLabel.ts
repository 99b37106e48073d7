import type { Config } from '../../../engine/contract/config.ts';

/** "Variant: norm:batch", the way the A/B controls name the second run. */
export function variantTitle(config: Config | null): string {
  return config && config.vs ? `Variant: ${config.vs.replaceAll(',', ', ')}` : 'Variant';
}
