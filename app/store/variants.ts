import { variantOf, type Config } from '../../engine/contract/config.ts';

/**
 * The configs of a config's A/B variants, in `vs` order (variants are separated by ';'; each is
 * the primary with its overrides applied). Empty without `vs`.
 */
export function variantConfigs(config: Config): Config[] {
  if (!config.vs) return [];
  const out: Config[] = [];
  for (const part of config.vs.split(';')) {
    const v = part ? variantOf({ ...config, vs: part }) : null;
    if (v) out.push(v);
  }
  return out;
}

/** A variant's overrides as people read them: "norm batch, lr 0.01". */
export function describeOverrides(config: Config, index: number): string {
  const part = config.vs.split(';')[index] ?? '';
  return part.split(',').filter(Boolean).map((pair) => pair.replace(':', ' ')).join(', ');
}
