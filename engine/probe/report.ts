import type { ProbeData } from '../contract/probeLayout.ts';
import { stat } from '../contract/probeLayout.ts';

/** JSON has no NaN or Infinity: a non-finite statistic becomes null (and nonFinite says why). */
const num = (x: number): number | null => (Number.isFinite(x) ? x : null);

export interface LayerReport {
  layer: number;
  width: number;
  preact: { mean: number | null; var: number | null; m2: number | null; p15: number | null; p50: number | null; p85: number | null; min: number | null; max: number | null };
  act: { mean: number | null; var: number | null; m2: number | null; p15: number | null; p50: number | null; p85: number | null; min: number | null; max: number | null };
  grad: { m2: number | null; norm: number | null };
  actGrad: { m2: number | null };
  weight: { norm: number | null };
  weightGrad: { norm: number | null; ratio: number | null };
  saturated: number | null;
  dead: number | null;
  theory: { preactM2: number | null; actM2: number | null; gradM2: number | null };
  /** The residual stream at a block's output (the layer ending a block; null elsewhere): E[x^2] measured and predicted. */
  stream: { m2: number | null; theoryM2: number | null };
  /** ||dx_{k+1}/dx_k|| across the block (or pair of plain layers) this layer ends, by the ratio of gradient norms; null elsewhere. */
  blockJacobian: number | null;
  nonFinite: { preact: number; act: number; grad: number; weightGrad: number };
}

/** The probe as plain objects, one per hidden layer in order (the CLI's JSON and the export's). */
export function layerReports(probe: ProbeData): LayerReport[] {
  const out: LayerReport[] = [];
  for (let l = 0; l < probe.depth; l++) {
    const s = (f: Parameters<typeof stat>[2]) => num(stat(probe, l, f));
    out.push({
      layer: l + 1,
      width: probe.widths[l],
      preact: { mean: s('preMean'), var: s('preVar'), m2: s('preM2'), p15: s('preP15'), p50: s('preP50'), p85: s('preP85'), min: s('preMin'), max: s('preMax') },
      act: { mean: s('actMean'), var: s('actVar'), m2: s('actM2'), p15: s('actP15'), p50: s('actP50'), p85: s('actP85'), min: s('actMin'), max: s('actMax') },
      grad: { m2: s('gradM2'), norm: s('gradNorm') },
      actGrad: { m2: s('actGradM2') },
      weight: { norm: s('weightNorm') },
      weightGrad: { norm: s('weightGradNorm'), ratio: s('weightGradRatio') },
      saturated: s('saturated'),
      dead: s('dead'),
      theory: { preactM2: s('theoryPreM2'), actM2: s('theoryActM2'), gradM2: s('theoryGradM2') },
      stream: { m2: s('streamM2'), theoryM2: s('theoryStreamM2') },
      blockJacobian: s('blockJacobian'),
      nonFinite: {
        preact: stat(probe, l, 'nonFinitePre'), act: stat(probe, l, 'nonFiniteAct'),
        grad: stat(probe, l, 'nonFiniteGrad'), weightGrad: stat(probe, l, 'nonFiniteWeightGrad'),
      },
    });
  }
  return out;
}

/** A readable sentence about where the numbers stopped being finite, or null. */
export function overflowSummary(probe: ProbeData): string | null {
  const parts: string[] = [];
  if (probe.forwardOverflowLayer > 0) parts.push(`layer ${probe.forwardOverflowLayer} overflowed in the forward pass`);
  if (probe.backwardOverflowLayer > 0) parts.push(`the gradient at layer ${probe.backwardOverflowLayer} overflowed in the backward pass`);
  return parts.length > 0 ? parts.join('; ') : null;
}

const CSV_COLUMNS: readonly [string, (r: LayerReport) => number | null][] = [
  ['layer', (r) => r.layer], ['width', (r) => r.width],
  ['preact_mean', (r) => r.preact.mean], ['preact_var', (r) => r.preact.var], ['preact_m2', (r) => r.preact.m2],
  ['preact_p15', (r) => r.preact.p15], ['preact_p50', (r) => r.preact.p50], ['preact_p85', (r) => r.preact.p85],
  ['act_mean', (r) => r.act.mean], ['act_var', (r) => r.act.var], ['act_m2', (r) => r.act.m2],
  ['grad_m2', (r) => r.grad.m2], ['grad_norm', (r) => r.grad.norm],
  ['weight_grad_norm', (r) => r.weightGrad.norm], ['weight_grad_ratio', (r) => r.weightGrad.ratio],
  ['saturated', (r) => r.saturated], ['dead', (r) => r.dead],
  ['theory_preact_m2', (r) => r.theory.preactM2], ['theory_grad_m2', (r) => r.theory.gradM2],
  ['nonfinite_preact', (r) => r.nonFinite.preact], ['nonfinite_grad', (r) => r.nonFinite.grad],
  ['stream_m2', (r) => r.stream.m2], ['theory_stream_m2', (r) => r.stream.theoryM2], ['block_jacobian', (r) => r.blockJacobian],
];

export function toCsv(reports: readonly LayerReport[]): string {
  const lines = [CSV_COLUMNS.map(([name]) => name).join(',')];
  for (const r of reports) lines.push(CSV_COLUMNS.map(([, get]) => { const v = get(r); return v === null ? '' : String(v); }).join(','));
  return lines.join('\n') + '\n';
}
