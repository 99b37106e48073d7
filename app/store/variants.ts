import type { Config } from '../../engine/contract/config.ts';

/** A variant's overrides as people read them: "norm batch, lr 0.01". */
export function describeOverrides(config: Config, index: number): string {
  const part = config.vs.split(';')[index] ?? '';
  return part.split(',').filter(Boolean).map((pair) => pair.replace(':', ' ')).join(', ');
}
