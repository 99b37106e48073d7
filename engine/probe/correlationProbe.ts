/**
 * Two inputs of correlation c_0 through the config's network (the probe's own weights: same seed,
 * same initializer), and the correlation of their pre-activations at every hidden layer,
 * c_l = h_1 . h_2 / (|h_1| |h_2|): the measurement beside the correlation map's iteration
 * (Poole et al. 2016; Schoenholz et al. 2017). Defined for the plain stack of dense layers only.
 */
import type { Config } from '../contract/config.ts';
import { buildNetwork, createCache, forward } from '../model/network.ts';
import { hiddenLayerSpecs, initializeNetwork } from '../experiment.ts';
import { createRng, deriveSeed } from '../rng.ts';
// The input pair's own stream, apart from every stream the probe draws from.
import { PAIR_STREAM } from '../rngStreams.ts';

/** Why the config has no measured c_l, or null. */
export function correlationProblem(config: Config): string | null {
  if (config.arch !== '' || config.widths !== '' || config.residual === 1) return 'the correlation probe runs on the plain stack of dense layers';
  if (config.norm !== 'none') return 'batch norm over a pair of inputs is not the network the theory describes';
  if (config.init === 'lsuv') return 'LSUV is calibrated on the probe batch';
  return null;
}

export function correlationProbe(config: Config, c0: number): Float64Array {
  const problem = correlationProblem(config);
  if (problem) throw new Error(problem);
  const n = config.width;
  const net = buildNetwork(n, hiddenLayerSpecs(config, false));
  const cache = createCache(net, 2, { gradients: false, heads: false });
  initializeNetwork(net, config);
  const rng = createRng(deriveSeed(config.seed, PAIR_STREAM));
  const x = cache.input.data, r = Math.sqrt(1 - c0 * c0);
  for (let i = 0; i < n; i++) {
    const a = rng.normal(), b = rng.normal();
    x[i] = a; x[n + i] = c0 * a + r * b;
  }
  forward(net, cache);
  return Float64Array.from(cache.taps, (tap) => {
    const h = tap.pre.data, w = h.length / 2;
    let s12 = 0, s11 = 0, s22 = 0;
    for (let i = 0; i < w; i++) { s12 += h[i] * h[w + i]; s11 += h[i] * h[i]; s22 += h[w + i] * h[w + i]; }
    return s12 / Math.sqrt(s11 * s22);
  });
}
