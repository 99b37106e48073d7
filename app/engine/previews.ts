/**
 * What a probe answer shows the page, and the preview of a slow probe: a first look on a few
 * examples while the full batch is computed. Pure: no worker, no state.
 */
import { estimateProbeCost } from '../../engine/contract/limits.ts';
import { quickProbeSupported } from '../../engine/contract/quickSupport.ts';
import type { Config } from '../../engine/contract/config.ts';
import type { FromWorker } from '../../engine/contract/protocol.ts';
import type { ProbeData } from '../../engine/contract/probeLayout.ts';

/** The probes of a config's variants, in `vs` order, and why any was not run. */
export interface VariantProbes {
  readonly probes: readonly (ProbeData | null)[];
  readonly problem: string | null;
}

const NO_VARIANTS: VariantProbes = { probes: [], problem: null };

/** The variants' probes from a 'snapshot' message, and every variant's problem in one sentence (null if none). */
export function variantProbesOf(message: Extract<FromWorker, { type: 'snapshot' }>): VariantProbes {
  const { variantProbes: probes, variantProblems } = message;
  const said = variantProblems.flatMap((p, i) => (p ? [variantProblems.length > 1 ? `variant ${i + 1}: ${p}` : p] : []));
  const problem = said.length > 0 ? said.join(' ') : null;
  return probes.length === 0 && problem === null ? NO_VARIANTS : { probes, problem };
}

/** A probe answer as the page is shown it. */
export interface ProbeResult {
  readonly probe: ProbeData;
  readonly elapsedMs: number;
  readonly variants: VariantProbes;
}

export function resultOf(message: Extract<FromWorker, { type: 'snapshot' }>): ProbeResult {
  return { probe: message.probe, elapsedMs: message.elapsedMs, variants: variantProbesOf(message) };
}

/**
 * Examples in a preview probe. While a slider is dragged over a big net (50 x 256 at batch 256 is
 * ~5 GFLOP, seconds of work), the charts follow a probe of a few examples and the full batch
 * replaces it when the hand stops. A plain stack of random weights gets the quick probe on
 * QUICK_BATCH examples (engine/probe/quickProbe.ts: ~25 ms for 50 x 256 on the 2-core machine);
 * anything else the ordinary probe on PREVIEW_BATCH (statistics over 8 x width values per layer).
 */
export const PREVIEW_BATCH = 8;
export const QUICK_BATCH = 1;

/** Below this much work the full probe is quick enough to go first. */
const PREVIEW_MIN_FLOPS = 60e6;

/** A first look at a slow probe: this config (fewer examples), through quickProbe or not. */
export interface Preview {
  readonly config: Config;
  readonly quick: boolean;
}

/** The preview for a slow probe (same everything, fewer examples), or null when not worth it. */
export function previewOf(config: Config): Preview | null {
  if (config.batch <= 4 * PREVIEW_BATCH) return null;
  const full = estimateProbeCost(config).flops;
  if (full < PREVIEW_MIN_FLOPS) return null;
  if (quickProbeSupported(config)) return { config: { ...config, batch: QUICK_BATCH }, quick: true };
  const preview = { ...config, batch: PREVIEW_BATCH };
  return estimateProbeCost(preview).flops * 4 < full ? { config: preview, quick: false } : null;
}
