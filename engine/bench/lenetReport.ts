import type { LayerFigure } from './lenetProfile.ts';

/** The engine's conv layers must reach this share of its dense layers' GFLOP/s on the same products. */
export const CONV_VS_DENSE_TARGET = 0.8;

const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
const gflops = (flops: number, ms: number) => flops / (ms * 1e6);

/** Per-layer medians over the engine's W4 processes, and conv against dense GFLOP/s (printed, never a failure). */
export function reportLayers(runs: LayerFigure[][]): void {
  const names = runs[0].map((f) => f.name);
  const rows = names.map((name, i) => ({ name, ms: median(runs.map((r) => r[i].ms)), flops: runs[0][i].flops }));
  console.log(`\nW4 engine per layer (median CPU ms per step over ${runs.length} process(es); products x 2 flops per multiply-add):`);
  for (const r of rows) {
    const rate = r.flops > 0 ? `${gflops(r.flops, r.ms).toFixed(2).padStart(6)} GFLOP/s  (${(r.flops / 1e6).toFixed(1)} MFLOP)` : '';
    console.log(`  ${r.name.padEnd(26)} ${r.ms.toFixed(2).padStart(7)} ms  ${rate}`);
  }
  const by = (name: string) => rows.find((r) => r.name === name)!;
  const conv = [by('conv1 (fwd + dW)'), by('conv2 (fwd + dW + dx)')];
  const standIns = [by("dense on conv1's product"), by("dense on conv2's product")];
  const rate = (rs: typeof rows) => gflops(rs.reduce((a, r) => a + r.flops, 0), rs.reduce((a, r) => a + r.ms, 0));
  const convRate = rate(conv), standInRate = rate(standIns), stepDense = rate([by('dense x3 in the step')]);
  const share = convRate / standInRate;
  console.log(
    `  conv layers ${convRate.toFixed(2)} GFLOP/s = ${(100 * share).toFixed(0)}% of the dense op on the same products (${standInRate.toFixed(2)})`
    + ` (target >= ${100 * CONV_VS_DENSE_TARGET}%: ${share >= CONV_VS_DENSE_TARGET ? 'met' : 'missed'}); the step's own dense layers (batch 32 rows): ${stepDense.toFixed(2)}`,
  );
}
