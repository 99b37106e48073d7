import type { ProbeData } from './probeLayout.ts';

/**
 * A short fingerprint of a probe's numbers (FNV-1a over the bytes of its statistics and
 * histograms): two machines that show the same fingerprint computed the same bits.
 */
export function probeFingerprint(probe: ProbeData): string {
  let h = 0x811c9dc5;
  for (const array of [probe.stats, probe.preHist, probe.actHist]) {
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * A training run's fingerprint: FNV-1a over the bytes of every parameter, in order. The CLI's
 * `--steps` report prints it as `fingerprint`; the page shows it for a paused run.
 */
export function parametersFingerprint(values: readonly Float32Array[]): string {
  let h = 0x811c9dc5;
  for (const value of values) {
    const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
