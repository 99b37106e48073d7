/**
 * The presets of every lab (app/labs/<lab>/presets.ts), in the registry's order: each is a link (the
 * same query a lecturer would share) with a title and the one thing to notice. Each lab's notices
 * quote what the CLI prints for the same query, and the presets tests beside them check the numbers.
 */
import { parseQuery, type Config } from '../../engine/contract/config.ts';
import { LABS } from '../labs/registry.ts';

export interface Preset {
  /** Stable id, for keys and tests. */
  readonly id: string;
  readonly title: string;
  /** The experiment as a link query (codec of engine/config.ts). */
  readonly query: string;
  /** One or two sentences: what the charts show, in numbers the probe really gives. */
  readonly notice: string;
}

export const PRESETS: readonly Preset[] = LABS.flatMap((lab) => lab.presets);

const configs = new WeakMap<Preset, Config>();

/** A preset's full config: every key, so choosing it replaces the whole experiment. */
export function presetConfig(preset: Preset): Config {
  let config = configs.get(preset);
  if (!config) {
    config = parseQuery(preset.query).config;
    configs.set(preset, config);
  }
  return config;
}

/** The preset whose config this is, if any (a changed control leaves the preset). */
export function matchPreset(config: Config, presets: readonly Preset[] = PRESETS): Preset | null {
  return presets.find((p) => sameConfig(presetConfig(p), config)) ?? null;
}

function sameConfig(a: Config, b: Config): boolean {
  return (Object.keys(a) as (keyof Config)[]).every((k) => a[k] === b[k]);
}
