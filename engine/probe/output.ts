/**
 * What `npm run probe` prints for one probe run (JSON): the query and config computed (the batch
 * actually used), the keys it did not use and why, its fingerprint, per-layer statistics with the
 * theory, and every batch norm's per-feature statistics and running estimates.
 */
import { toQuery } from '../contract/config.ts';
import { probeFingerprint } from '../contract/fingerprint.ts';
import type { ProbeRun } from '../experiment.ts';
import { batchNormReports } from './normReport.ts';
import { layerReports, overflowSummary } from './report.ts';

export function probeOutput(run: ProbeRun) {
  return {
    query: toQuery(run.config),
    config: run.config,
    notApplied: run.notApplied,
    fingerprint: probeFingerprint(run.probe),
    overflow: overflowSummary(run.probe),
    layers: layerReports(run.probe),
    batchNorm: batchNormReports(run.net, run.cache),
  };
}
