/**
 * Every batch norm of a network in plain numbers, per feature: the last batch's mean and (biased)
 * variance, gamma and beta, and the running mean and variance (what eval mode uses). The CLI prints
 * these beside the per-layer statistics, for the probe and after training.
 */
import type { Cache, Network } from '../model/network.ts';

export interface BatchNormReport {
  /** 1-based layer (unit) the batch norm belongs to. */
  layer: number;
  position: 'before' | 'after';
  eps: number;
  momentum: number;
  features: number;
  batchMean: number[];
  batchVar: number[];
  gamma: number[];
  beta: number[];
  runningMean: number[];
  runningVar: number[];
}

const list = (x: ArrayLike<number>): number[] => Array.from(x, (v) => (Number.isFinite(v) ? v : (null as unknown as number)));

/** One report per unit that has a batch norm, in layer order (empty without norm=batch). */
export function batchNormReports(net: Network, cache: Cache): BatchNormReport[] {
  const out: BatchNormReport[] = [];
  net.units.forEach((unit, l) => {
    const n = unit.norm;
    if (!n) return;
    const stats = cache.taps[l]?.normStats ?? null;
    out.push({
      layer: l + 1, position: n.position, eps: n.eps, momentum: n.momentum, features: n.gamma.data.length,
      batchMean: stats ? list(stats.mean) : [], batchVar: stats ? list(stats.variance) : [],
      gamma: list(n.gamma.data), beta: list(n.beta.data),
      runningMean: list(n.runningMean.data), runningVar: list(n.runningVar.data),
    });
  });
  return out;
}

/** The batch norms as a CSV table, one row per layer and feature ('' without batch norm). */
export function batchNormCsv(reports: readonly BatchNormReport[]): string {
  if (reports.length === 0) return '';
  const cell = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  let out = '\nlayer,position,feature,batch_mean,batch_var,gamma,beta,running_mean,running_var\n';
  for (const r of reports) {
    for (let j = 0; j < r.features; j++) {
      out += [r.layer, r.position, j + 1, r.batchMean[j], r.batchVar[j], r.gamma[j], r.beta[j], r.runningMean[j], r.runningVar[j]].map((v) => (typeof v === 'string' ? v : cell(v))).join(',') + '\n';
    }
  }
  return out;
}
