/**
 * What the initialization lab says beside its probe, computed from the config and the numbers
 * shown: the keys the probe did not use, where the dashed theory comes from when batch norm is
 * on, and a one-line reading of the measured per-layer growth against the theory's. Pure.
 */
import type { Config } from '../../../engine/contract/config.ts';
import { stat, type ProbeData } from '../../../engine/contract/probeLayout.ts';
import { probeNotApplied } from '../../../engine/contract/applies.ts';
import { formatNumber } from '../../format/number.ts';

/** "Not used by this probe: lr=0.5 (a training key: the probe takes no step); …", or null. */
export function notAppliedText(config: Config): string | null {
  // The page's probe has no digits file; the toy sets are generated in the worker.
  const dataLoaded = config.data !== 'none' && config.data !== 'digits';
  const list = probeNotApplied(config, { dataLoaded, batch: config.batch });
  return list.length === 0 ? null : `Not used by this probe: ${list.map((n) => `${n.key}=${n.value} (${n.why})`).join('; ')}.`;
}

/** Where the dashed line comes from, when it is not the plain variance recursion; null otherwise. */
export function theorySource(config: Config, panel: 'signal' | 'gradient'): string | null {
  if (config.norm !== 'batch') return null;
  if (config.residual === 1) return 'With batch norm in the residual branches (train mode, batch statistics), the dashed line is the branch’s mean-field theory with each normalized feature at v/(v + ε).';
  if (panel === 'signal') {
    return `Batch norm runs in train mode on the probe batch: each feature of batch variance v leaves it with second moment γ²·v/(v + ε) + β² (γ = 1, β = 0 at initialization, ε = ${config.bneps}), whatever the weights’ scale; the dashed line is that, then the activation (mean-field theory of batch norm, Yang et al. 2019).`;
  }
  const relu = config.act === 'relu' && config.bnpos === 'before';
  return relu
    ? `Batch norm then ReLU, no skips: going down, each layer multiplies E[g²] by π/(π − 1) ≈ 1.467 in the wide limit, here × (1 − 2/B) at batch B = ${config.batch} (Yang, Pennington, Rao, Sohl-Dickstein & Schoenholz 2019, “A mean field theory of batch normalization”): gradients explode with depth whatever the initializer.`
    : 'Through batch norm, E[g²] is multiplied by γ²(1 − 2/B)/(v + ε) per layer (v: the feature’s batch variance), so the dashed line no longer depends on the weights’ scale (Yang et al. 2019, “A mean field theory of batch normalization”).';
}

/** Geometric-mean growth per layer of a positive per-layer series going down, layers 1..depth; NaN when undefined. */
function growthPerLayer(values: readonly number[]): number {
  const n = values.length;
  if (n < 2 || !(values[0] > 0) || !(values[n - 1] > 0) || !Number.isFinite(values[0]) || !Number.isFinite(values[n - 1])) return NaN;
  return (values[0] / values[n - 1]) ** (1 / (n - 1));
}

/** "this run: E[g²] ×1.47 per layer going down, theory ×1.46": the mean growth measured and predicted, or null. */
export function gradientGrowthReading(probe: ProbeData): string | null {
  const measured = growthPerLayer(Array.from({ length: probe.depth }, (_, l) => stat(probe, l, 'gradM2')));
  if (!Number.isFinite(measured)) return null;
  const theory = growthPerLayer(Array.from({ length: probe.depth }, (_, l) => stat(probe, l, 'theoryGradM2')));
  return `this run: E[g²] ×${formatNumber(measured, 3)} per layer going down (geometric mean over layers ${probe.depth} to 1)${Number.isFinite(theory) ? `, theory ×${formatNumber(theory, 3)}` : ''}.`;
}
