/**
 * The runs the residual panels compare: the config and each of its `vs` variants, each named by
 * the keys the variants override ("plain, 30 layers" beside "residual, 30 layers") and drawn in
 * its series colour (run i in seriesColor(i), as every other panel draws the primary and variants).
 */
import { describeRuns, variantsOf, type Config } from '../../../engine/contract/config.ts';
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

export { overriddenKeys } from '../../../engine/contract/variants.ts';

/** A name for each of `runs` (the config and its variants), in words (describeRuns), in its series colour. */
export function runNames(config: Config, runs: readonly Config[]): RunName[] {
  const names = describeRuns(config);
  return runs.map((_, i) => ({ name: names[i] ?? `run ${i + 1}`, color: seriesColor(i) }));
}
