/**
 * From a config to what training builds: the hidden layers' specs and the auxiliary heads (the
 * training-set size and why a config cannot be trained are the contract's: contract/training.ts).
 */
import type { Config } from '../contract/config.ts';
import { hiddenLayerSpecs } from '../experiment.ts';
import type { AuxHeadSpec } from '../model/layers/auxHead.ts';
import type { LayerSpec } from '../model/network.ts';

/** The hidden layers training builds: the probe's (experiment.ts), with batch norm where norm=batch puts it. */
export function hiddenSpecs(config: Config): LayerSpec[] {
  return hiddenLayerSpecs(config, true);
}

/**
 * The auxiliary heads of a config (aux1, then aux2; 0 = none) and, per slot, the head's index in
 * the list or -1. A head reads hidden layer auxN (1-based), so its spec's `at` is auxN - 1.
 */
export function auxHeadSpecs(config: Config, classes: number): { heads: AuxHeadSpec[]; slots: number[] } {
  const heads: AuxHeadSpec[] = [], slots: number[] = [];
  for (const layer of [config.aux1, config.aux2]) {
    if (layer > 0 && layer <= config.depth) {
      slots.push(heads.length);
      heads.push({ at: layer - 1, classes });
    } else slots.push(-1);
  }
  return { heads, slots };
}

