/**
 * The runs the residual panels compare: the config and each of its `vs` variants, each named by
 * the keys the variants override ("plain, 30 layers" beside "residual, 30 layers") and drawn in
 * its series colour (run i in seriesColor(i), as every other panel draws the primary and variants).
 */
import { variantsOf, CONFIG_KEYS, parseOverrides, type Config, type ConfigKey } from '../../../engine/contract/config.ts';
import { seriesColor } from '../../charts/chartColors.ts';

export interface RunName {
  /** '' when there is no variant: one run needs no name. */
  readonly name: string;
  readonly color: string;
}

const configsOf = new WeakMap<Config, Config[]>();

/** The primary, then its variants (`vs` order, as the store keeps their probes and runs); one array per config. */
export function runConfigs(config: Config): Config[] {
  let runs = configsOf.get(config);
  if (!runs) {
    runs = [config, ...variantsOf(config)];
    configsOf.set(config, runs);
  }
  return runs;
}

/** Whether a run has residual connections or auxiliary heads. */
export const isResidual = (c: Config) => c.residual === 1;
export const hasAuxHeads = (c: Config) => c.aux1 > 0 || c.aux2 > 0;

/**
 * When the residual lab shows its panels: the config or one of its variants has residual
 * connections on, or auxiliary heads.
 */
export function showsResidualPanels(config: Config): boolean {
  return runConfigs(config).some((c) => isResidual(c) || hasAuxHeads(c));
}

/** Every key a `vs` variant overrides, in CONFIG_KEYS order (`vs` lists variants separated by ';'). */
export function overriddenKeys(vs: string): ConfigKey[] {
  const keys = new Set<ConfigKey>();
  for (const part of vs.split(';')) for (const k of Object.keys(parseOverrides(part).overrides)) keys.add(k as ConfigKey);
  return CONFIG_KEYS.filter((k) => keys.has(k));
}

const ALPHA_NAMES: Readonly<Record<Config['alpha'], string>> = { one: 'α = 1', invsqrt: 'α = 1/√L', zero: 'zero-init branch' };

/** One key's value as a run's name says it: "residual", "30 layers", "α = 1/√L", "norm:batch". */
function part(key: ConfigKey, c: Config): string {
  switch (key) {
    case 'residual': return c.residual === 1 ? 'residual' : 'plain';
    case 'depth': return `${c.depth} layers`;
    case 'alpha': return ALPHA_NAMES[c.alpha] ?? `alpha:${c.alpha}`;
    case 'resform': return c.resform === 'pre' ? 'pre-activation' : 'post-activation';
    case 'norm': return c.norm === 'batch' ? 'batch norm' : 'no norm';
    case 'auxw': return `λ = ${c.auxw}`;
    default: return `${key}:${String(c[key])}`;
  }
}

/** "aux heads at 10, 20", "no aux heads". */
function auxPart(c: Config): string {
  const heads = [c.aux1, c.aux2].filter((l) => l > 0);
  return heads.length === 0 ? 'no aux heads' : `aux ${heads.length === 1 ? 'head' : 'heads'} at ${heads.join(', ')}`;
}

/** A name for each of `runs` (the config and its variants) from the keys its variants override. */
export function runNames(config: Config, runs: readonly Config[]): RunName[] {
  const keys = overriddenKeys(config.vs);
  return runs.map((c, i): string => {
    const parts: string[] = [];
    let auxDone = false;
    for (const k of keys) {
      if (k === 'aux1' || k === 'aux2') {
        if (!auxDone) parts.push(auxPart(c));
        auxDone = true;
        continue;
      }
      parts.push(part(k, c));
    }
    return runs.length > 1 ? (parts.length > 0 ? parts.join(', ') : `run ${i + 1}`) : '';
  }).map((name, i, names) => ({
    // A variant that overrides a key with the value it already had is a twin: number the twins.
    name: names.indexOf(name) === i && names.lastIndexOf(name) === i ? name : `${name} (run ${i + 1})`,
    color: seriesColor(i),
  }));
}
